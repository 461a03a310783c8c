SELECT toDateTime64(`__h0`, 3, 'UTC') AS `_time`, `__h1` AS `count`
FROM (
  SELECT fromUnixTimestamp64Milli(intDiv(toUnixTimestamp64Milli(`_time`) - 3600000, 7200000) * 7200000 + 3600000, 'UTC') AS `__h0`, count() AS `__h1`
  FROM `logs`
  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
  GROUP BY `__h0`
)
ORDER BY `_time` ASC WITH FILL FROM fromUnixTimestamp64Milli({p5:Int64}, 'UTC') TO fromUnixTimestamp64Milli({p2:Int64}, 'UTC') STEP INTERVAL 2 HOUR
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
