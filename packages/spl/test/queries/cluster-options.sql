SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `group`, `size`, `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `group`, `size`, `__h2` AS `__h3`, `_fields`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `__h2`, `_fields`, `group`, if(isNull(`group`), NULL, count() OVER (PARTITION BY `group`)) AS `size`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `__h2`, `_fields`, arrayMap(__mv -> indexOf(__mv, arrayMax(__mv)), [arrayMap(__mr -> if(empty(`__cluster_terms`) AND empty(__mr.2), 1, length(arrayIntersect(`__cluster_terms`, __mr.2)) / (length(`__cluster_terms`) + length(__mr.2) - length(arrayIntersect(`__cluster_terms`, __mr.2)))), arrayFilter(__mr -> __mr.1 <= `__cluster_pos`, `__cluster_starts`))])[1] AS `group`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `__cluster_pos`, `__cluster_terms`, `__cluster_starts`, `__h1` AS `__h2`, `_fields`
        FROM (
          SELECT l.`_time` AS `_time`, l.`index` AS `index`, l.`host` AS `host`, l.`source` AS `source`, l.`sourcetype` AS `sourcetype`, l.`_raw` AS `_raw`, l.`__cluster_pos` AS `__cluster_pos`, l.`__cluster_terms` AS `__cluster_terms`, r.`__cluster_starts` AS `__cluster_starts`, l.`_time` AS `__h1`, l.`_fields` AS `_fields`
          FROM (
            SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__cluster_pos`, `__cluster_terms`, `__model_key`
            FROM (
              SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__cluster_pos`, arrayDistinct(arrayMap(__mt -> cityHash64(__mt), arrayFilter(__mt -> __mt != '', splitByRegexp({p4:String}, ifNull(CAST(`_fields`.`message` AS Nullable(String)), ''))))) AS `__cluster_terms`, 1 AS `__model_key`
              FROM (
                SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, count() OVER (ORDER BY `_time` DESC, CAST(`_fields`.`message` AS Nullable(String)) ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__cluster_pos`
                FROM (
                  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
                  FROM `logs`
                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String}) AND isNotNull(CAST(`fields`.`message` AS Nullable(String)))
                )
              )
            )
          ) AS l
          ANY LEFT JOIN (
            SELECT `__model_key`, `__cluster_starts`, 1 AS `__h0`
            FROM (
              SELECT 1 AS `__model_key`, arrayFold((__mR, __me) -> if(empty(__mR) OR arrayMax(arrayMap(__mr -> if(empty(__me.2) AND empty(__mr.2), 1, length(arrayIntersect(__me.2, __mr.2)) / (length(__me.2) + length(__mr.2) - length(arrayIntersect(__me.2, __mr.2)))), __mR)) < {p6:Float64}, arrayPushBack(__mR, __me), __mR), arraySort(__mx -> __mx.1, `__cluster_events`), CAST([] AS Array(Tuple(Float64, Array(UInt64))))) AS `__cluster_starts`
              FROM (
                SELECT `__cluster_events`
                FROM (
                  SELECT groupArray(CAST((toFloat64(`__cluster_pos`), `__cluster_terms`) AS Tuple(Float64, Array(UInt64)))) AS `__cluster_events`, sumOrNull(`__cluster_n`) AS `__cluster_n`
                  FROM (
                    SELECT `__cluster_terms`, minOrNull(`__cluster_pos`) AS `__cluster_pos`, count() AS `__cluster_n`
                    FROM (
                      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__cluster_pos`, arrayDistinct(arrayMap(__mt -> cityHash64(__mt), arrayFilter(__mt -> __mt != '', splitByRegexp({p4:String}, ifNull(CAST(`_fields`.`message` AS Nullable(String)), ''))))) AS `__cluster_terms`
                      FROM (
                        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, count() OVER (ORDER BY `_time` DESC, CAST(`_fields`.`message` AS Nullable(String)) ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__cluster_pos`
                        FROM (
                          SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
                          FROM `logs`
                          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String}) AND isNotNull(CAST(`fields`.`message` AS Nullable(String)))
                        )
                      )
                    )
                    WHERE isNotNull(`__cluster_terms`)
                    GROUP BY `__cluster_terms`
                  )
                )
                WHERE if(throwIf(ifNull((`__cluster_n` > 50000), false), {p5:String}) = 0, (`__cluster_n` > 0), (`__cluster_n` > 0))
              )
            )
          ) AS r ON l.`__model_key` = r.`__model_key`
          WHERE isNotNull(r.`__h0`)
        )
      )
    )
  )
)
ORDER BY `__h3` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
