SELECT `_time`, `count`, `prediction(count)`, `upper95(prediction(count))`, `lower95(prediction(count))`
FROM (
  SELECT if(tupleElement(`__h9`, 1) > `__h5`, fromUnixTimestamp64Milli(`__h10` + (tupleElement(`__h9`, 1) - `__h5`) * `__h11`, 'UTC'), tupleElement(tupleElement(`__h9`, 2), 2)) AS `_time`, tupleElement(tupleElement(`__h9`, 2), 3) AS `count`, tupleElement(tupleElement(`__h9`, 3), 1) AS `prediction(count)`, tupleElement(tupleElement(`__h9`, 3), 1) + {p5:Float64} * sqrt(tupleElement(tupleElement(`__h9`, 3), 2)) AS `upper95(prediction(count))`, tupleElement(tupleElement(`__h9`, 3), 1) - {p5:Float64} * sqrt(tupleElement(tupleElement(`__h9`, 3), 2)) AS `lower95(prediction(count))`, tupleElement(`__h9`, 1) AS `__h12`
  FROM (
    SELECT arrayJoin(arrayZip(arrayEnumerate(arrayResize(`__h4`, `__h5` + 3)), arrayResize(`__h4`, `__h5` + 3), arrayMap((a, v) -> (a, v * if(tupleElement(`__h8`, 6) > 0, tupleElement(`__h8`, 4) / tupleElement(`__h8`, 6), NULL)), tupleElement(`__h8`, 7), tupleElement(`__h8`, 8)))) AS `__h9`, `__h5`, toUnixTimestamp64Milli(toDateTime64(tupleElement(arrayElement(`__h4`, `__h5`), 2), 3, 'UTC')) AS `__h10`, if(`__h5` >= 2, toUnixTimestamp64Milli(toDateTime64(tupleElement(arrayElement(`__h4`, `__h5`), 2), 3, 'UTC')) - toUnixTimestamp64Milli(toDateTime64(tupleElement(arrayElement(`__h4`, `__h5` - 1), 2), 3, 'UTC')), 0) AS `__h11`
    FROM (
      SELECT `__h4`, `__h5`, arrayFold((s, y) -> CAST(arrayMap(t -> tuple(tupleElement(t, 1), tupleElement(t, 2), tupleElement(t, 3), tupleElement(t, 4), tupleElement(t, 5), tupleElement(t, 6), arrayPushBack(tupleElement(s, 7), if(tupleElement(s, 1) > 0, tupleElement(s, 2), NULL)), arrayPushBack(tupleElement(s, 8), if(tupleElement(s, 1) > 0, tupleElement(s, 3) + 1, NULL))), [multiIf(isNull(y), (tupleElement(s, 1), tupleElement(s, 2), if(tupleElement(s, 1) > 0, tupleElement(s, 3) + tupleElement(`__h7`, 1), tupleElement(s, 3)), tupleElement(s, 4), tupleElement(s, 5), tupleElement(s, 6)), tupleElement(s, 1) = 0, (1, y, 1 + tupleElement(`__h7`, 1), tupleElement(s, 4), tupleElement(s, 5), tupleElement(s, 6)), (1, tupleElement(s, 2) + tupleElement(s, 3) / (tupleElement(s, 3) + 1) * (y - tupleElement(s, 2)), tupleElement(s, 3) - tupleElement(s, 3) * tupleElement(s, 3) / (tupleElement(s, 3) + 1) + tupleElement(`__h7`, 1), tupleElement(s, 4) + (y - tupleElement(s, 2)) * (y - tupleElement(s, 2)) / (tupleElement(s, 3) + 1), tupleElement(s, 5) + log((tupleElement(s, 3) + 1)), tupleElement(s, 6) + 1))])[1] AS Tuple(Float64, Float64, Float64, Float64, Float64, Float64, Array(Nullable(Float64)), Array(Nullable(Float64)))), `__h6`, CAST((0, 0, 0, 0, 0, 0, [], []) AS Tuple(Float64, Float64, Float64, Float64, Float64, Float64, Array(Nullable(Float64)), Array(Nullable(Float64))))) AS `__h8`
      FROM (
        SELECT `__h4`, `__h5`, `__h6`, tupleElement(arraySort(x -> tupleElement(x, 1), arrayMap(r -> (arrayMap(t -> tupleElement(t, 6) * log(tupleElement(t, 4) / tupleElement(t, 6)) + tupleElement(t, 5), [arrayFold((s, y) -> CAST(multiIf(isNull(y), (tupleElement(s, 1), tupleElement(s, 2), if(tupleElement(s, 1) > 0, tupleElement(s, 3) + tupleElement(r, 1), tupleElement(s, 3)), tupleElement(s, 4), tupleElement(s, 5), tupleElement(s, 6)), tupleElement(s, 1) = 0, (1, y, 1 + tupleElement(r, 1), tupleElement(s, 4), tupleElement(s, 5), tupleElement(s, 6)), (1, tupleElement(s, 2) + tupleElement(s, 3) / (tupleElement(s, 3) + 1) * (y - tupleElement(s, 2)), tupleElement(s, 3) - tupleElement(s, 3) * tupleElement(s, 3) / (tupleElement(s, 3) + 1) + tupleElement(r, 1), tupleElement(s, 4) + (y - tupleElement(s, 2)) * (y - tupleElement(s, 2)) / (tupleElement(s, 3) + 1), tupleElement(s, 5) + log((tupleElement(s, 3) + 1)), tupleElement(s, 6) + 1)) AS Tuple(Float64, Float64, Float64, Float64, Float64, Float64)), `__h6`, CAST((0, 0, 0, 0, 0, 0) AS Tuple(Float64, Float64, Float64, Float64, Float64, Float64)))])[1], r), arrayMap(k -> tuple(if(k = -17, 0, pow(10, k / 4))), range(-17, 17))))[1], 2) AS `__h7`
        FROM (
          SELECT `__h4`, length(`__h4`) AS `__h5`, arrayConcat(arrayMap(x -> tupleElement(x, 4), arraySlice(`__h4`, 1, greatest(length(`__h4`) - 0, 0))), arrayResize(CAST([] AS Array(Nullable(Float64))), least(0, length(`__h4`)) + 3)) AS `__h6`
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
