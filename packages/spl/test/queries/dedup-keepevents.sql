SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `status`, `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `status`, `__h0` AS `__h2`, `__h1` AS `__h3`, `_fields`
  FROM (
    SELECT `_time`, `index`, `source`, `sourcetype`, `_raw`, `_fields`, `host`, `status`, isNull(`__ss_pos`) AS `__h0`, `__ss_pos` AS `__h1`
    FROM (
      SELECT `_time`, `index`, `source`, `sourcetype`, `_raw`, `_fields`, `__ss_pos`, if(`__nexus_dedup_repeat`, NULL, `host`) AS `host`, if(`__nexus_dedup_repeat`, NULL, CAST(`_fields`.`status` AS Nullable(String))) AS `status`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__ss_pos`, and(and((`__nexus_dedup_rank` > 2), isNotNull(`host`)), isNotNull(CAST(`_fields`.`status` AS Nullable(String)))) AS `__nexus_dedup_repeat`
        FROM (
          SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__ss_pos`, if(isNull(`host`) OR isNull(CAST(`_fields`.`status` AS Nullable(String))), NULL, count() OVER (PARTITION BY `host`, CAST(`_fields`.`status` AS Nullable(String)) ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) AS `__nexus_dedup_rank`
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
ORDER BY `__h2` ASC, `__h3` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
