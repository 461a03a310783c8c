SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `run`, `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, if(isNull(`__ss_segment`) OR isNull(`host`), NULL, count() OVER (PARTITION BY `__ss_segment`, `host` ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) AS `run`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__ss_pos`, `__ss_starts` AS `__ss_segment`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__ss_pos`, sumOrNull(`__ss_start`) OVER (ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__ss_starts`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__ss_pos`, if(not(or(and(isNull(`host`), isNull(`__ss_prev0`)), coalesce(if(isNotNull(toFloat64OrNull(`host`)) AND isNotNull(toFloat64OrNull(`__ss_prev0`)), toFloat64OrNull(`host`) = toFloat64OrNull(`__ss_prev0`), `host` = `__ss_prev0`), false))), toFloat64(1), toFloat64(0)) AS `__ss_start`
        FROM (
          SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__ss_pos`, maxOrNull(`host`) OVER (ORDER BY `__ss_pos` ROWS BETWEEN 1 PRECEDING AND 1 PRECEDING) AS `__ss_prev0`
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
    )
  )
)
ORDER BY `_time` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
