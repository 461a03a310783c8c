SELECT `num_anomalies`, `thresh`, `max_logprob`, `min_logprob`, `1st_quartile`, `3rd_quartile`
FROM (
  SELECT sumOrNull(if(coalesce((`__ad_lp` < `__ad_th`), false), toFloat64(1), toFloat64(0))) AS `num_anomalies`, maxOrNull(`__ad_th`) AS `thresh`, maxOrNull(`__ad_lp`) AS `max_logprob`, minOrNull(`__ad_lp`) AS `min_logprob`, maxOrNull(`__ad_q1`) AS `1st_quartile`, maxOrNull(`__ad_q3`) AS `3rd_quartile`
  FROM (
    SELECT `__h0`, `__ad_lp`, `__ad_q1`, `__ad_q3`, toFloat64(-2.995732273553991) AS `__ad_th`
    FROM (
      SELECT `__h0`, `__ad_lp`, if(count(`__ad_lp`) OVER () = 0, NULL, arrayElement(arraySort(groupArray(`__ad_lp`) OVER ()), toUInt64(greatest(1, ceil({p4:Float64} * count(`__ad_lp`) OVER ()))))) AS `__ad_q1`, if(count(`__ad_lp`) OVER () = 0, NULL, arrayElement(arraySort(groupArray(`__ad_lp`) OVER ()), toUInt64(greatest(1, ceil({p5:Float64} * count(`__ad_lp`) OVER ()))))) AS `__ad_q3`
      FROM (
        SELECT `__h0`, (coalesce(toFloat64(if(`__ad0_f` <= 0, NULL, log(`__ad0_f`))), toFloat64(0)) + coalesce(toFloat64(if(`__ad1_f` <= 0, NULL, log(`__ad1_f`))), toFloat64(0))) AS `__ad_lp`
        FROM (
          SELECT `__h0`, if(isNull(`__ad0_k`), toFloat64(NULL), toFloat64((`__ad0_c` / nullIf(`__ad_n`, 0)))) AS `__ad0_f`, if(isNull(`__ad1_k`), toFloat64(NULL), toFloat64((`__ad1_c` / nullIf(`__ad_n`, 0)))) AS `__ad1_f`
          FROM (
            SELECT `__h0`, `__ad_n`, `__ad0_k`, `__ad1_k`, `__ad0_c`, if(isNull(`__ad1_k`), NULL, count() OVER (PARTITION BY `__ad1_k`)) AS `__ad1_c`
            FROM (
              SELECT `__h0`, `__ad_n`, `__ad0_k`, `__ad1_k`, if(isNull(`__ad0_k`), NULL, count() OVER (PARTITION BY `__ad0_k`)) AS `__ad0_c`
              FROM (
                SELECT `__h0`, `__ad_n`, if(and((`__ad0_n` = `__ad0_nn`), (`__ad0_n` > 0)), toString(if(((`__ad0_hi` - `__ad0_lo`) = 0), toFloat64(0), toFloat64(arrayReduce('min', [toNullable(toFloat64(floor((((toFloat64OrNull(`status`) - `__ad0_lo`) / nullIf((`__ad0_hi` - `__ad0_lo`), 0)) * 10)))), toNullable(toFloat64(9))])))), `status`) AS `__ad0_k`, if(and((`__ad1_n` = `__ad1_nn`), (`__ad1_n` > 0)), toString(if(((`__ad1_hi` - `__ad1_lo`) = 0), toFloat64(0), toFloat64(arrayReduce('min', [toNullable(toFloat64(floor((((toFloat64OrNull(`bytes`) - `__ad1_lo`) / nullIf((`__ad1_hi` - `__ad1_lo`), 0)) * 10)))), toNullable(toFloat64(9))])))), `bytes`) AS `__ad1_k`
                FROM (
                  SELECT `status`, `bytes`, `__h0`, count() OVER () AS `__ad_n`, count(`status`) OVER () AS `__ad0_n`, count(toFloat64OrNull(`status`)) OVER () AS `__ad0_nn`, minOrNull(toFloat64OrNull(`status`)) OVER () AS `__ad0_lo`, maxOrNull(toFloat64OrNull(`status`)) OVER () AS `__ad0_hi`, count(`bytes`) OVER () AS `__ad1_n`, count(toFloat64OrNull(`bytes`)) OVER () AS `__ad1_nn`, minOrNull(toFloat64OrNull(`bytes`)) OVER () AS `__ad1_lo`, maxOrNull(toFloat64OrNull(`bytes`)) OVER () AS `__ad1_hi`
                  FROM (
                    SELECT CAST(`_fields`.`status` AS Nullable(String)) AS `status`, CAST(`_fields`.`bytes` AS Nullable(String)) AS `bytes`, `_time` AS `__h0`
                    FROM (
                      SELECT `_time`, `fields`.`status` AS `_fields.status`, `fields`.`bytes` AS `_fields.bytes`
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
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
