SELECT `host`, maxOrNull(`lag`) AS `max_lag`
FROM (
  SELECT `_time`, `host`, `__nexus_indextime`, (`__nexus_indextime` - (toUnixTimestamp64Milli(`_time`) / 1000)) AS `lag`
  FROM (
    SELECT `_time`, `index`, `host`, toUnixTimestamp(`_indextime`) AS `__nexus_indextime`
    FROM `logs`
    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC')
  )
  WHERE (`index` = {p3:String})
)
WHERE (`lag` > 60) AND isNotNull(`host`)
GROUP BY `host`
ORDER BY `host` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
