SELECT `_time`, `count`, `weekly_adjusted`
FROM (
  SELECT tupleElement(tupleElement(`__h9`, 2), 2) AS `_time`, tupleElement(tupleElement(`__h9`, 2), 3) AS `count`, tupleElement(tupleElement(`__h9`, 3), 1) AS `weekly_adjusted`, tupleElement(`__h9`, 1) AS `__h12`
  FROM (
    SELECT arrayJoin(arrayZip(arrayEnumerate(arrayResize(`__h4`, `__h5` + 0)), arrayResize(`__h4`, `__h5` + 0), arrayMap(a -> (a, CAST(NULL AS Nullable(Float64))), `__h8`))) AS `__h9`, `__h5`
    FROM (
      SELECT `__h4`, `__h5`, arrayElement(arrayMap(__y -> arrayElement(arrayMap(__a1 -> arrayMap((a, b) -> a - b, __y, arrayElement(arrayMap(__s -> arrayMap((a, b) -> a - b, __s, arrayElement(arrayMap(__p -> arrayElement(arrayMap(__c -> arrayElement(arrayMap(__k -> arrayMap((y, s, k) -> if(isNull(y), NULL, s / nullIf(k, 0)), __s, arrayMap((a, b) -> a - b, arraySlice(__c, 8, length(__y)), arraySlice(__c, 1, length(__y))), arrayMap((a, b) -> a - b, arraySlice(__k, 8, length(__y)), arraySlice(__k, 1, length(__y)))), [arrayCumSum(arrayMap(x -> if(isNull(x), 0, 1), __p))]), 1), [arrayCumSum(arrayMap(x -> ifNull(x, 0), __p))]), 1), [arrayConcat(arrayResize(CAST([] AS Array(Nullable(Float64))), 4), __s, arrayResize(CAST([] AS Array(Nullable(Float64))), 3))]), 1)), [arrayElement(arrayMap(__w -> arrayMap((x0, x1, x2, x3, x4, x5, x6) -> if(isNull(x3), NULL, (1 * ifNull(x0, 0) + 2 * ifNull(x1, 0) + 3 * ifNull(x2, 0) + 3 * ifNull(x3, 0) + 3 * ifNull(x4, 0) + 2 * ifNull(x5, 0) + 1 * ifNull(x6, 0)) / nullIf(if(isNull(x0), 0, 1) + if(isNull(x1), 0, 2) + if(isNull(x2), 0, 3) + if(isNull(x3), 0, 3) + if(isNull(x4), 0, 3) + if(isNull(x5), 0, 2) + if(isNull(x6), 0, 1), 0)), arrayShiftRight(__w, 21), arrayShiftRight(__w, 14), arrayShiftRight(__w, 7), __w, arrayShiftLeft(__w, 7), arrayShiftLeft(__w, 14), arrayShiftLeft(__w, 21)), [arrayMap((a, b) -> a - b, __y, arrayElement(arrayMap(__w -> arrayMap((x0, x1, x2, x3, x4, x5, x6) -> if(isNull(x3), NULL, ({p5:Float64} * ifNull(x0, 0) + {p6:Float64} * ifNull(x1, 0) + {p7:Float64} * ifNull(x2, 0) + {p8:Float64} * ifNull(x3, 0) + {p7:Float64} * ifNull(x4, 0) + {p6:Float64} * ifNull(x5, 0) + {p5:Float64} * ifNull(x6, 0)) / nullIf(if(isNull(x0), 0, {p5:Float64}) + if(isNull(x1), 0, {p6:Float64}) + if(isNull(x2), 0, {p7:Float64}) + if(isNull(x3), 0, {p8:Float64}) + if(isNull(x4), 0, {p7:Float64}) + if(isNull(x5), 0, {p6:Float64}) + if(isNull(x6), 0, {p5:Float64}), 0)), arrayShiftRight(__w, 3), arrayShiftRight(__w, 2), arrayShiftRight(__w, 1), __w, arrayShiftLeft(__w, 1), arrayShiftLeft(__w, 2), arrayShiftLeft(__w, 3)), [__a1]), 1))]), 1)]), 1)), [arrayMap((a, b) -> a - b, __y, arrayElement(arrayMap(__s -> arrayMap((a, b) -> a - b, __s, arrayElement(arrayMap(__p -> arrayElement(arrayMap(__c -> arrayElement(arrayMap(__k -> arrayMap((y, s, k) -> if(isNull(y), NULL, s / nullIf(k, 0)), __s, arrayMap((a, b) -> a - b, arraySlice(__c, 8, length(__y)), arraySlice(__c, 1, length(__y))), arrayMap((a, b) -> a - b, arraySlice(__k, 8, length(__y)), arraySlice(__k, 1, length(__y)))), [arrayCumSum(arrayMap(x -> if(isNull(x), 0, 1), __p))]), 1), [arrayCumSum(arrayMap(x -> ifNull(x, 0), __p))]), 1), [arrayConcat(arrayResize(CAST([] AS Array(Nullable(Float64))), 4), __s, arrayResize(CAST([] AS Array(Nullable(Float64))), 3))]), 1)), [arrayElement(arrayMap(__w -> arrayMap((x0, x1, x2, x3, x4) -> if(isNull(x2), NULL, (1 * ifNull(x0, 0) + 2 * ifNull(x1, 0) + 3 * ifNull(x2, 0) + 2 * ifNull(x3, 0) + 1 * ifNull(x4, 0)) / nullIf(if(isNull(x0), 0, 1) + if(isNull(x1), 0, 2) + if(isNull(x2), 0, 3) + if(isNull(x3), 0, 2) + if(isNull(x4), 0, 1), 0)), arrayShiftRight(__w, 14), arrayShiftRight(__w, 7), __w, arrayShiftLeft(__w, 7), arrayShiftLeft(__w, 14)), [arrayMap((a, b) -> a - b, __y, arrayElement(arrayMap(__p -> arrayElement(arrayMap(__c -> arrayElement(arrayMap(__k -> arrayMap((y, s, k) -> if(isNull(y), NULL, s / nullIf(k, 0)), __y, arrayMap((a, b) -> a - b, arraySlice(__c, 8, length(__y)), arraySlice(__c, 1, length(__y))), arrayMap((a, b) -> a - b, arraySlice(__k, 8, length(__y)), arraySlice(__k, 1, length(__y)))), [arrayCumSum(arrayMap(x -> if(isNull(x), 0, 1), __p))]), 1), [arrayCumSum(arrayMap(x -> ifNull(x, 0), __p))]), 1), [arrayConcat(arrayResize(CAST([] AS Array(Nullable(Float64))), 4), __y, arrayResize(CAST([] AS Array(Nullable(Float64))), 3))]), 1))]), 1)]), 1))]), 1), [`__h6`]), 1) AS `__h8`
      FROM (
        SELECT `__h4`, `__h5`, `__h6`
        FROM (
          SELECT `__h4`, length(`__h4`) AS `__h5`, arrayConcat(arrayMap(x -> tupleElement(x, 4), arraySlice(`__h4`, 1, greatest(length(`__h4`) - 0, 0))), arrayResize(CAST([] AS Array(Nullable(Float64))), least(0, length(`__h4`)) + 0)) AS `__h6`
          FROM (
            SELECT arraySort(x -> tupleElement(x, 1), groupArray(tuple(`__h2`, toNullable(`_time`), toNullable(`count`), `__h3`))) AS `__h4`
            FROM (
              SELECT `_time`, `count`, row_number() OVER (ORDER BY `_time` ASC) AS `__h2`, toNullable(toFloat64(`count`)) AS `__h3`
              FROM (
                SELECT toDateTime64(`__h0`, 3, 'UTC') AS `_time`, `__h1` AS `count`
                FROM (
                  SELECT toStartOfInterval(`_time`, INTERVAL 1 DAY, {p4:String}) AS `__h0`, count() AS `__h1`
                  FROM `logs`
                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                  GROUP BY `__h0`
                )
                ORDER BY `_time` ASC WITH FILL FROM toDateTime64(toStartOfInterval(fromUnixTimestamp64Milli({p1:Int64}, {p4:String}), INTERVAL 1 DAY, {p4:String}), 3, 'UTC') TO fromUnixTimestamp64Milli({p2:Int64}, 'UTC') STEP INTERVAL 1 DAY
              )
            )
          )
        )
      )
    )
  )
)
ORDER BY `__h12` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
