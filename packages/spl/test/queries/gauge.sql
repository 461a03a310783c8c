SELECT `myCount` AS `x`, 5000 AS `y1`, 8000 AS `y2`, 12000 AS `y3`, 15000 AS `y4`
FROM (
  SELECT count() AS `myCount`
  FROM `logs`
  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
  LIMIT 1
)
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
