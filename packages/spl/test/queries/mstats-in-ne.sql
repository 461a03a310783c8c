SELECT `__g0` AS `region`, `__a0` AS `stdev(latency)`
FROM (
  SELECT `labels`[{p5:String}] AS `__g0`, stddevSampOrNullIf(`value`, `metric_name` = {p10:String}) AS `__a0`
  FROM `metrics`
  WHERE `org_id` = {p0:String} AND `timestamp` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `timestamp` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND `metric_name` IN {p3:Array(String)} AND ((lower(`index`) = lower({p4:String})) AND ((mapContains(`labels`, {p5:String}) AND lower(`labels`[{p5:String}]) = lower({p6:String})) OR (mapContains(`labels`, {p5:String}) AND lower(`labels`[{p5:String}]) = lower({p7:String}))) AND (mapContains(`labels`, {p8:String}) AND NOT (lower(`labels`[{p8:String}]) = lower({p9:String})))) AND mapContains(`labels`, {p5:String})
  GROUP BY `__g0`
)
ORDER BY `region` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
