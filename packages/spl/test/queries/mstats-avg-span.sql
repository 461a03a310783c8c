SELECT `__t` AS `_time`, `__g0` AS `host`, `__a0` AS `avg(cpu.usage)`
FROM (
  SELECT fromUnixTimestamp64Milli(intDiv(toUnixTimestamp64Milli(`timestamp`), 60000) * 60000, 'UTC') AS `__t`, `labels`[{p5:String}] AS `__g0`, avgOrNullIf(`value`, `metric_name` = {p7:String}) AS `__a0`
  FROM `metrics`
  WHERE `org_id` = {p0:String} AND `timestamp` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `timestamp` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND `metric_name` IN {p3:Array(String)} AND ((lower(`index`) = lower({p4:String})) AND (mapContains(`labels`, {p5:String}) AND `labels`[{p5:String}] ILIKE {p6:String})) AND mapContains(`labels`, {p5:String})
  GROUP BY `__t`, `__g0`
)
ORDER BY `_time` ASC, `host` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
