SELECT `dest`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`, `ALL`
FROM (
  SELECT `dest`, `_series`, `ALL`, `__h0`, `__h1`
  FROM (
    SELECT `dest`, `_series`, toFloat64(`ALL`) AS `ALL`, 0 AS `__h0`, row_number() OVER (ORDER BY `__h17` ASC) AS `__h1`
    FROM (
      SELECT `dest`, `_series`, `ALL`, `__h16` AS `__h17`
      FROM (
        SELECT l.`dest` AS `dest`, l.`_series` AS `_series`, r.`ALL` AS `ALL`, l.`dest` AS `__h16`
        FROM (
          SELECT `dest`, `_series`
          FROM (
            SELECT `dest`, `_series`
            FROM (
              SELECT `dest`, mapFromArrays(`__h3`, arrayMap(l -> ifNull(`__h14`[l], 0), `__h3`)) AS `_series`
              FROM (
                SELECT `dest`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h2`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h2`)) AS `__h14`, arraySort(l -> (indexOf([{p5:String}, {p6:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h2`)) OVER ()) AS `__h3`
                FROM (
                  SELECT `dest`, groupArray(tuple(`__split`, `n`)) AS `__h2`
                  FROM (
                    SELECT CAST(`_fields`.`dest` AS Nullable(String)) AS `dest`, if(ifNull(coalesce(`user`, {p5:String}) IN (SELECT `__split` FROM (
                      SELECT `__split`, `__rank`
                      FROM (
                        SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h10`, `__rank` AS `__h11`, isNull(`__split`) AS `__h12`, `__split` AS `__h13`
                        FROM (
                          SELECT coalesce(`user`, {p5:String}) AS `__split`, count() AS `__rank`
                          FROM (
                            SELECT `_time`, `_fields.tag`, `_fields.user`, `_fields.dest`, if(notEmpty(if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`_fields`.`user` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`_fields`.`user` AS Nullable(String))))])) AS `__h7`, arrayJoin(if(empty(`__h7`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h7`, arrayEnumerate(`__h7`)))) AS `__h8`, tupleElement(`__h8`, 2) AS `user`, tupleElement(`__h8`, 1) AS `__h9`
                            FROM (
                              SELECT `_time`, `fields`.`tag` AS `_fields.tag`, `fields`.`user` AS `_fields.user`, `fields`.`dest` AS `_fields.dest`
                              FROM `logs`
                              WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))))
                            )
                          )
                          WHERE isNotNull(CAST(`_fields`.`dest` AS Nullable(String)))
                          GROUP BY `__split`
                        )
                        ORDER BY `__h10` ASC, `__h11` DESC, `__h12` ASC, `__h13` ASC
                        LIMIT 10
                      )
                    ) LIMIT 10), false), coalesce(`user`, {p5:String}), {p6:String}) AS `__split`, count() AS `n`
                    FROM (
                      SELECT `_time`, `_fields.tag`, `_fields.user`, `_fields.dest`, if(notEmpty(if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`_fields`.`user` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`_fields`.`user` AS Nullable(String))))])) AS `__h4`, arrayJoin(if(empty(`__h4`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h4`, arrayEnumerate(`__h4`)))) AS `__h5`, tupleElement(`__h5`, 2) AS `user`, tupleElement(`__h5`, 1) AS `__h6`
                      FROM (
                        SELECT `_time`, `fields`.`tag` AS `_fields.tag`, `fields`.`user` AS `_fields.user`, `fields`.`dest` AS `_fields.dest`
                        FROM `logs`
                        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))))
                      )
                    )
                    WHERE isNotNull(CAST(`_fields`.`dest` AS Nullable(String)))
                    GROUP BY `dest`, `__split`
                  )
                  GROUP BY `dest`
                )
              )
            )
          )
        ) AS l
        ANY LEFT JOIN (
          SELECT `dest`, `ALL`, 1 AS `__h15`
          FROM (
            SELECT `dest`, `ALL`
            FROM (
              SELECT CAST(`fields`.`dest` AS Nullable(String)) AS `dest`, count() AS `ALL`
              FROM `logs`
              WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`dest` AS Nullable(String)))
              GROUP BY `dest`
            )
          )
        ) AS r ON l.`dest` = r.`dest`
      )
    )
    UNION ALL
    SELECT `dest`, `_series`, toFloat64(`ALL`) AS `ALL`, 1 AS `__h0`, row_number() OVER (ORDER BY `__h34` ASC) AS `__h1`
    FROM (
      SELECT `dest`, `_series`, `ALL`, `__h33` AS `__h34`
      FROM (
        SELECT `_series`, `ALL`, `dest`, `__h32` AS `__h33`
        FROM (
          SELECT `__pivot_row`, `_series`, `ALL`, `__h32`, {p7:String} AS `dest`
          FROM (
            SELECT l.`__pivot_row` AS `__pivot_row`, l.`_series` AS `_series`, r.`ALL` AS `ALL`, l.`__pivot_row` AS `__h32`
            FROM (
              SELECT `__pivot_row`, `_series`
              FROM (
                SELECT `__pivot_row`, `_series`
                FROM (
                  SELECT `__pivot_row`, mapFromArrays(`__h19`, arrayMap(l -> ifNull(`__h30`[l], 0), `__h19`)) AS `_series`
                  FROM (
                    SELECT `__pivot_row`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h18`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h18`)) AS `__h30`, arraySort(l -> (indexOf([{p5:String}, {p6:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h18`)) OVER ()) AS `__h19`
                    FROM (
                      SELECT `__pivot_row`, groupArray(tuple(`__split`, `n`)) AS `__h18`
                      FROM (
                        SELECT `__pivot_row`, if(ifNull(coalesce(`user`, {p5:String}) IN (SELECT `__split` FROM (
                          SELECT `__split`, `__rank`
                          FROM (
                            SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h26`, `__rank` AS `__h27`, isNull(`__split`) AS `__h28`, `__split` AS `__h29`
                            FROM (
                              SELECT coalesce(`user`, {p5:String}) AS `__split`, count() AS `__rank`
                              FROM (
                                SELECT `_time`, `_fields.tag`, `_fields.user`, `_fields.dest`, `__pivot_row`, if(notEmpty(if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`_fields`.`user` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`_fields`.`user` AS Nullable(String))))])) AS `__h23`, arrayJoin(if(empty(`__h23`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h23`, arrayEnumerate(`__h23`)))) AS `__h24`, tupleElement(`__h24`, 2) AS `user`, tupleElement(`__h24`, 1) AS `__h25`
                                FROM (
                                  SELECT `_time`, `_fields.tag`, `_fields.user`, `_fields.dest`, {p7:String} AS `__pivot_row`
                                  FROM (
                                    SELECT `_time`, `fields`.`tag` AS `_fields.tag`, `fields`.`user` AS `_fields.user`, `fields`.`dest` AS `_fields.dest`
                                    FROM `logs`
                                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))))
                                  )
                                )
                              )
                              WHERE isNotNull(`__pivot_row`)
                              GROUP BY `__split`
                            )
                            ORDER BY `__h26` ASC, `__h27` DESC, `__h28` ASC, `__h29` ASC
                            LIMIT 10
                          )
                        ) LIMIT 10), false), coalesce(`user`, {p5:String}), {p6:String}) AS `__split`, count() AS `n`
                        FROM (
                          SELECT `_time`, `_fields.tag`, `_fields.user`, `_fields.dest`, `__pivot_row`, if(notEmpty(if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`_fields`.`user` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`_fields`.`user` AS Nullable(String))))])) AS `__h20`, arrayJoin(if(empty(`__h20`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h20`, arrayEnumerate(`__h20`)))) AS `__h21`, tupleElement(`__h21`, 2) AS `user`, tupleElement(`__h21`, 1) AS `__h22`
                          FROM (
                            SELECT `_time`, `_fields.tag`, `_fields.user`, `_fields.dest`, {p7:String} AS `__pivot_row`
                            FROM (
                              SELECT `_time`, `fields`.`tag` AS `_fields.tag`, `fields`.`user` AS `_fields.user`, `fields`.`dest` AS `_fields.dest`
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
              SELECT `__pivot_row`, `ALL`, 1 AS `__h31`
              FROM (
                SELECT `__pivot_row`, `ALL`
                FROM (
                  SELECT `__pivot_row`, count() AS `ALL`
                  FROM (
                    SELECT `_time`, `_fields.tag`, `_fields.user`, `_fields.dest`, {p7:String} AS `__pivot_row`
                    FROM (
                      SELECT `_time`, `fields`.`tag` AS `_fields.tag`, `fields`.`user` AS `_fields.user`, `fields`.`dest` AS `_fields.dest`
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
      )
    )
  )
)
ORDER BY `__h0` ASC, `__h1` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
