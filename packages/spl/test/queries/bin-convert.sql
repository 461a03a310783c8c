SELECT `host`, coalesce(formatDateTime(toDateTime64((toUnixTimestamp64Milli(`firstTime`) / 1000), 3, {p4:String}), {p5:String}, {p4:String}), toString(toUnixTimestamp64Milli(`firstTime`) / 1000)) AS `firstTime`
FROM (
  SELECT `host`, minOrNull(`_time`) AS `firstTime`
  FROM (
    SELECT `host`, `_time` AS `__h0`, toDateTime64(toStartOfHour(`_time`, {p4:String}), 3, 'UTC') AS `_time`
    FROM (
      SELECT `_time`, `host`
      FROM `logs`
      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
    )
  )
  WHERE isNotNull(`host`)
  GROUP BY `host`
)
ORDER BY `host` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
