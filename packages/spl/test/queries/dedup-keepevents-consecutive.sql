SELECT `host`, `status`
FROM (
  SELECT `host`, `status`, `__h2` AS `__h4`, `__h3` AS `__h5`
  FROM (
    SELECT `host`, `status`, `__h0` AS `__h2`, `__h1` AS `__h3`
    FROM (
      SELECT `host`, `status`, isNull(`__ss_pos`) AS `__h0`, `__ss_pos` AS `__h1`
      FROM (
        SELECT `_time`, `__ss_pos`, if(`__nexus_dedup_repeat`, NULL, `host`) AS `host`, if(`__nexus_dedup_repeat`, NULL, CAST(`_fields`.`status` AS Nullable(String))) AS `status`
        FROM (
          SELECT `_time`, `host`, `_fields.status`, `__ss_pos`, and(and((`__nexus_dedup_rank` > 1), isNotNull(`host`)), isNotNull(CAST(`_fields`.`status` AS Nullable(String)))) AS `__nexus_dedup_repeat`
          FROM (
            SELECT `_time`, `host`, `_fields.status`, `__ss_pos`, if(isNull(`__nexus_dedup_prev_run`) OR isNull(and(isNotNull(`host`), isNotNull(CAST(`_fields`.`status` AS Nullable(String))))), NULL, count() OVER (PARTITION BY `__nexus_dedup_prev_run`, and(isNotNull(`host`), isNotNull(CAST(`_fields`.`status` AS Nullable(String)))) ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) AS `__nexus_dedup_rank`
            FROM (
              SELECT `_time`, `host`, `_fields.status`, `__ss_pos`, sumOrNull(`__nexus_dedup_prev_start`) OVER (ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__nexus_dedup_prev_run`
              FROM (
                SELECT `_time`, `host`, `_fields.status`, `__ss_pos`, if(and(and(isNotNull(`host`), isNotNull(CAST(`_fields`.`status` AS Nullable(String)))), not(and(isNotNull(`__nexus_dedup_prev_any`), coalesce((`__nexus_dedup_prev_same` = `__nexus_dedup_prev_any`), false)))), toFloat64(1), toFloat64(0)) AS `__nexus_dedup_prev_start`
                FROM (
                  SELECT `_time`, `host`, `_fields.status`, `__ss_pos`, `__nexus_dedup_prev_any`, if(isNull(`host`) OR isNull(CAST(`_fields`.`status` AS Nullable(String))), NULL, maxOrNull(`__ss_pos`) OVER (PARTITION BY `host`, CAST(`_fields`.`status` AS Nullable(String)) ORDER BY `__ss_pos` ROWS BETWEEN 1 PRECEDING AND 1 PRECEDING)) AS `__nexus_dedup_prev_same`
                  FROM (
                    SELECT `_time`, `host`, `_fields.status`, `__ss_pos`, if(isNull(and(isNotNull(`host`), isNotNull(CAST(`_fields`.`status` AS Nullable(String))))), NULL, maxOrNull(`__ss_pos`) OVER (PARTITION BY and(isNotNull(`host`), isNotNull(CAST(`_fields`.`status` AS Nullable(String)))) ORDER BY `__ss_pos` ROWS BETWEEN 1 PRECEDING AND 1 PRECEDING)) AS `__nexus_dedup_prev_any`
                    FROM (
                      SELECT `_time`, `host`, `_fields.status`, count() OVER (ORDER BY `_time` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__ss_pos`
                      FROM (
                        SELECT `_time`, `host`, `fields`.`status` AS `_fields.status`
                        FROM `logs`
                        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                      )
                    )
                  )
                )
              )
            )
          )
        )
      )
    )
  )
)
ORDER BY `__h4` ASC, `__h5` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
