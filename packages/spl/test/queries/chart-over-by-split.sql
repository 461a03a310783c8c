SELECT `host`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`
FROM (
  SELECT `host`, mapFromArrays(arrayMap(i -> mapKeys(`_series`)[i], arraySort(i -> (multiIf(match(mapKeys(`_series`)[i], {p6:String}), 1, match(mapKeys(`_series`)[i], {p7:String}), 2, 0), i), arrayFilter(i -> multiIf(match(mapKeys(`_series`)[i], {p6:String}), 1, match(mapKeys(`_series`)[i], {p7:String}), 2, 0) > 0, arrayEnumerate(mapKeys(`_series`))))), arrayMap(i -> mapValues(`_series`)[i], arraySort(i -> (multiIf(match(mapKeys(`_series`)[i], {p6:String}), 1, match(mapKeys(`_series`)[i], {p7:String}), 2, 0), i), arrayFilter(i -> multiIf(match(mapKeys(`_series`)[i], {p6:String}), 1, match(mapKeys(`_series`)[i], {p7:String}), 2, 0) > 0, arrayEnumerate(mapKeys(`_series`)))))) AS `_series`
  FROM (
    SELECT `host`, mapFromArrays(`__h1`, arrayMap(l -> ifNull(`__h8`[l], 0), `__h1`)) AS `_series`
    FROM (
      SELECT `host`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h0`)) AS `__h8`, arraySort(l -> (indexOf([{p4:String}, {p5:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h0`)) OVER ()) AS `__h1`
      FROM (
        SELECT `host`, groupArray(tuple(`__split`, `count`)) AS `__h0`
        FROM (
          SELECT `host`, if(ifNull(coalesce(`status`, {p4:String}) IN (SELECT `__split` FROM (
            SELECT `__split`, `__rank`
            FROM (
              SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h4`, `__rank` AS `__h5`, isNull(`__split`) AS `__h6`, `__split` AS `__h7`
              FROM (
                SELECT coalesce(`status`, {p4:String}) AS `__split`, count() AS `__rank`
                FROM (
                  SELECT `_time`, `host`, if(startsWith(dynamicType(`_fields`.`status`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`status`), '[]'), 'Array(Nullable(String))'), [toNullable(toString(CAST(`_fields`.`status` AS Nullable(String))))]) AS `__h3`, arrayJoin(if(empty(`__h3`), [CAST(NULL AS Nullable(String))], `__h3`)) AS `status`
                  FROM (
                    SELECT `_time`, `host`, `fields`.`status` AS `_fields.status`
                    FROM `logs`
                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (ifNull(ilike(`sourcetype`, {p3:String}), false) AND isNotNull(CAST(`fields`.`status` AS Nullable(String))))
                  )
                )
                WHERE isNotNull(`host`)
                GROUP BY `__split`
              )
              ORDER BY `__h4` ASC, `__h5` DESC, `__h6` ASC, `__h7` ASC
              LIMIT 3
            )
          ) LIMIT 3), false), coalesce(`status`, {p4:String}), {p5:String}) AS `__split`, count() AS `count`
          FROM (
            SELECT `_time`, `host`, if(startsWith(dynamicType(`_fields`.`status`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`status`), '[]'), 'Array(Nullable(String))'), [toNullable(toString(CAST(`_fields`.`status` AS Nullable(String))))]) AS `__h2`, arrayJoin(if(empty(`__h2`), [CAST(NULL AS Nullable(String))], `__h2`)) AS `status`
            FROM (
              SELECT `_time`, `host`, `fields`.`status` AS `_fields.status`
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
