SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `total`, `share`, `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `total`, (toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String))) / nullIf(`total`, 0)) AS `share`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, sumOrNull(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String)))) OVER (PARTITION BY `host`) AS `total`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
      FROM `logs`
      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
    )
  )
)
ORDER BY `_time` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
