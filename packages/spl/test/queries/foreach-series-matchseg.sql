SELECT `host`, `out`
FROM (
  SELECT `host`, arrayFold((`out`, `__foreach`) -> CAST(concat(concat(concat(`out`, concat(replaceRegexpAll(`__foreach`, {p9:String}, {p11:String}), {p12:String}, replaceRegexpAll(`__foreach`, {p9:String}, {p13:String}), {p14:String})), toString(`_series`[`__foreach`])), {p15:String}) AS Nullable(String)), arrayMap(k -> replaceRegexpOne(k, {p9:String}, {p10:String}), arraySort(arrayFilter(k -> match(k, {p9:String}), mapKeys(`_series`)))), CAST(`out` AS Nullable(String))) AS `out`
  FROM (
    SELECT `host`, {p7:String} AS `out`, mapFilter((k, v) -> multiIf(match(k, {p8:String}), 1, 0) = 0, `_series`) AS `_series`
    FROM (
      SELECT `__g0` AS `host`, `__s` AS `_series`
      FROM (
        SELECT `labels`[{p5:String}] AS `__g0`, CAST(avgOrNullMapIf(map(replaceRegexpOne(`metric_name`, {p3:String}, {p6:String}), `value`), match(`metric_name`, {p3:String})) AS Map(String, Nullable(Float64))) AS `__s`
        FROM `metrics`
        WHERE `org_id` = {p0:String} AND `timestamp` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `timestamp` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND match(`metric_name`, {p3:String}) AND (lower(`index`) = lower({p4:String})) AND mapContains(`labels`, {p5:String})
        GROUP BY `__g0`
      )
    )
  )
)
ORDER BY `host` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
