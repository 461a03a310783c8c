SELECT fromUnixTimestamp64Milli(min(`__h2`), 'UTC') AS `_time`, arrayStringConcat(arrayMap(x -> x.2, arrayReverseSort(x -> x.1, groupArray((`__h7`, `__h3`)))), '\n') AS `_raw`, any(`__h0`) AS `host`, any(`__h1`) AS `cookie`, (max(`__h2`) - min(`__h2`)) / 1000 AS `duration`, count() AS `eventcount`, CAST(concat('{', arrayStringConcat(arrayMap(e -> concat(toJSONString(e.1), ':', if(length(e.2) = 1, toJSONString(e.2[1]), toJSONString(e.2))), arrayMap(g -> (g[1].1, arrayMap(x -> x.2, g)), arrayFilter(g -> notEmpty(g), arraySplit((x, a, b) -> a != b, arraySort(groupUniqArrayArray(`__h6`)), arrayMap(x -> x.1, arraySort(groupUniqArrayArray(`__h6`))), arrayPushFront(arrayPopBack(arrayMap(x -> x.1, arraySort(groupUniqArrayArray(`__h6`)))), ''))))), ','), '}') AS JSON) AS `_fields`
FROM (
  SELECT `__h18`.7 AS `__h0`, `__h18`.8 AS `__h1`, `__h18`.1 AS `__h2`, `__h18`.5 AS `__h3`, `__h18`.6 AS `__h6`, `__h7`, `__h21` != 2 AS `__h22`, (`__h23`, `__h19`) AS `__h12`
  FROM (
    SELECT `__h23`, `__h19`, `__h20`, `__h7`, `__h18`, max(if(`__h20` = 255, 0, `__h20`)) OVER (PARTITION BY `__h23`, `__h19`) AS `__h21`
    FROM (
      SELECT `__h23`, `__h18`.1 AS `__h19`, `__h18`.2 AS `__h20`, `__h18`.3 AS `__h7`, `__h18`.4 AS `__h18`
      FROM (
        SELECT arrayConcat(arrayMap((x, k, i) -> (k, toUInt8(255), toUInt64(i), x), `__h14`, `__h15`.2, arrayEnumerate(`__h14`)), arrayMap(d -> (d.1, d.2, toUInt64(0), `__h17`), arrayConcat(`__h15`.3, arrayMap(o -> (o.1, toUInt8(if(o.3 - `__h24` >= 30000 OR o.4 - `__h24` > 5000, 1, 0))), `__h15`.1)))) AS `__h16`, `__h23`
        FROM (
          SELECT `__h23`, `__h14`, arrayFold((acc, x) -> if(arrayAll(v -> isNull(v), x.2), (acc.1, arrayPushBack(acc.2, toUInt32(0)), acc.3, acc.4), arrayMap(r -> (r.1, arrayPushBack(acc.2, r.2), arrayConcat(acc.3, r.3), r.4), [arrayMap(s -> arrayMap(live -> arrayMap(expired -> arrayMap(i -> arrayMap(n -> arrayMap(c -> arrayMap(p0 -> (p0, n.1, CAST(arrayConcat(arrayMap(k -> (k, toUInt8(1)), expired), if(c, [(n.1, toUInt8(1))], [])) AS Array(Tuple(UInt32, UInt8))), toUInt32(if(i = 0, s.2 + 1, s.2))), [if(c, arrayFilter(o -> o.1 != n.1, live), arrayPushFront(arrayFilter(o -> o.1 != n.1, live), n))])[1], [n.5 >= 1000])[1], [if(i > 0, (live[i].1, arrayMap((a, b) -> coalesce(a, b), live[i].2, x.2), live[i].3, x.1, toUInt32(live[i].5 + 1)), (toUInt32(s.2 + 1), x.2, x.1, x.1, toUInt32(1)))])[1], [arrayFirstIndex(o -> arrayAll((a, b) -> isNull(a) OR isNull(b) OR a = b, o.2, x.2) AND arrayExists((a, b) -> isNotNull(a) AND isNotNull(b), o.2, x.2), live)])[1], [arrayMap(o -> o.1, arrayFilter(o -> o.3 - x.1 >= 30000 OR o.4 - x.1 > 5000, s.1))])[1], [arrayFilter(o -> NOT (o.3 - x.1 >= 30000 OR o.4 - x.1 > 5000), s.1)])[1], [(acc.1, acc.4)])[1]])[1]), `__h14`, CAST(([], [], [], 0), 'Tuple(Array(Tuple(UInt32, Array(Nullable(String)), Int64, Int64, UInt32)), Array(UInt32), Array(Tuple(UInt32, UInt8)), UInt32)')) AS `__h15`, defaultValueOfArgumentType(`__h14`[1]) AS `__h17`, `__h24`
          FROM (
            SELECT `__h23`, any(`__h24`) AS `__h24`, arrayReverseSort(x -> x.1, groupArray((`__h2`, [toNullable(toString(`__h0`)), toNullable(toString(`__h1`))], false, false, `__h3`, `__h6`, `__h0`, `__h1`))) AS `__h14`
            FROM (
              SELECT `__h0`, `__h1`, `__h2`, `__h3`, `__h6`, if(max(arrayExists(v -> isNull(v), [toNullable(toString(`__h0`)), toNullable(toString(`__h1`))]) AND NOT arrayAll(v -> isNull(v), [toNullable(toString(`__h0`)), toNullable(toString(`__h1`))])) OVER () = 1, 0, cityHash64([toNullable(toString(`__h0`)), toNullable(toString(`__h1`))])) AS `__h23`, min(if(arrayAll(v -> isNull(v), [toNullable(toString(`__h0`)), toNullable(toString(`__h1`))]), NULL, `__h2`)) OVER () AS `__h24`
              FROM (
                SELECT `host` AS `__h0`, CAST(`_fields`.`cookie` AS Nullable(String)) AS `__h1`, toUnixTimestamp64Milli(`_time`) AS `__h2`, ifNull(toString(`_raw`), '') AS `__h3`, arrayFilter(x -> isNotNull(x.2) AND x.2 != '', arrayConcat(arrayMap(v -> ({p4:String}, v), if(isNull(`index`), CAST([] AS Array(Nullable(String))), [toNullable(toString(`index`))])), arrayMap(v -> ({p5:String}, v), if(isNull(`source`), CAST([] AS Array(Nullable(String))), [toNullable(toString(`source`))])), arrayMap(v -> ({p6:String}, v), if(isNull(`sourcetype`), CAST([] AS Array(Nullable(String))), [toNullable(toString(`sourcetype`))])), arrayFilter(x -> NOT has({p7:Array(String)}, x.1), arrayFlatten(arrayMap((f, x) -> if(startsWith(JSONAllPathsWithTypes(`_fields`)[f], 'Array('), arrayMap(v -> (f, toNullable(toString(v))), CAST(x AS Array(Dynamic))), [(f, toNullable(x))]), JSONAllPaths(`_fields`), JSONAllValues(`_fields`)))))) AS `__h6`
                FROM (
                  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
                  FROM `logs`
                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                )
                WHERE NOT (isNull(`__h0`) AND isNull(`__h1`))
              )
            )
            GROUP BY `__h23`
          )
        )
      ) ARRAY JOIN `__h16` AS `__h18`
    )
  )
  WHERE `__h20` = 255
)
GROUP BY `__h12`
ORDER BY `_time` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
