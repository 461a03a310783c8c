SELECT `_time`, `host`, `count`, `IsOutlier(count)`, `BoundaryRanges`, `ProbabilityDensity(count)`
FROM (
  SELECT `_time`, `host`, `count`, if(and(and((`__df_n` > 0), isNotNull(`host`)), isNotNull(`count`)), toFloat64(if(or((`count` < (`__df_mean` + (`__df_std` * toFloat64(-2.5758293064439264)))), (`count` > (`__df_mean` - (`__df_std` * toFloat64(-2.5758293064439264))))), toFloat64(1), toFloat64(0))), toFloat64(NULL)) AS `IsOutlier(count)`, if(and((`__df_n` > 0), isNotNull(`host`)), arrayConcat(if(isNull(concat(concat({p5:String}, toString((`__df_mean` + (`__df_std` * toFloat64(-2.5758293064439264))))), {p6:String})), CAST([] AS Array(Nullable(String))), [toNullable(toString(concat(concat({p5:String}, toString((`__df_mean` + (`__df_std` * toFloat64(-2.5758293064439264))))), {p6:String})))]), if(isNull(concat(toString((`__df_mean` - (`__df_std` * toFloat64(-2.5758293064439264)))), {p7:String})), CAST([] AS Array(Nullable(String))), [toNullable(toString(concat(toString((`__df_mean` - (`__df_std` * toFloat64(-2.5758293064439264)))), {p7:String})))])), if(isNull(NULL), CAST([] AS Array(Nullable(String))), [toNullable(toString(NULL))])) AS `BoundaryRanges`, if(and(and((`__df_n` > 0), isNotNull(`host`)), isNotNull(`count`)), toFloat64((exp((toFloat64(-0.5) * (((`count` - `__df_mean`) / nullIf(`__df_std`, 0)) * ((`count` - `__df_mean`) / nullIf(`__df_std`, 0))))) / nullIf((`__df_std` * toFloat64(2.5066282746310002)), 0))), toFloat64(NULL)) AS `ProbabilityDensity(count)`
  FROM (
    SELECT `_time`, `host`, `count`, if(isNull(`host`), NULL, count(`count`) OVER (PARTITION BY `host`)) AS `__df_n`, if(isNull(`host`), NULL, avgOrNull(`count`) OVER (PARTITION BY `host`)) AS `__df_mean`, if(isNull(`host`), NULL, stddevPopOrNull(`count`) OVER (PARTITION BY `host`)) AS `__df_std`
    FROM (
      SELECT `_time`, `host`, count() AS `count`
      FROM (
        SELECT `host`, `_time` AS `__h0`, toDateTime64(toStartOfHour(`_time`, {p4:String}), 3, 'UTC') AS `_time`
        FROM (
          SELECT `_time`, `host`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
        )
      )
      WHERE isNotNull(`_time`) AND isNotNull(`host`)
      GROUP BY `_time`, `host`
    )
  )
)
ORDER BY `_time` ASC, `host` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
