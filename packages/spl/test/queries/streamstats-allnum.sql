SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `avg3`, `n`, `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, if(isNull(`host`), NULL, if(((count(if(and(isNotNull(CAST(`_fields`.`bytes` AS Nullable(String))), isNull(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String))))), toFloat64(1), toFloat64(NULL))) OVER (PARTITION BY `host` ORDER BY `__ss_pos` RANGE BETWEEN 2 PRECEDING AND CURRENT ROW)) > 0), toFloat64(NULL), toFloat64((avgOrNull(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String)))) OVER (PARTITION BY `host` ORDER BY `__ss_pos` RANGE BETWEEN 2 PRECEDING AND CURRENT ROW))))) AS `avg3`, if(isNull(`host`), NULL, count(CAST(`_fields`.`bytes` AS Nullable(String))) OVER (PARTITION BY `host` ORDER BY `__ss_pos` RANGE BETWEEN 2 PRECEDING AND CURRENT ROW)) AS `n`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, count() OVER (ORDER BY `_time` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__ss_pos`
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
