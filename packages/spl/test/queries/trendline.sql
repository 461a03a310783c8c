SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `smoothed_foo`, `ema10(bar)`, `wma3(foo)`, `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `smoothed_foo`, `ema10(bar)`, if(and(isNotNull(`__tl2_n`), (`__tl2_count` >= 3)), toFloat64(((`__tl2_sumpx` - ((`__tl2_pos` - 3) * `__tl2_sumx`)) / nullIf(6, 0))), toFloat64(NULL)) AS `wma3(foo)`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `smoothed_foo`, `ema10(bar)`, `__tl2_n`, `__tl2_pos`, count(`__tl2_n`) OVER (PARTITION BY isNull(`__tl2_n`) ORDER BY `_time` DESC ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS `__tl2_count`, sumOrNull((`__tl2_pos` * `__tl2_n`)) OVER (PARTITION BY isNull(`__tl2_n`) ORDER BY `_time` DESC ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS `__tl2_sumpx`, sumOrNull(`__tl2_n`) OVER (PARTITION BY isNull(`__tl2_n`) ORDER BY `_time` DESC ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS `__tl2_sumx`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `smoothed_foo`, `ema10(bar)`, `__tl2_n`, count(`__tl2_n`) OVER (PARTITION BY isNull(`__tl2_n`) ORDER BY `_time` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__tl2_pos`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `smoothed_foo`, if(and(isNotNull(`__tl1_n`), (`__tl1_count` >= 10)), toFloat64(`__tl1_ema`), toFloat64(NULL)) AS `ema10(bar)`, toFloat64OrNull(CAST(`_fields`.`foo` AS Nullable(String))) AS `__tl2_n`
        FROM (
          SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `smoothed_foo`, `__tl1_n`, `__tl1_count`, arrayFold((acc, v) -> if(isNull(acc), v, {p4:Float64} * v + (1 - {p4:Float64}) * acc), groupArray(`__tl1_n`) OVER (PARTITION BY isNull(`__tl1_n`) ORDER BY `_time` DESC ROWS BETWEEN 199 PRECEDING AND CURRENT ROW), CAST(NULL AS Nullable(Float64))) AS `__tl1_ema`
          FROM (
            SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `smoothed_foo`, `__tl1_n`, count(`__tl1_n`) OVER (PARTITION BY isNull(`__tl1_n`) ORDER BY `_time` DESC ROWS BETWEEN 9 PRECEDING AND CURRENT ROW) AS `__tl1_count`
            FROM (
              SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, if(and(isNotNull(`__tl0_n`), (`__tl0_count` >= 5)), toFloat64(`__tl0_avg`), toFloat64(NULL)) AS `smoothed_foo`, toFloat64OrNull(CAST(`_fields`.`bar` AS Nullable(String))) AS `__tl1_n`
              FROM (
                SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__tl0_n`, count(`__tl0_n`) OVER (PARTITION BY isNull(`__tl0_n`) ORDER BY `_time` DESC ROWS BETWEEN 4 PRECEDING AND CURRENT ROW) AS `__tl0_count`, avgOrNull(`__tl0_n`) OVER (PARTITION BY isNull(`__tl0_n`) ORDER BY `_time` DESC ROWS BETWEEN 4 PRECEDING AND CURRENT ROW) AS `__tl0_avg`
                FROM (
                  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, toFloat64OrNull(CAST(`_fields`.`foo` AS Nullable(String))) AS `__tl0_n`
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
