SELECT `__t` AS `_time`, `__a0` AS `avg(cpu.usage)`, `__a1` AS `peak`
FROM (
  SELECT fromUnixTimestamp64Milli(intDiv(toUnixTimestamp64Milli(`timestamp`), 300000) * 300000, 'UTC') AS `__t`, avgOrNullIf(`value`, `metric_name` = {p10:String}) AS `__a0`, maxOrNullIf(`value`, `metric_name` = {p11:String}) AS `__a1`
  FROM `metrics`
  WHERE `org_id` = {p0:String} AND `timestamp` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `timestamp` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND `metric_name` IN {p3:Array(String)} AND ((lower(`index`) = lower({p4:String})) AND ((mapContains(`labels`, {p5:String}) AND lower(`labels`[{p5:String}]) = lower({p6:String})) OR (mapContains(`labels`, {p5:String}) AND lower(`labels`[{p5:String}]) = lower({p7:String}))) AND (NOT (mapContains(`labels`, {p8:String}) AND lower(`labels`[{p8:String}]) = lower({p9:String}))))
  GROUP BY `__t`
)
ORDER BY `_time` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
