SELECT `cluster_count`, `_raw`
FROM (
  SELECT `cluster_count`, `_raw`, `__h4`, isNull(`cluster_count`) AS `__h5`, `cluster_count` AS `__h6`
  FROM (
    SELECT `cluster_count`, `_raw`, `__h3` AS `__h4`
    FROM (
      SELECT `_raw`, `cluster_count`, `__h2` AS `__h3`
      FROM (
        SELECT `_raw`, `__h2`, `cluster_count`
        FROM (
          SELECT `_raw`, `__cluster_pos`, `__h2`, `cluster_count`, if(isNull(`cluster_label`), NULL, minOrNull(`__cluster_pos`) OVER (PARTITION BY `cluster_label`)) AS `__cluster_first`
          FROM (
            SELECT `_raw`, `__cluster_pos`, `__h2`, `cluster_label`, if(isNull(`cluster_label`), NULL, count() OVER (PARTITION BY `cluster_label`)) AS `cluster_count`
            FROM (
              SELECT `_raw`, `__cluster_pos`, `__h2`, arrayMap(__mv -> indexOf(__mv, arrayMax(__mv)), [arrayMap(__mr -> if(empty(`__cluster_terms`) AND empty(__mr.2), 1, length(arrayIntersect(`__cluster_terms`, __mr.2)) / greatest(length(`__cluster_terms`), length(__mr.2))), arrayFilter(__mr -> __mr.1 <= `__cluster_pos`, `__cluster_starts`))])[1] AS `cluster_label`
              FROM (
                SELECT `_raw`, `__cluster_pos`, `__cluster_terms`, `__cluster_starts`, `__h1` AS `__h2`
                FROM (
                  SELECT l.`_raw` AS `_raw`, l.`__cluster_pos` AS `__cluster_pos`, l.`__cluster_terms` AS `__cluster_terms`, r.`__cluster_starts` AS `__cluster_starts`, l.`_time` AS `__h1`
                  FROM (
                    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__cluster_pos`, `__cluster_terms`, `__model_key`
                    FROM (
                      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__cluster_pos`, arrayMap(__mw -> arrayMap((__mt, __mi) -> cityHash64(__mi, __mt), __mw, arrayEnumerate(__mw)), [arrayFilter(__mt -> __mt != '', splitByRegexp({p6:String}, ifNull(`_raw`, '')))])[1] AS `__cluster_terms`, 1 AS `__model_key`
                      FROM (
                        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, count() OVER (ORDER BY `_time` DESC, `_raw` ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__cluster_pos`
                        FROM (
                          SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
                          FROM `logs`
                          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND ifNull(ilike(`source`, {p4:String}), false) AND (isNotNull(CAST(`fields`.`log_level` AS Nullable(String))) AND NOT multiIf(isNotNull(dynamicElement(`fields`.`log_level`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`log_level`, 'String')) = {p5:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`log_level` AS Nullable(String))) = {p5:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p5:String}), false), dynamicElement(`fields`.`log_level`, 'Array(Nullable(String))'))))))
                        )
                      )
                    )
                  ) AS l
                  ANY LEFT JOIN (
                    SELECT `__model_key`, `__cluster_starts`, 1 AS `__h0`
                    FROM (
                      SELECT 1 AS `__model_key`, arrayFold((__mR, __me) -> if(empty(__mR) OR arrayMax(arrayMap(__mr -> if(empty(__me.2) AND empty(__mr.2), 1, length(arrayIntersect(__me.2, __mr.2)) / greatest(length(__me.2), length(__mr.2))), __mR)) < {p8:Float64}, arrayPushBack(__mR, __me), __mR), arraySort(__mx -> __mx.1, `__cluster_events`), CAST([] AS Array(Tuple(Float64, Array(UInt64))))) AS `__cluster_starts`
                      FROM (
                        SELECT `__cluster_events`
                        FROM (
                          SELECT groupArray(CAST((toFloat64(`__cluster_pos`), `__cluster_terms`) AS Tuple(Float64, Array(UInt64)))) AS `__cluster_events`, sumOrNull(`__cluster_n`) AS `__cluster_n`
                          FROM (
                            SELECT `__cluster_terms`, minOrNull(`__cluster_pos`) AS `__cluster_pos`, count() AS `__cluster_n`
                            FROM (
                              SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__cluster_pos`, arrayMap(__mw -> arrayMap((__mt, __mi) -> cityHash64(__mi, __mt), __mw, arrayEnumerate(__mw)), [arrayFilter(__mt -> __mt != '', splitByRegexp({p6:String}, ifNull(`_raw`, '')))])[1] AS `__cluster_terms`
                              FROM (
                                SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, count() OVER (ORDER BY `_time` DESC, `_raw` ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__cluster_pos`
                                FROM (
                                  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
                                  FROM `logs`
                                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND ifNull(ilike(`source`, {p4:String}), false) AND (isNotNull(CAST(`fields`.`log_level` AS Nullable(String))) AND NOT multiIf(isNotNull(dynamicElement(`fields`.`log_level`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`log_level`, 'String')) = {p5:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`log_level` AS Nullable(String))) = {p5:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p5:String}), false), dynamicElement(`fields`.`log_level`, 'Array(Nullable(String))'))))))
                                )
                              )
                            )
                            WHERE isNotNull(`__cluster_terms`)
                            GROUP BY `__cluster_terms`
                          )
                        )
                        WHERE if(throwIf(ifNull((`__cluster_n` > 50000), false), {p7:String}) = 0, (`__cluster_n` > 0), (`__cluster_n` > 0))
                      )
                    )
                  ) AS r ON l.`__model_key` = r.`__model_key`
                  WHERE isNotNull(r.`__h0`)
                )
              )
            )
          )
        )
        WHERE (`__cluster_pos` = `__cluster_first`)
      )
    )
  )
  ORDER BY `__h5` ASC, `__h6` DESC
  LIMIT 10000
)
ORDER BY `__h5` ASC, `__h6` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
