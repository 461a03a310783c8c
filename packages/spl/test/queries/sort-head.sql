SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`, isNull(CAST(`fields`.`bytes` AS Nullable(String))) AS `__h0`, isNull(toFloat64OrNull(CAST(`fields`.`bytes` AS Nullable(String)))) AS `__h1`, toFloat64OrNull(CAST(`fields`.`bytes` AS Nullable(String))) AS `__h2`, CAST(`fields`.`bytes` AS Nullable(String)) AS `__h3`, isNull(`host`) AS `__h4`, isNull(toFloat64OrNull(`host`)) AS `__h5`, toFloat64OrNull(`host`) AS `__h6`, `host` AS `__h7`
  FROM `logs`
  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
  ORDER BY `__h0` ASC, `__h1` DESC, `__h2` DESC, `__h3` DESC, `__h4` ASC, `__h5` ASC, `__h6` ASC, `__h7` ASC
  LIMIT 20
)
ORDER BY `__h0` ASC, `__h1` DESC, `__h2` DESC, `__h3` DESC, `__h4` ASC, `__h5` ASC, `__h6` ASC, `__h7` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
