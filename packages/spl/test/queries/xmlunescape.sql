SELECT `_raw`
FROM (
  SELECT `_raw`, `_time` AS `__h0`
  FROM (
    SELECT `_time`, decodeXMLComponent(`_raw`) AS `_raw`
    FROM (
      SELECT `_time`, `_raw`
      FROM `logs`
      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
    )
  )
)
ORDER BY `__h0` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
