SELECT `user`, `Host`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`, `ALL`
FROM (
  SELECT `user`, `Host`, `_series`, `ALL`, `__h0`, `__h1`
  FROM (
    SELECT `user`, `Host`, `_series`, toFloat64(`ALL`) AS `ALL`, 0 AS `__h0`, row_number() OVER (ORDER BY `__h16` ASC, `__h17` ASC) AS `__h1`
    FROM (
      SELECT `user`, `Host`, `_series`, `ALL`, `__h14` AS `__h16`, `__h15` AS `__h17`
      FROM (
        SELECT `user`, `dest` AS `Host`, `_series`, `ALL`, `__h12` AS `__h14`, `__h13` AS `__h15`
        FROM (
          SELECT l.`user` AS `user`, l.`dest` AS `dest`, l.`_series` AS `_series`, r.`ALL` AS `ALL`, l.`user` AS `__h12`, l.`dest` AS `__h13`
          FROM (
            SELECT `user`, `dest`, `_series`
            FROM (
              SELECT `user`, `dest`, `_series`
              FROM (
                SELECT `user`, `dest`, mapFromArrays(`__h3`, arrayMap(l -> ifNull(`__h10`[l], 0), `__h3`)) AS `_series`
                FROM (
                  SELECT `user`, `dest`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h2`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h2`)) AS `__h10`, arraySort(l -> (indexOf([{p5:String}, {p6:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h2`)) OVER ()) AS `__h3`
                  FROM (
                    SELECT `user`, `dest`, groupArray(tuple(`__split`, `hosts`)) AS `__h2`
                    FROM (
                      SELECT CAST(`_fields`.`user` AS Nullable(String)) AS `user`, CAST(`_fields`.`dest` AS Nullable(String)) AS `dest`, if(ifNull(coalesce(`process_name`, {p5:String}) IN (SELECT `__split` FROM (
                        SELECT `__split`, `__rank`
                        FROM (
                          SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h6`, `__rank` AS `__h7`, isNull(`__split`) AS `__h8`, `__split` AS `__h9`
                          FROM (
                            SELECT `__split`, sumOrNull(`hosts`) AS `__rank`
                            FROM (
                              SELECT CAST(`_fields`.`user` AS Nullable(String)) AS `user`, CAST(`_fields`.`dest` AS Nullable(String)) AS `dest`, coalesce(`process_name`, {p5:String}) AS `__split`, uniqExactArray(if(notEmpty(if(startsWith(dynamicType(`_fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`_fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`_fields`.`dest` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`_fields`.`dest` AS Nullable(String))))]))) AS `hosts`
                              FROM (
                                SELECT `_time`, `_fields.user`, `_fields.dest`, if(startsWith(dynamicType(`_fields`.`process_name`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`process_name`), '[]'), 'Array(Nullable(String))'), [toNullable(toString(CAST(`_fields`.`process_name` AS Nullable(String))))]) AS `__h5`, arrayJoin(if(empty(`__h5`), [CAST(NULL AS Nullable(String))], `__h5`)) AS `process_name`
                                FROM (
                                  SELECT `_time`, `fields`.`process_name` AS `_fields.process_name`, `fields`.`user` AS `_fields.user`, `fields`.`dest` AS `_fields.dest`
                                  FROM `logs`
                                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))))
                                )
                              )
                              WHERE isNotNull(CAST(`_fields`.`user` AS Nullable(String))) AND isNotNull(CAST(`_fields`.`dest` AS Nullable(String)))
                              GROUP BY `user`, `dest`, `__split`
                            )
                            WHERE isNotNull(`__split`)
                            GROUP BY `__split`
                          )
                          ORDER BY `__h6` ASC, `__h7` DESC, `__h8` ASC, `__h9` ASC
                          LIMIT 10
                        )
                      ) LIMIT 10), false), coalesce(`process_name`, {p5:String}), {p6:String}) AS `__split`, uniqExactArray(if(notEmpty(if(startsWith(dynamicType(`_fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`_fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`_fields`.`dest` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`_fields`.`dest` AS Nullable(String))))]))) AS `hosts`
                      FROM (
                        SELECT `_time`, `_fields.user`, `_fields.dest`, if(startsWith(dynamicType(`_fields`.`process_name`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`process_name`), '[]'), 'Array(Nullable(String))'), [toNullable(toString(CAST(`_fields`.`process_name` AS Nullable(String))))]) AS `__h4`, arrayJoin(if(empty(`__h4`), [CAST(NULL AS Nullable(String))], `__h4`)) AS `process_name`
                        FROM (
                          SELECT `_time`, `fields`.`process_name` AS `_fields.process_name`, `fields`.`user` AS `_fields.user`, `fields`.`dest` AS `_fields.dest`
                          FROM `logs`
                          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))))
                        )
                      )
                      WHERE isNotNull(CAST(`_fields`.`user` AS Nullable(String))) AND isNotNull(CAST(`_fields`.`dest` AS Nullable(String)))
                      GROUP BY `user`, `dest`, `__split`
                    )
                    GROUP BY `user`, `dest`
                  )
                )
              )
            )
          ) AS l
          ANY LEFT JOIN (
            SELECT `user`, `dest`, `ALL`, 1 AS `__h11`
            FROM (
              SELECT `user`, `dest`, `ALL`
              FROM (
                SELECT CAST(`fields`.`user` AS Nullable(String)) AS `user`, CAST(`fields`.`dest` AS Nullable(String)) AS `dest`, uniqExactArray(if(notEmpty(if(startsWith(dynamicType(`fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`fields`.`dest` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`fields`.`dest` AS Nullable(String))))]))) AS `ALL`
                FROM `logs`
                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`user` AS Nullable(String))) AND isNotNull(CAST(`fields`.`dest` AS Nullable(String)))
                GROUP BY `user`, `dest`
              )
            )
          ) AS r ON l.`user` = r.`user` AND l.`dest` = r.`dest`
        )
      )
    )
    UNION ALL
    SELECT `user`, `Host`, `_series`, toFloat64(`ALL`) AS `ALL`, 1 AS `__h0`, row_number() OVER (ORDER BY `__h30` ASC) AS `__h1`
    FROM (
      SELECT `user`, NULL AS `Host`, `_series`, `ALL`, `__h29` AS `__h30`
      FROM (
        SELECT `_series`, `ALL`, `user`, `__h28` AS `__h29`
        FROM (
          SELECT `_series`, `ALL`, `__h28`, {p7:String} AS `user`
          FROM (
            SELECT l.`_series` AS `_series`, r.`ALL` AS `ALL`, l.`__pivot_row` AS `__h28`
            FROM (
              SELECT `__pivot_row`, `_series`
              FROM (
                SELECT `__pivot_row`, `_series`
                FROM (
                  SELECT `__pivot_row`, mapFromArrays(`__h19`, arrayMap(l -> ifNull(`__h26`[l], 0), `__h19`)) AS `_series`
                  FROM (
                    SELECT `__pivot_row`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h18`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h18`)) AS `__h26`, arraySort(l -> (indexOf([{p5:String}, {p6:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h18`)) OVER ()) AS `__h19`
                    FROM (
                      SELECT `__pivot_row`, groupArray(tuple(`__split`, `hosts`)) AS `__h18`
                      FROM (
                        SELECT `__pivot_row`, if(ifNull(coalesce(`process_name`, {p5:String}) IN (SELECT `__split` FROM (
                          SELECT `__split`, `__rank`
                          FROM (
                            SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h22`, `__rank` AS `__h23`, isNull(`__split`) AS `__h24`, `__split` AS `__h25`
                            FROM (
                              SELECT `__split`, sumOrNull(`hosts`) AS `__rank`
                              FROM (
                                SELECT `__pivot_row`, coalesce(`process_name`, {p5:String}) AS `__split`, uniqExactArray(if(notEmpty(if(startsWith(dynamicType(`_fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`_fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`_fields`.`dest` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`_fields`.`dest` AS Nullable(String))))]))) AS `hosts`
                                FROM (
                                  SELECT `_time`, `_fields.dest`, `__pivot_row`, if(startsWith(dynamicType(`_fields`.`process_name`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`process_name`), '[]'), 'Array(Nullable(String))'), [toNullable(toString(CAST(`_fields`.`process_name` AS Nullable(String))))]) AS `__h21`, arrayJoin(if(empty(`__h21`), [CAST(NULL AS Nullable(String))], `__h21`)) AS `process_name`
                                  FROM (
                                    SELECT `_time`, `_fields.process_name`, `_fields.dest`, {p7:String} AS `__pivot_row`
                                    FROM (
                                      SELECT `_time`, `fields`.`process_name` AS `_fields.process_name`, `fields`.`user` AS `_fields.user`, `fields`.`dest` AS `_fields.dest`
                                      FROM `logs`
                                      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))))
                                    )
                                  )
                                )
                                WHERE isNotNull(`__pivot_row`)
                                GROUP BY `__pivot_row`, `__split`
                              )
                              WHERE isNotNull(`__split`)
                              GROUP BY `__split`
                            )
                            ORDER BY `__h22` ASC, `__h23` DESC, `__h24` ASC, `__h25` ASC
                            LIMIT 10
                          )
                        ) LIMIT 10), false), coalesce(`process_name`, {p5:String}), {p6:String}) AS `__split`, uniqExactArray(if(notEmpty(if(startsWith(dynamicType(`_fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`_fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`_fields`.`dest` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`_fields`.`dest` AS Nullable(String))))]))) AS `hosts`
                        FROM (
                          SELECT `_time`, `_fields.dest`, `__pivot_row`, if(startsWith(dynamicType(`_fields`.`process_name`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`process_name`), '[]'), 'Array(Nullable(String))'), [toNullable(toString(CAST(`_fields`.`process_name` AS Nullable(String))))]) AS `__h20`, arrayJoin(if(empty(`__h20`), [CAST(NULL AS Nullable(String))], `__h20`)) AS `process_name`
                          FROM (
                            SELECT `_time`, `_fields.process_name`, `_fields.dest`, {p7:String} AS `__pivot_row`
                            FROM (
                              SELECT `_time`, `fields`.`process_name` AS `_fields.process_name`, `fields`.`user` AS `_fields.user`, `fields`.`dest` AS `_fields.dest`
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
              SELECT `__pivot_row`, `ALL`, 1 AS `__h27`
              FROM (
                SELECT `__pivot_row`, `ALL`
                FROM (
                  SELECT `__pivot_row`, uniqExactArray(if(notEmpty(if(startsWith(dynamicType(`_fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`_fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`_fields`.`dest` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`_fields`.`dest` AS Nullable(String))))]))) AS `ALL`
                  FROM (
                    SELECT `_time`, `_fields.dest`, {p7:String} AS `__pivot_row`
                    FROM (
                      SELECT `_time`, `fields`.`process_name` AS `_fields.process_name`, `fields`.`user` AS `_fields.user`, `fields`.`dest` AS `_fields.dest`
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
