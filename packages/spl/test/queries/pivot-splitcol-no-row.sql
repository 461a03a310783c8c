SELECT arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`, `ALL`
FROM (
  SELECT `_series`, `ALL`, `__h10` AS `__h11`
  FROM (
    SELECT l.`_series` AS `_series`, r.`ALL` AS `ALL`, l.`__pivot_row` AS `__h10`
    FROM (
      SELECT `__pivot_row`, `_series`
      FROM (
        SELECT `__pivot_row`, `_series`
        FROM (
          SELECT `__pivot_row`, mapFromArrays(`__h1`, arrayMap(l -> ifNull(`__h8`[l], 0), `__h1`)) AS `_series`
          FROM (
            SELECT `__pivot_row`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h0`)) AS `__h8`, arraySort(l -> (indexOf([{p6:String}, {p7:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h0`)) OVER ()) AS `__h1`
            FROM (
              SELECT `__pivot_row`, groupArray(tuple(`__split`, `n`)) AS `__h0`
              FROM (
                SELECT `__pivot_row`, if(ifNull(coalesce(`user`, {p6:String}) IN (SELECT `__split` FROM (
                  SELECT `__split`, `__rank`
                  FROM (
                    SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h4`, `__rank` AS `__h5`, isNull(`__split`) AS `__h6`, `__split` AS `__h7`
                    FROM (
                      SELECT coalesce(`user`, {p6:String}) AS `__split`, count() AS `__rank`
                      FROM (
                        SELECT `_time`, `__pivot_row`, if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), [toNullable(toString(CAST(`_fields`.`user` AS Nullable(String))))]) AS `__h3`, arrayJoin(if(empty(`__h3`), [CAST(NULL AS Nullable(String))], `__h3`)) AS `user`
                        FROM (
                          SELECT `_time`, `_fields.user`, {p5:String} AS `__pivot_row`
                          FROM (
                            SELECT `_time`, `fields`.`user` AS `_fields.user`
                            FROM `logs`
                            WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))))
                          )
                        )
                      )
                      WHERE isNotNull(`__pivot_row`)
                      GROUP BY `__split`
                    )
                    ORDER BY `__h4` ASC, `__h5` DESC, `__h6` ASC, `__h7` ASC
                    LIMIT 10
                  )
                ) LIMIT 10), false), coalesce(`user`, {p6:String}), {p7:String}) AS `__split`, count() AS `n`
                FROM (
                  SELECT `_time`, `__pivot_row`, if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), [toNullable(toString(CAST(`_fields`.`user` AS Nullable(String))))]) AS `__h2`, arrayJoin(if(empty(`__h2`), [CAST(NULL AS Nullable(String))], `__h2`)) AS `user`
                  FROM (
                    SELECT `_time`, `_fields.user`, {p5:String} AS `__pivot_row`
                    FROM (
                      SELECT `_time`, `fields`.`user` AS `_fields.user`
                      FROM `logs`
                      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))))
                    )
                  )
                )
                WHERE isNotNull(`__pivot_row`)
                GROUP BY `__pivot_row`, `__split`
              )
              GROUP BY `__pivot_row`
            )
          )
        )
      )
    ) AS l
    ANY LEFT JOIN (
      SELECT `__pivot_row`, `ALL`, 1 AS `__h9`
      FROM (
        SELECT `__pivot_row`, `ALL`
        FROM (
          SELECT `__pivot_row`, count() AS `ALL`
          FROM (
            SELECT `_time`, `_fields.user`, {p5:String} AS `__pivot_row`
            FROM (
              SELECT `_time`, `fields`.`user` AS `_fields.user`
              FROM `logs`
              WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))))
            )
          )
          WHERE isNotNull(`__pivot_row`)
          GROUP BY `__pivot_row`
        )
      )
    ) AS r ON l.`__pivot_row` = r.`__pivot_row`
  )
)
ORDER BY `__h11` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
