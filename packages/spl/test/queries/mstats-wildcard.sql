SELECT `_time`, `source.workload.name`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`
FROM (
  SELECT `__t` AS `_time`, `__g0` AS `source.workload.name`, `__s` AS `_series`
  FROM (
    SELECT fromUnixTimestamp64Milli(intDiv(toUnixTimestamp64Milli(`timestamp`), 10000) * 10000, 'UTC') AS `__t`, `labels`[{p6:String}] AS `__g0`, mapUpdate(mapUpdate(CAST(avgOrNullMapIf(map(replaceRegexpOne(`metric_name`, {p3:String}, {p7:String}), `value`), match(`metric_name`, {p3:String})) AS Map(String, Nullable(Float64))), CAST(stddevSampOrNullMapIf(map(replaceRegexpOne(`metric_name`, {p3:String}, {p8:String}), `value`), match(`metric_name`, {p3:String})) AS Map(String, Nullable(Float64)))), CAST(countMapIf(map(replaceRegexpOne(`metric_name`, {p4:String}, {p9:String}), `value`), match(`metric_name`, {p4:String})) AS Map(String, Nullable(Float64)))) AS `__s`
    FROM `metrics`
    WHERE `org_id` = {p0:String} AND `timestamp` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `timestamp` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (match(`metric_name`, {p3:String}) OR match(`metric_name`, {p4:String})) AND (lower(`index`) = lower({p5:String})) AND mapContains(`labels`, {p6:String})
    GROUP BY `__t`, `__g0`
  )
)
ORDER BY `_time` ASC, `source.workload.name` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
