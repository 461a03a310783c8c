SELECT `__g0` AS `dc`, `__a0` AS `total`, `__a1` AS `count(_value)`
FROM (
  SELECT `labels`[{p5:String}] AS `__g0`, sumOrNull(`value`) AS `__a0`, count() AS `__a1`
  FROM `metrics`
  WHERE `org_id` = {p0:String} AND `timestamp` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `timestamp` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((lower(`index`) = lower({p3:String})) AND (`metric_name` LIKE {p4:String})) AND mapContains(`labels`, {p5:String})
  GROUP BY `__g0`
)
ORDER BY `dc` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
