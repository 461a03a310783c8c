SELECT `_time`, `host`, `count`, `IsOutlier(count)`, `BoundaryRanges`, if(toInt64(0) >= length(if(isNull(if(toInt64((-1)) >= length(`BoundaryRanges`) OR -toInt64((-1)) > length(`BoundaryRanges`), NULL, arrayElement(`BoundaryRanges`, if(toInt64((-1)) >= 0, toInt64((-1)) + 1, toInt64((-1)))))), CAST([] AS Array(Nullable(String))), CAST(splitByString({p11:String}, assumeNotNull(if(toInt64((-1)) >= length(`BoundaryRanges`) OR -toInt64((-1)) > length(`BoundaryRanges`), NULL, arrayElement(`BoundaryRanges`, if(toInt64((-1)) >= 0, toInt64((-1)) + 1, toInt64((-1))))))) AS Array(Nullable(String))))) OR -toInt64(0) > length(if(isNull(if(toInt64((-1)) >= length(`BoundaryRanges`) OR -toInt64((-1)) > length(`BoundaryRanges`), NULL, arrayElement(`BoundaryRanges`, if(toInt64((-1)) >= 0, toInt64((-1)) + 1, toInt64((-1)))))), CAST([] AS Array(Nullable(String))), CAST(splitByString({p11:String}, assumeNotNull(if(toInt64((-1)) >= length(`BoundaryRanges`) OR -toInt64((-1)) > length(`BoundaryRanges`), NULL, arrayElement(`BoundaryRanges`, if(toInt64((-1)) >= 0, toInt64((-1)) + 1, toInt64((-1))))))) AS Array(Nullable(String))))), NULL, arrayElement(if(isNull(if(toInt64((-1)) >= length(`BoundaryRanges`) OR -toInt64((-1)) > length(`BoundaryRanges`), NULL, arrayElement(`BoundaryRanges`, if(toInt64((-1)) >= 0, toInt64((-1)) + 1, toInt64((-1)))))), CAST([] AS Array(Nullable(String))), CAST(splitByString({p11:String}, assumeNotNull(if(toInt64((-1)) >= length(`BoundaryRanges`) OR -toInt64((-1)) > length(`BoundaryRanges`), NULL, arrayElement(`BoundaryRanges`, if(toInt64((-1)) >= 0, toInt64((-1)) + 1, toInt64((-1))))))) AS Array(Nullable(String)))), if(toInt64(0) >= 0, toInt64(0) + 1, toInt64(0)))) AS `upper`
FROM (
  SELECT `_time`, `host`, `count`, `IsOutlier(count)`, `BoundaryRanges`
  FROM (
    SELECT `_time`, `host`, `count`, if(and((`__model_group` > 0), isNotNull(`count`)), toFloat64(if(or((`count` < (if(`__model_group` = 0, NULL, arrayElement({p6:Array(Float64)}, toUInt64(`__model_group`))) + (if(`__model_group` = 0, NULL, arrayElement({p7:Array(Float64)}, toUInt64(`__model_group`))) * toFloat64(-2.8070337701141264)))), (`count` > (if(`__model_group` = 0, NULL, arrayElement({p6:Array(Float64)}, toUInt64(`__model_group`))) - (if(`__model_group` = 0, NULL, arrayElement({p7:Array(Float64)}, toUInt64(`__model_group`))) * toFloat64(-2.8070337701141264))))), toFloat64(1), toFloat64(0))), toFloat64(NULL)) AS `IsOutlier(count)`, if((`__model_group` > 0), arrayConcat(if(isNull(concat(concat({p8:String}, toString((if(`__model_group` = 0, NULL, arrayElement({p6:Array(Float64)}, toUInt64(`__model_group`))) + (if(`__model_group` = 0, NULL, arrayElement({p7:Array(Float64)}, toUInt64(`__model_group`))) * toFloat64(-2.8070337701141264))))), {p9:String})), CAST([] AS Array(Nullable(String))), [toNullable(toString(concat(concat({p8:String}, toString((if(`__model_group` = 0, NULL, arrayElement({p6:Array(Float64)}, toUInt64(`__model_group`))) + (if(`__model_group` = 0, NULL, arrayElement({p7:Array(Float64)}, toUInt64(`__model_group`))) * toFloat64(-2.8070337701141264))))), {p9:String})))]), if(isNull(concat(toString((if(`__model_group` = 0, NULL, arrayElement({p6:Array(Float64)}, toUInt64(`__model_group`))) - (if(`__model_group` = 0, NULL, arrayElement({p7:Array(Float64)}, toUInt64(`__model_group`))) * toFloat64(-2.8070337701141264)))), {p10:String})), CAST([] AS Array(Nullable(String))), [toNullable(toString(concat(toString((if(`__model_group` = 0, NULL, arrayElement({p6:Array(Float64)}, toUInt64(`__model_group`))) - (if(`__model_group` = 0, NULL, arrayElement({p7:Array(Float64)}, toUInt64(`__model_group`))) * toFloat64(-2.8070337701141264)))), {p10:String})))])), if(isNull(NULL), CAST([] AS Array(Nullable(String))), [toNullable(toString(NULL))])) AS `BoundaryRanges`
    FROM (
      SELECT `_time`, `host`, `count`, if(isNull(`host`), 0, indexOf({p5:Array(String)}, assumeNotNull(`host`))) AS `__model_group`
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
)
ORDER BY `_time` ASC, `host` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
