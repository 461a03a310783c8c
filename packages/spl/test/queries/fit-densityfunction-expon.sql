SELECT `host`, `date_hour`, `count`, `IsOutlier(count)`, `BoundaryRanges`
FROM (
  SELECT `host`, `date_hour`, `count`, if(and((`__df_n` > 0), isNotNull(`count`)), toFloat64(if((`count` > (`__df_min` - ((`__df_mean` - `__df_min`) * toFloat64(-5.298317366548036)))), toFloat64(1), toFloat64(0))), toFloat64(NULL)) AS `IsOutlier(count)`, if((`__df_n` > 0), arrayConcat(if(isNull(concat(toString((`__df_min` - ((`__df_mean` - `__df_min`) * toFloat64(-5.298317366548036)))), {p4:String})), CAST([] AS Array(Nullable(String))), [toNullable(toString(concat(toString((`__df_min` - ((`__df_mean` - `__df_min`) * toFloat64(-5.298317366548036)))), {p4:String})))])), if(isNull(NULL), CAST([] AS Array(Nullable(String))), [toNullable(toString(NULL))])) AS `BoundaryRanges`
  FROM (
    SELECT `host`, `date_hour`, `count`, count(`count`) OVER () AS `__df_n`, avgOrNull(`count`) OVER () AS `__df_mean`, minOrNull(`count`) OVER () AS `__df_min`
    FROM (
      SELECT `host`, CAST(`fields`.`date_hour` AS Nullable(String)) AS `date_hour`, count() AS `count`
      FROM `logs`
      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String}) AND isNotNull(CAST(`fields`.`date_hour` AS Nullable(String)))
      GROUP BY `host`, `date_hour`
    )
  )
)
ORDER BY `host` ASC, `date_hour` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
