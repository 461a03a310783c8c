SELECT `field`, `count`, `distinct_count`, `is_exact`, `max`, `mean`, `min`, `numeric_count`, `stdev`, `values`
FROM (
  SELECT `field`, `count`, `distinct_count`, `is_exact`, `max`, `mean`, `min`, `numeric_count`, `stdev`, `values`, `__h0`, `__h1`
  FROM (
    SELECT `field`, toFloat64(`count`) AS `count`, toFloat64(`distinct_count`) AS `distinct_count`, toFloat64(`is_exact`) AS `is_exact`, toFloat64(`max`) AS `max`, toFloat64(`mean`) AS `mean`, toFloat64(`min`) AS `min`, toFloat64(`numeric_count`) AS `numeric_count`, toFloat64(`stdev`) AS `stdev`, `values`, 0 AS `__h0`, row_number() OVER () AS `__h1`
    FROM (
      SELECT `field`, `count`, `distinct_count`, `is_exact`, `max`, `mean`, `min`, `numeric_count`, `stdev`, `values`
      FROM (
        SELECT {p6:String} AS `field`, `count`, `distinct_count`, 1 AS `is_exact`, `max`, if((`numeric_count` > 0), toFloat64((`__sx` / nullIf(`numeric_count`, 0))), toFloat64(NULL)) AS `mean`, `min`, `numeric_count`, if((`numeric_count` > 1), toFloat64(if(arrayReduce('max', [toNullable(toFloat64(((`__sx2` - ((`__sx` * `__sx`) / nullIf(`numeric_count`, 0))) / nullIf((`numeric_count` - 1), 0)))), toNullable(toFloat64(0))]) < 0, NULL, sqrt(arrayReduce('max', [toNullable(toFloat64(((`__sx2` - ((`__sx` * `__sx`) / nullIf(`numeric_count`, 0))) / nullIf((`numeric_count` - 1), 0)))), toNullable(toFloat64(0))])))), toFloat64(NULL)) AS `stdev`, concat(concat({p7:String}, coalesce(if(empty(`__values`), NULL, arrayStringConcat(`__values`, {p8:String})), {p9:String})), {p10:String}) AS `values`
        FROM (
          SELECT sumOrNull(`__n`) AS `count`, count() AS `distinct_count`, maxOrNull(`__x`) AS `max`, minOrNull(`__x`) AS `min`, sumOrNull(`__num_n`) AS `numeric_count`, sumOrNull(`__x_n`) AS `__sx`, sumOrNull(`__x2_n`) AS `__sx2`, arraySlice(arrayMap(t -> t.2, arrayReverseSort(t -> t.1, groupArrayIf((`__n`, `__entry`), isNotNull(`__entry`)))), 1, 2) AS `__values`
          FROM (
            SELECT `__value`, `__n`, `__x`, if(isNull(`__x`), toFloat64(0), toFloat64(`__n`)) AS `__num_n`, (`__x` * `__n`) AS `__x_n`, ((`__x` * `__x`) * `__n`) AS `__x2_n`, concat('{', toJSONString(ifNull({p4:String}, '')), ':', ifNull(toJSONString(`__value`), 'null'), ',', toJSONString(ifNull({p5:String}, '')), ':', ifNull(if(isFinite((`__n` / nullIf(1, 0))), toJSONString((`__n` / nullIf(1, 0))), NULL), 'null'), '}') AS `__entry`
            FROM (
              SELECT `__value`, `__n`, toFloat64OrNull(`__value`) AS `__x`
              FROM (
                SELECT CAST(`fields`.`bytes` AS Nullable(String)) AS `__value`, count() AS `__n`
                FROM `logs`
                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String}) AND isNotNull(CAST(`fields`.`bytes` AS Nullable(String)))
                GROUP BY `__value`
              )
            )
          )
        )
      )
    )
    UNION ALL
    SELECT `field`, toFloat64(`count`) AS `count`, toFloat64(`distinct_count`) AS `distinct_count`, toFloat64(`is_exact`) AS `is_exact`, toFloat64(`max`) AS `max`, toFloat64(`mean`) AS `mean`, toFloat64(`min`) AS `min`, toFloat64(`numeric_count`) AS `numeric_count`, toFloat64(`stdev`) AS `stdev`, `values`, 1 AS `__h0`, row_number() OVER () AS `__h1`
    FROM (
      SELECT `field`, `count`, `distinct_count`, `is_exact`, `max`, `mean`, `min`, `numeric_count`, `stdev`, `values`
      FROM (
        SELECT {p11:String} AS `field`, `count`, `distinct_count`, 1 AS `is_exact`, `max`, if((`numeric_count` > 0), toFloat64((`__sx` / nullIf(`numeric_count`, 0))), toFloat64(NULL)) AS `mean`, `min`, `numeric_count`, if((`numeric_count` > 1), toFloat64(if(arrayReduce('max', [toNullable(toFloat64(((`__sx2` - ((`__sx` * `__sx`) / nullIf(`numeric_count`, 0))) / nullIf((`numeric_count` - 1), 0)))), toNullable(toFloat64(0))]) < 0, NULL, sqrt(arrayReduce('max', [toNullable(toFloat64(((`__sx2` - ((`__sx` * `__sx`) / nullIf(`numeric_count`, 0))) / nullIf((`numeric_count` - 1), 0)))), toNullable(toFloat64(0))])))), toFloat64(NULL)) AS `stdev`, concat(concat({p7:String}, coalesce(if(empty(`__values`), NULL, arrayStringConcat(`__values`, {p8:String})), {p9:String})), {p10:String}) AS `values`
        FROM (
          SELECT sumOrNull(`__n`) AS `count`, count() AS `distinct_count`, maxOrNull(`__x`) AS `max`, minOrNull(`__x`) AS `min`, sumOrNull(`__num_n`) AS `numeric_count`, sumOrNull(`__x_n`) AS `__sx`, sumOrNull(`__x2_n`) AS `__sx2`, arraySlice(arrayMap(t -> t.2, arrayReverseSort(t -> t.1, groupArrayIf((`__n`, `__entry`), isNotNull(`__entry`)))), 1, 2) AS `__values`
          FROM (
            SELECT `__value`, `__n`, `__x`, if(isNull(`__x`), toFloat64(0), toFloat64(`__n`)) AS `__num_n`, (`__x` * `__n`) AS `__x_n`, ((`__x` * `__x`) * `__n`) AS `__x2_n`, concat('{', toJSONString(ifNull({p4:String}, '')), ':', ifNull(toJSONString(`__value`), 'null'), ',', toJSONString(ifNull({p5:String}, '')), ':', ifNull(if(isFinite((`__n` / nullIf(1, 0))), toJSONString((`__n` / nullIf(1, 0))), NULL), 'null'), '}') AS `__entry`
            FROM (
              SELECT `__value`, `__n`, toFloat64OrNull(`__value`) AS `__x`
              FROM (
                SELECT CAST(`fields`.`status` AS Nullable(String)) AS `__value`, count() AS `__n`
                FROM `logs`
                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String}) AND isNotNull(CAST(`fields`.`status` AS Nullable(String)))
                GROUP BY `__value`
              )
            )
          )
        )
      )
    )
  )
  WHERE (`count` > 0)
)
ORDER BY `__h0` ASC, `__h1` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
