SELECT `host`, `latest_time`, `latest_age`
FROM (
  SELECT `host`, `latest_time`, (`info_max_time` - (toUnixTimestamp64Milli(`latest_time`) / 1000)) AS `latest_age`
  FROM (
    SELECT `host`, `latest_time`, 1704888000 AS `info_max_time`
    FROM (
      SELECT `host`, argMax(`_time`, `_time`) AS `latest_time`
      FROM `logs`
      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
      GROUP BY `host`
    )
  )
)
ORDER BY `host` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
