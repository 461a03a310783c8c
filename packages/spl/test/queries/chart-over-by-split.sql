SELECT `host`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`
FROM (
  SELECT `host`, mapFromArrays(arrayMap(i -> mapKeys(`_series`)[i], arraySort(i -> (multiIf(match(mapKeys(`_series`)[i], {p6:String}), 1, match(mapKeys(`_series`)[i], {p7:String}), 2, 0), i), arrayFilter(i -> multiIf(match(mapKeys(`_series`)[i], {p6:String}), 1, match(mapKeys(`_series`)[i], {p7:String}), 2, 0) > 0, arrayEnumerate(mapKeys(`_series`))))), arrayMap(i -> mapValues(`_series`)[i], arraySort(i -> (multiIf(match(mapKeys(`_series`)[i], {p6:String}), 1, match(mapKeys(`_series`)[i], {p7:String}), 2, 0), i), arrayFilter(i -> multiIf(match(mapKeys(`_series`)[i], {p6:String}), 1, match(mapKeys(`_series`)[i], {p7:String}), 2, 0) > 0, arrayEnumerate(mapKeys(`_series`)))))) AS `_series`
  FROM (
    SELECT `host`, mapFromArrays(`__h1`, arrayMap(l -> ifNull(`__h12`[l], 0), `__h1`)) AS `_series`
    FROM (
      SELECT `host`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h0`)) AS `__h12`, arraySort(l -> (indexOf([{p4:String}, {p5:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h0`)) OVER ()) AS `__h1`
      FROM (
        SELECT `host`, groupArray(tuple(`__split`, `count`)) AS `__h0`
        FROM (
          SELECT `host`, if(ifNull(coalesce(`status`, {p4:String}) IN (SELECT `__split` FROM (
            SELECT `__split`, `__rank`
            FROM (
              SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h8`, `__rank` AS `__h9`, isNull(`__split`) AS `__h10`, `__split` AS `__h11`
              FROM (
                SELECT coalesce(`status`, {p4:String}) AS `__split`, count() AS `__rank`
                FROM (
                  SELECT `_time`, `host`, `sourcetype`, `_fields.status`, if(notEmpty(if(startsWith(dynamicType(`_fields`.`status`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`status`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`_fields`.`status`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`status`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`_fields`.`status` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`_fields`.`status` AS Nullable(String))))])) AS `__h5`, arrayJoin(if(empty(`__h5`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h5`, arrayEnumerate(`__h5`)))) AS `__h6`, tupleElement(`__h6`, 2) AS `status`, tupleElement(`__h6`, 1) AS `__h7`
                  FROM (
                    SELECT `_time`, `host`, `sourcetype`, `fields`.`status` AS `_fields.status`
                    FROM `logs`
                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (ifNull(ilike(`sourcetype`, {p3:String}), false) AND isNotNull(CAST(`fields`.`status` AS Nullable(String))))
                  )
                )
                WHERE isNotNull(`host`)
                GROUP BY `__split`
              )
              ORDER BY `__h8` ASC, `__h9` DESC, `__h10` ASC, `__h11` ASC
              LIMIT 3
            )
          ) LIMIT 3), false), coalesce(`status`, {p4:String}), {p5:String}) AS `__split`, count() AS `count`
          FROM (
            SELECT `_time`, `host`, `sourcetype`, `_fields.status`, if(notEmpty(if(startsWith(dynamicType(`_fields`.`status`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`status`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`_fields`.`status`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`status`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`_fields`.`status` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`_fields`.`status` AS Nullable(String))))])) AS `__h2`, arrayJoin(if(empty(`__h2`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h2`, arrayEnumerate(`__h2`)))) AS `__h3`, tupleElement(`__h3`, 2) AS `status`, tupleElement(`__h3`, 1) AS `__h4`
            FROM (
              SELECT `_time`, `host`, `sourcetype`, `fields`.`status` AS `_fields.status`
              FROM `logs`
              WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (ifNull(ilike(`sourcetype`, {p3:String}), false) AND isNotNull(CAST(`fields`.`status` AS Nullable(String))))
            )
          )
          WHERE isNotNull(`host`)
          GROUP BY `host`, `__split`
        )
        GROUP BY `host`
      )
    )
  )
)
ORDER BY `host` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
