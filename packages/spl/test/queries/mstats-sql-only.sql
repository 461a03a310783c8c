SELECT `__g0` AS `host`, `__a0` AS `perc95(latency)`, `__a1` AS `median(latency)`, `__a2` AS `latest(latency)`, `__a3` AS `earliest(latency)`, `__a4` AS `rate(requests)`
FROM (
  SELECT `labels`[{p5:String}] AS `__g0`, if(countIf(`metric_name` = {p6:String}) = 0, NULL, arrayElement(arraySort(groupArrayIf(`value`, `metric_name` = {p6:String})), toUInt64(greatest(1, ceil({p7:Float64} * countIf(`metric_name` = {p6:String})))))) AS `__a0`, if(countIf(`metric_name` = {p6:String}) = 0, NULL, arrayElement(arraySort(groupArrayIf(`value`, `metric_name` = {p6:String})), toUInt64(greatest(1, ceil({p8:Float64} * countIf(`metric_name` = {p6:String})))))) AS `__a1`, if(countIf(`metric_name` = {p6:String}) = 0, NULL, argMaxIf(`value`, `timestamp`, `metric_name` = {p6:String})) AS `__a2`, if(countIf(`metric_name` = {p6:String}) = 0, NULL, argMinIf(`value`, `timestamp`, `metric_name` = {p6:String})) AS `__a3`, if(countIf(`metric_name` = {p9:String}) < 2 OR (maxIf(toUnixTimestamp64Milli(`timestamp`) / 1000, `metric_name` = {p9:String}) - minIf(toUnixTimestamp64Milli(`timestamp`) / 1000, `metric_name` = {p9:String})) = 0, NULL, (argMaxIf(`value`, `timestamp`, `metric_name` = {p9:String}) - argMinIf(`value`, `timestamp`, `metric_name` = {p9:String})) / (maxIf(toUnixTimestamp64Milli(`timestamp`) / 1000, `metric_name` = {p9:String}) - minIf(toUnixTimestamp64Milli(`timestamp`) / 1000, `metric_name` = {p9:String}))) AS `__a4`
  FROM `metrics`
  WHERE `org_id` = {p0:String} AND `timestamp` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `timestamp` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND `metric_name` IN {p3:Array(String)} AND (lower(`index`) = lower({p4:String})) AND mapContains(`labels`, {p5:String})
  GROUP BY `__g0`
)
ORDER BY `host` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
