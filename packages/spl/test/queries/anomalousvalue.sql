SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `Anomaly_Score_Num(bytes)`, `Anomaly_Score_Cat(bytes)`, `Anomaly_Score_Num(status)`, `Anomaly_Score_Cat(status)`, `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, if((`__av0_num` = `__av0_n`), toFloat64(`__av0_score`), toFloat64(NULL)) AS `Anomaly_Score_Num(bytes)`, if(not((`__av0_num` = `__av0_n`)), toFloat64(`__av0_score`), toFloat64(NULL)) AS `Anomaly_Score_Cat(bytes)`, if((`__av1_num` = `__av1_n`), toFloat64(`__av1_score`), toFloat64(NULL)) AS `Anomaly_Score_Num(status)`, if(not((`__av1_num` = `__av1_n`)), toFloat64(`__av1_score`), toFloat64(NULL)) AS `Anomaly_Score_Cat(status)`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__av0_n`, `__av0_num`, `__av1_n`, `__av1_num`, if(and(`__av0_use`, (`__av0_ano` = 1)), toFloat64((-if(`__av0_p` <= 0 OR 10 <= 0 OR 10 = 1, NULL, log(`__av0_p`) / log(10)))), toFloat64(NULL)) AS `__av0_score`, if(and(`__av1_use`, (`__av1_ano` = 1)), toFloat64((-if(`__av1_p` <= 0 OR 10 <= 0 OR 10 = 1, NULL, log(`__av1_p`) / log(10)))), toFloat64(NULL)) AS `__av1_score`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__av0_n`, `__av0_num`, `__av1_n`, `__av1_num`, `__av0_p`, `__av1_p`, `__av0_ano`, `__av1_ano`, and(and(and(and((`__av0_n` > 0), (`__av0_n` >= 10)), ((`__av0_n` / nullIf(`__av_total`, 0)) >= toFloat64(0.05))), ((`__av0_anon` / nullIf(`__av0_n`, 0)) <= toFloat64(0.05))), ((1 - (`__av0_anon` / nullIf(`__av0_n`, 0))) >= toFloat64(0.01))) AS `__av0_use`, and(and(and(and((`__av1_n` > 0), (`__av1_n` >= 10)), ((`__av1_n` / nullIf(`__av_total`, 0)) >= toFloat64(0.05))), ((`__av1_anon` / nullIf(`__av1_n`, 0)) <= toFloat64(0.05))), ((1 - (`__av1_anon` / nullIf(`__av1_n`, 0))) >= toFloat64(0.01))) AS `__av1_use`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__av_total`, `__av0_n`, `__av0_num`, `__av1_n`, `__av1_num`, `__av0_p`, `__av1_p`, `__av0_ano`, `__av1_ano`, sumOrNull(`__av0_ano`) OVER () AS `__av0_anon`, sumOrNull(`__av1_ano`) OVER () AS `__av1_anon`
        FROM (
          SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__av_total`, `__av0_n`, `__av0_num`, `__av1_n`, `__av1_num`, `__av0_p`, `__av1_p`, if(and(isNotNull(CAST(`_fields`.`bytes` AS Nullable(String))), (`__av0_p` < toFloat64(0.02))), toFloat64(1), toFloat64(0)) AS `__av0_ano`, if(and(isNotNull(CAST(`_fields`.`status` AS Nullable(String))), (`__av1_p` < toFloat64(0.02))), toFloat64(1), toFloat64(0)) AS `__av1_ano`
          FROM (
            SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__av_total`, `__av0_n`, `__av0_num`, `__av1_n`, `__av1_num`, if((`__av0_num` = `__av0_n`), toFloat64(if((coalesce(toFloat64(`__av0_sd`), toFloat64(0)) > 0), toFloat64(erfc((abs((toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String))) - `__av0_mean`)) / nullIf((`__av0_sd` * toFloat64(1.4142135623730951)), 0)))), toFloat64(if((toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String))) = `__av0_mean`), toFloat64(1), toFloat64(0))))), toFloat64((`__av0_vn` / nullIf(`__av0_n`, 0)))) AS `__av0_p`, if((`__av1_num` = `__av1_n`), toFloat64(if((coalesce(toFloat64(`__av1_sd`), toFloat64(0)) > 0), toFloat64(erfc((abs((toFloat64OrNull(CAST(`_fields`.`status` AS Nullable(String))) - `__av1_mean`)) / nullIf((`__av1_sd` * toFloat64(1.4142135623730951)), 0)))), toFloat64(if((toFloat64OrNull(CAST(`_fields`.`status` AS Nullable(String))) = `__av1_mean`), toFloat64(1), toFloat64(0))))), toFloat64((`__av1_vn` / nullIf(`__av1_n`, 0)))) AS `__av1_p`
            FROM (
              SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__av_total`, `__av0_n`, `__av0_num`, `__av0_mean`, `__av0_sd`, `__av1_n`, `__av1_num`, `__av1_mean`, `__av1_sd`, `__av0_vn`, if(isNull(CAST(`_fields`.`status` AS Nullable(String))), NULL, count(CAST(`_fields`.`status` AS Nullable(String))) OVER (PARTITION BY CAST(`_fields`.`status` AS Nullable(String)))) AS `__av1_vn`
              FROM (
                SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__av_total`, `__av0_n`, `__av0_num`, `__av0_mean`, `__av0_sd`, `__av1_n`, `__av1_num`, `__av1_mean`, `__av1_sd`, if(isNull(CAST(`_fields`.`bytes` AS Nullable(String))), NULL, count(CAST(`_fields`.`bytes` AS Nullable(String))) OVER (PARTITION BY CAST(`_fields`.`bytes` AS Nullable(String)))) AS `__av0_vn`
                FROM (
                  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, count() OVER () AS `__av_total`, count(CAST(`_fields`.`bytes` AS Nullable(String))) OVER () AS `__av0_n`, count(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String)))) OVER () AS `__av0_num`, avgOrNull(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String)))) OVER () AS `__av0_mean`, stddevSampOrNull(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String)))) OVER () AS `__av0_sd`, count(CAST(`_fields`.`status` AS Nullable(String))) OVER () AS `__av1_n`, count(toFloat64OrNull(CAST(`_fields`.`status` AS Nullable(String)))) OVER () AS `__av1_num`, avgOrNull(toFloat64OrNull(CAST(`_fields`.`status` AS Nullable(String)))) OVER () AS `__av1_mean`, stddevSampOrNull(toFloat64OrNull(CAST(`_fields`.`status` AS Nullable(String)))) OVER () AS `__av1_sd`
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
    )
  )
)
ORDER BY `_time` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
