SELECT `dest`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`, `ALL`
FROM (
  SELECT `dest`, `_series`, `ALL`, `__h0`, `__h1`
  FROM (
    SELECT `dest`, `_series`, toFloat64(`ALL`) AS `ALL`, 0 AS `__h0`, row_number() OVER (ORDER BY `__h13` ASC) AS `__h1`
    FROM (
      SELECT `dest`, `_series`, `ALL`, `__h12` AS `__h13`
      FROM (
        SELECT l.`dest` AS `dest`, l.`_series` AS `_series`, r.`ALL` AS `ALL`, l.`dest` AS `__h12`
        FROM (
          SELECT `dest`, `_series`
          FROM (
            SELECT `dest`, `_series`
            FROM (
              SELECT `dest`, mapFromArrays(`__h3`, arrayMap(l -> ifNull(`__h10`[l], 0), `__h3`)) AS `_series`
              FROM (
                SELECT `dest`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h2`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h2`)) AS `__h10`, arraySort(l -> (indexOf([{p5:String}, {p6:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h2`)) OVER ()) AS `__h3`
                FROM (
                  SELECT `dest`, groupArray(tuple(`__split`, `n`)) AS `__h2`
                  FROM (
                    SELECT CAST(`_fields`.`dest` AS Nullable(String)) AS `dest`, if(ifNull(coalesce(`user`, {p5:String}) IN (SELECT `__split` FROM (
                      SELECT `__split`, `__rank`
                      FROM (
                        SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h6`, `__rank` AS `__h7`, isNull(`__split`) AS `__h8`, `__split` AS `__h9`
                        FROM (
                          SELECT coalesce(`user`, {p5:String}) AS `__split`, count() AS `__rank`
                          FROM (
                            SELECT `_time`, `_fields.dest`, if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), [toNullable(toString(CAST(`_fields`.`user` AS Nullable(String))))]) AS `__h5`, arrayJoin(if(empty(`__h5`), [CAST(NULL AS Nullable(String))], `__h5`)) AS `user`
                            FROM (
                              SELECT `_time`, `fields`.`user` AS `_fields.user`, `fields`.`dest` AS `_fields.dest`
                              FROM `logs`
                              WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))))
                            )
                          )
                          WHERE isNotNull(CAST(`_fields`.`dest` AS Nullable(String)))
                          GROUP BY `__split`
                        )
                        ORDER BY `__h6` ASC, `__h7` DESC, `__h8` ASC, `__h9` ASC
                        LIMIT 10
                      )
                    ) LIMIT 10), false), coalesce(`user`, {p5:String}), {p6:String}) AS `__split`, count() AS `n`
                    FROM (
                      SELECT `_time`, `_fields.dest`, if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), [toNullable(toString(CAST(`_fields`.`user` AS Nullable(String))))]) AS `__h4`, arrayJoin(if(empty(`__h4`), [CAST(NULL AS Nullable(String))], `__h4`)) AS `user`
                      FROM (
                        SELECT `_time`, `fields`.`user` AS `_fields.user`, `fields`.`dest` AS `_fields.dest`
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
          SELECT `dest`, `ALL`, 1 AS `__h11`
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
    SELECT `dest`, `_series`, toFloat64(`ALL`) AS `ALL`, 1 AS `__h0`, row_number() OVER (ORDER BY `__h26` ASC) AS `__h1`
    FROM (
      SELECT `dest`, `_series`, `ALL`, `__h25` AS `__h26`
      FROM (
        SELECT `_series`, `ALL`, `dest`, `__h24` AS `__h25`
        FROM (
          SELECT `_series`, `ALL`, `__h24`, {p7:String} AS `dest`
          FROM (
            SELECT l.`_series` AS `_series`, r.`ALL` AS `ALL`, l.`__pivot_row` AS `__h24`
            FROM (
              SELECT `__pivot_row`, `_series`
              FROM (
                SELECT `__pivot_row`, `_series`
                FROM (
                  SELECT `__pivot_row`, mapFromArrays(`__h15`, arrayMap(l -> ifNull(`__h22`[l], 0), `__h15`)) AS `_series`
                  FROM (
                    SELECT `__pivot_row`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h14`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h14`)) AS `__h22`, arraySort(l -> (indexOf([{p5:String}, {p6:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h14`)) OVER ()) AS `__h15`
                    FROM (
                      SELECT `__pivot_row`, groupArray(tuple(`__split`, `n`)) AS `__h14`
                      FROM (
                        SELECT `__pivot_row`, if(ifNull(coalesce(`user`, {p5:String}) IN (SELECT `__split` FROM (
                          SELECT `__split`, `__rank`
                          FROM (
                            SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h18`, `__rank` AS `__h19`, isNull(`__split`) AS `__h20`, `__split` AS `__h21`
                            FROM (
                              SELECT coalesce(`user`, {p5:String}) AS `__split`, count() AS `__rank`
                              FROM (
                                SELECT `_time`, `__pivot_row`, if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), [toNullable(toString(CAST(`_fields`.`user` AS Nullable(String))))]) AS `__h17`, arrayJoin(if(empty(`__h17`), [CAST(NULL AS Nullable(String))], `__h17`)) AS `user`
                                FROM (
                                  SELECT `_time`, `_fields.user`, {p7:String} AS `__pivot_row`
                                  FROM (
                                    SELECT `_time`, `fields`.`user` AS `_fields.user`, `fields`.`dest` AS `_fields.dest`
                                    FROM `logs`
                                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))))
                                  )
                                )
                              )
                              WHERE isNotNull(`__pivot_row`)
                              GROUP BY `__split`
                            )
                            ORDER BY `__h18` ASC, `__h19` DESC, `__h20` ASC, `__h21` ASC
                            LIMIT 10
                          )
                        ) LIMIT 10), false), coalesce(`user`, {p5:String}), {p6:String}) AS `__split`, count() AS `n`
                        FROM (
                          SELECT `_time`, `__pivot_row`, if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), [toNullable(toString(CAST(`_fields`.`user` AS Nullable(String))))]) AS `__h16`, arrayJoin(if(empty(`__h16`), [CAST(NULL AS Nullable(String))], `__h16`)) AS `user`
                          FROM (
                            SELECT `_time`, `_fields.user`, {p7:String} AS `__pivot_row`
                            FROM (
                              SELECT `_time`, `fields`.`user` AS `_fields.user`, `fields`.`dest` AS `_fields.dest`
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
              SELECT `__pivot_row`, `ALL`, 1 AS `__h23`
              FROM (
                SELECT `__pivot_row`, `ALL`
                FROM (
                  SELECT `__pivot_row`, count() AS `ALL`
                  FROM (
                    SELECT `_time`, {p7:String} AS `__pivot_row`
                    FROM (
                      SELECT `_time`, `fields`.`user` AS `_fields.user`, `fields`.`dest` AS `_fields.dest`
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
