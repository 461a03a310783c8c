SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__ss_pos`, sumOrNull(`__hd_stop`) OVER (ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS `__hd_stops`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__ss_pos`, if(coalesce((toFloat64OrNull(CAST(`_fields`.`status` AS Nullable(String))) < 500), true), toFloat64(0), toFloat64(1)) AS `__hd_stop`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, count() OVER (ORDER BY `_time` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__ss_pos`
        FROM (
          SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
        )
      )
    )
  )
  WHERE and((coalesce(toFloat64(`__hd_stops`), toFloat64(0)) = 0), (`__ss_pos` <= 5))
)
ORDER BY `_time` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
