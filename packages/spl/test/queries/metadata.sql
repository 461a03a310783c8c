SELECT `host`, (toUnixTimestamp64Milli(`firstTime`) / 1000) AS `firstTime`, (toUnixTimestamp64Milli(`lastTime`) / 1000) AS `lastTime`, (toUnixTimestamp64Milli(`recentTime`) / 1000) AS `recentTime`, `totalCount`, {p4:String} AS `type`
FROM (
  SELECT `host`, minOrNull(`_time`) AS `firstTime`, maxOrNull(`_time`) AS `lastTime`, maxOrNull(`_indextime`) AS `recentTime`, count() AS `totalCount`
  FROM `logs`
  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
  GROUP BY `host`
)
ORDER BY `host` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
