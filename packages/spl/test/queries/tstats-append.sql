SELECT `sourcetype`, count() AS `count`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, 0 AS `__h0`, row_number() OVER (ORDER BY `_time` DESC) AS `__h1`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
      FROM `logs`
      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND ifNull((lowerUTF8(`sourcetype`) = {p4:String}), false))
    )
  )
  UNION ALL
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, 1 AS `__h0`, row_number() OVER (ORDER BY `_time` DESC) AS `__h1`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
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
