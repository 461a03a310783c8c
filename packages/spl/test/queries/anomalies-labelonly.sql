SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `unexpectedness`, `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, if(isNull(CAST(`_fields`.`message` AS Nullable(String))), toFloat64(NULL), toFloat64(((`__anom_px` - `__anom_p`) / nullIf((`__anom_p` + length(`__anom_grams`)), 0)))) AS `unexpectedness`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__anom_grams`, `__anom_p`, if(isNull(`host`), NULL, uniqExactArray(`__anom_grams`) OVER (PARTITION BY isNull(CAST(`_fields`.`message` AS Nullable(String))), `host` ORDER BY `__ss_pos` ROWS BETWEEN 100 PRECEDING AND CURRENT ROW)) AS `__anom_px`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__anom_grams`, `__ss_pos`, if(isNull(`host`), NULL, uniqExactArray(`__anom_grams`) OVER (PARTITION BY isNull(CAST(`_fields`.`message` AS Nullable(String))), `host` ORDER BY `__ss_pos` ROWS BETWEEN 100 PRECEDING AND 1 PRECEDING)) AS `__anom_p`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__anom_grams`, count() OVER (ORDER BY `_time` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__ss_pos`
        FROM (
          SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, arrayDistinct(arrayMap(g -> cityHash64(g), ngrams(concat({p4:String}, substringUTF8(ifNull(CAST(`_fields`.`message` AS Nullable(String)), ''), 1, 1000), {p4:String}), 3))) AS `__anom_grams`
          FROM (
            SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
            FROM `logs`
            WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
          )
        )
      )
    )
  )
)
ORDER BY `_time` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
