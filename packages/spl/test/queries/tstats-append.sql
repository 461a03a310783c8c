SELECT `sourcetype`, count() AS `count`
FROM (
  SELECT `sourcetype`, 0 AS `__h0`, row_number() OVER (ORDER BY `__h2` DESC) AS `__h1`
  FROM (
    SELECT `sourcetype`, `_time` AS `__h2`
    FROM (
      SELECT `_time`, `sourcetype`
      FROM `logs`
      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND ifNull((lowerUTF8(`sourcetype`) = {p4:String}), false))
    )
  )
  UNION ALL
  SELECT `sourcetype`, 1 AS `__h0`, row_number() OVER (ORDER BY `__h3` DESC) AS `__h1`
  FROM (
    SELECT `sourcetype`, `_time` AS `__h3`
    FROM (
      SELECT `_time`, `sourcetype`
      FROM `logs`
      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p5:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND ifNull((lowerUTF8(`sourcetype`) = {p6:String}), false))
    )
  )
)
WHERE isNotNull(`sourcetype`)
GROUP BY `sourcetype`
ORDER BY `sourcetype` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
