SELECT fromUnixTimestamp64Milli(min(`__h2`), 'UTC') AS `_time`, arrayStringConcat(arrayMap(x -> x.2, arrayReverseSort(x -> x.1, groupArray((`__h7`, `__h3`)))), '\n') AS `_raw`, `__h0` AS `host`, `__h1` AS `cookie`, (max(`__h2`) - min(`__h2`)) / 1000 AS `duration`, count() AS `eventcount`, CAST(concat('{', arrayStringConcat(arrayMap(e -> concat(toJSONString(e.1), ':', if(length(e.2) = 1, toJSONString(e.2[1]), toJSONString(e.2))), arrayMap(g -> (g[1].1, arrayMap(x -> x.2, g)), arrayFilter(g -> notEmpty(g), arraySplit((x, a, b) -> a != b, arraySort(groupUniqArrayArray(`__h6`)), arrayMap(x -> x.1, arraySort(groupUniqArrayArray(`__h6`))), arrayPushFront(arrayPopBack(arrayMap(x -> x.1, arraySort(groupUniqArrayArray(`__h6`)))), ''))))), ','), '}') AS JSON) AS `_fields`
FROM (
  SELECT `__h0`, `__h1`, `__h18`.1 AS `__h7`, `__h18`.4 AS `__h2`, `__h18`.5 AS `__h3`, `__h18`.7 AS `__h6`, `__h12`
  FROM (
    SELECT `__h0`, `__h1`, arraySort(x -> x.1, groupArray((`__h7`, `__h10`, `__h11`, `__h2`, `__h3`, false, `__h6`))) AS `__h14`, arrayFold((acc, x) -> if(x.2 OR acc.1 - x.4 >= 30000 OR acc.2 >= 1000, (x.4, toUInt64(1), arrayPushBack(acc.3, (x.1, acc.1 - x.4 >= 30000 OR acc.2 >= 1000 OR x.3))), (acc.1, acc.2 + 1, acc.3)), `__h14`, (toInt64(0), toUInt64(0), CAST([] AS Array(Tuple(UInt64, Bool))))) AS `__h15`, arrayMap(s -> s.1, `__h15`.3) AS `__h16`, arrayPushBack(arrayPopFront(`__h16`), length(`__h14`) + 1) AS `__h17`, arrayFlatten(arrayMap((s, e) -> arrayWithConstant(e - s, s), `__h16`, `__h17`)) AS `__h12`
    FROM (
      SELECT `__h0`, `__h1`, `__h2`, `__h3`, `__h6`, `__h7`, `__h7` > 1 AND `__h8` - `__h2` > 5000 AS `__h11`, `__h7` = 1 OR `__h8` - `__h2` > 5000 AS `__h10`
      FROM (
        SELECT `__h0`, `__h1`, `__h2`, `__h3`, `__h6`, if(throwIf(isNull(`__h0`) OR isNull(`__h1`), {p8:String}) = 0, row_number() OVER (PARTITION BY `__h0`, `__h1` ORDER BY `__h2` DESC), 0) AS `__h7`, any(`__h2`) OVER (PARTITION BY `__h0`, `__h1` ORDER BY `__h2` DESC ROWS BETWEEN 1 PRECEDING AND 1 PRECEDING) AS `__h8`
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
    )
    GROUP BY `__h0`, `__h1`
  ) ARRAY JOIN `__h14` AS `__h18`, `__h12` AS `__h12`
)
GROUP BY `__h0`, `__h1`, `__h12`
ORDER BY `_time` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
