SELECT `port`, count() AS `count`
FROM (
  SELECT `_time`, NULL AS `port`
  FROM (
    SELECT `_time`
    FROM `logs`
    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND ifNull((lowerUTF8(`sourcetype`) = {p4:String}), false))
  )
)
WHERE isNotNull(`port`)
GROUP BY `port`
ORDER BY `port` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
