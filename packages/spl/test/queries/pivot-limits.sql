SELECT `dest`, `process_name`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`
FROM (
  SELECT `dest`, `process_name`, `_series`, `__h0`, `__h1`
  FROM (
    SELECT `dest`, `process_name`, `_series`, 0 AS `__h0`, row_number() OVER (ORDER BY `dest` ASC, `process_name` ASC) AS `__h1`
    FROM (
      SELECT `dest`, `process_name`, `_series`
      FROM (
        SELECT `dest`, `process_name`, mapFromArrays(`__h3`, arrayMap(l -> ifNull(`__h58`[l], 0), `__h3`)) AS `_series`
        FROM (
          SELECT `dest`, `process_name`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h2`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h2`)) AS `__h58`, arraySort(l -> (indexOf([{p5:String}, {p6:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h2`)) OVER ()) AS `__h3`
          FROM (
            SELECT `dest`, `process_name`, groupArray(tuple(`__split`, `n`)) AS `__h2`
            FROM (
              SELECT CAST(`_fields`.`dest` AS Nullable(String)) AS `dest`, CAST(`_fields`.`process_name` AS Nullable(String)) AS `process_name`, if(ifNull(coalesce(`user`, {p5:String}) IN (SELECT `__split` FROM (
                SELECT `__split`, `__rank`
                FROM (
                  SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h54`, `__rank` AS `__h55`, isNull(`__split`) AS `__h56`, `__split` AS `__h57`
                  FROM (
                    SELECT coalesce(`user`, {p5:String}) AS `__split`, count() AS `__rank`
                    FROM (
                      SELECT `_time`, `_fields.process_name`, `_fields.dest`, if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), [toNullable(toString(CAST(`_fields`.`user` AS Nullable(String))))]) AS `__h53`, arrayJoin(if(empty(`__h53`), [CAST(NULL AS Nullable(String))], `__h53`)) AS `user`
                      FROM (
                        SELECT `_time`, `fields`.`user` AS `_fields.user`, `fields`.`process_name` AS `_fields.process_name`, `fields`.`dest` AS `_fields.dest`
                        FROM `logs`
                        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND ifNull(CAST(`fields`.`user` AS Nullable(String)) IN (SELECT `__pivot_kept` FROM (
                          SELECT `__pivot_kept`
                          FROM (
                            SELECT `user` AS `__pivot_kept`, `__h29` AS `__h35`, `__h30` AS `__h36`, `__h31` AS `__h37`, `__h32` AS `__h38`, `__h33` AS `__h39`, `__h34` AS `__h40`
                            FROM (
                              SELECT `user`, isNull(`__pivot_limit`) AS `__h29`, `__pivot_limit` AS `__h30`, isNull(`user`) AS `__h31`, isNull(toFloat64OrNull(`user`)) AS `__h32`, toFloat64OrNull(`user`) AS `__h33`, `user` AS `__h34`
                              FROM (
                                SELECT CAST(`fields`.`user` AS Nullable(String)) AS `user`, count() AS `__pivot_limit`
                                FROM `logs`
                                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`user` AS Nullable(String)))
                                GROUP BY `user`
                              )
                              ORDER BY `__h29` ASC, `__h30` DESC, `__h31` ASC, `__h32` ASC, `__h33` ASC, `__h34` ASC
                              LIMIT 1
                            )
                          )
                        ) LIMIT 1), false) AND ifNull(CAST(`fields`.`process_name` AS Nullable(String)) IN (SELECT `__pivot_kept` FROM (
                          SELECT `__pivot_kept`
                          FROM (
                            SELECT `process_name` AS `__pivot_kept`, `__h41` AS `__h47`, `__h42` AS `__h48`, `__h43` AS `__h49`, `__h44` AS `__h50`, `__h45` AS `__h51`, `__h46` AS `__h52`
                            FROM (
                              SELECT `process_name`, isNull(`__pivot_limit`) AS `__h41`, `__pivot_limit` AS `__h42`, isNull(`process_name`) AS `__h43`, isNull(toFloat64OrNull(`process_name`)) AS `__h44`, toFloat64OrNull(`process_name`) AS `__h45`, `process_name` AS `__h46`
                              FROM (
                                SELECT CAST(`fields`.`process_name` AS Nullable(String)) AS `process_name`, uniqExactArray(if(notEmpty(if(startsWith(dynamicType(`fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`fields`.`dest` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`fields`.`dest` AS Nullable(String))))]))) AS `__pivot_limit`
                                FROM `logs`
                                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`process_name` AS Nullable(String)))
                                GROUP BY `process_name`
                              )
                              ORDER BY `__h41` ASC, `__h42` ASC, `__h43` ASC, `__h44` ASC, `__h45` ASC, `__h46` ASC
                              LIMIT 2
                            )
                          )
                        ) LIMIT 2), false)
                      )
                    )
                    WHERE isNotNull(CAST(`_fields`.`dest` AS Nullable(String))) AND isNotNull(CAST(`_fields`.`process_name` AS Nullable(String)))
                    GROUP BY `__split`
                  )
                  ORDER BY `__h54` ASC, `__h55` DESC, `__h56` ASC, `__h57` ASC
                  LIMIT 10
                )
              ) LIMIT 10), false), coalesce(`user`, {p5:String}), {p6:String}) AS `__split`, count() AS `n`
              FROM (
                SELECT `_time`, `_fields.process_name`, `_fields.dest`, if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), [toNullable(toString(CAST(`_fields`.`user` AS Nullable(String))))]) AS `__h28`, arrayJoin(if(empty(`__h28`), [CAST(NULL AS Nullable(String))], `__h28`)) AS `user`
                FROM (
                  SELECT `_time`, `fields`.`user` AS `_fields.user`, `fields`.`process_name` AS `_fields.process_name`, `fields`.`dest` AS `_fields.dest`
                  FROM `logs`
                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND ifNull(CAST(`fields`.`user` AS Nullable(String)) IN (SELECT `__pivot_kept` FROM (
                    SELECT `__pivot_kept`
                    FROM (
                      SELECT `user` AS `__pivot_kept`, `__h4` AS `__h10`, `__h5` AS `__h11`, `__h6` AS `__h12`, `__h7` AS `__h13`, `__h8` AS `__h14`, `__h9` AS `__h15`
                      FROM (
                        SELECT `user`, isNull(`__pivot_limit`) AS `__h4`, `__pivot_limit` AS `__h5`, isNull(`user`) AS `__h6`, isNull(toFloat64OrNull(`user`)) AS `__h7`, toFloat64OrNull(`user`) AS `__h8`, `user` AS `__h9`
                        FROM (
                          SELECT CAST(`fields`.`user` AS Nullable(String)) AS `user`, count() AS `__pivot_limit`
                          FROM `logs`
                          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`user` AS Nullable(String)))
                          GROUP BY `user`
                        )
                        ORDER BY `__h4` ASC, `__h5` DESC, `__h6` ASC, `__h7` ASC, `__h8` ASC, `__h9` ASC
                        LIMIT 1
                      )
                    )
                  ) LIMIT 1), false) AND ifNull(CAST(`fields`.`process_name` AS Nullable(String)) IN (SELECT `__pivot_kept` FROM (
                    SELECT `__pivot_kept`
                    FROM (
                      SELECT `process_name` AS `__pivot_kept`, `__h16` AS `__h22`, `__h17` AS `__h23`, `__h18` AS `__h24`, `__h19` AS `__h25`, `__h20` AS `__h26`, `__h21` AS `__h27`
                      FROM (
                        SELECT `process_name`, isNull(`__pivot_limit`) AS `__h16`, `__pivot_limit` AS `__h17`, isNull(`process_name`) AS `__h18`, isNull(toFloat64OrNull(`process_name`)) AS `__h19`, toFloat64OrNull(`process_name`) AS `__h20`, `process_name` AS `__h21`
                        FROM (
                          SELECT CAST(`fields`.`process_name` AS Nullable(String)) AS `process_name`, uniqExactArray(if(notEmpty(if(startsWith(dynamicType(`fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`fields`.`dest` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`fields`.`dest` AS Nullable(String))))]))) AS `__pivot_limit`
                          FROM `logs`
                          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`process_name` AS Nullable(String)))
                          GROUP BY `process_name`
                        )
                        ORDER BY `__h16` ASC, `__h17` ASC, `__h18` ASC, `__h19` ASC, `__h20` ASC, `__h21` ASC
                        LIMIT 2
                      )
                    )
                  ) LIMIT 2), false)
                )
              )
              WHERE isNotNull(CAST(`_fields`.`dest` AS Nullable(String))) AND isNotNull(CAST(`_fields`.`process_name` AS Nullable(String)))
              GROUP BY `dest`, `process_name`, `__split`
            )
            GROUP BY `dest`, `process_name`
          )
        )
      )
    )
    UNION ALL
    SELECT `dest`, `process_name`, `_series`, 1 AS `__h0`, row_number() OVER (ORDER BY `__h117` ASC) AS `__h1`
    FROM (
      SELECT `dest`, NULL AS `process_name`, `_series`, `__h116` AS `__h117`
      FROM (
        SELECT `_series`, `dest`, `__pivot_row` AS `__h116`
        FROM (
          SELECT `__pivot_row`, `_series`, {p7:String} AS `dest`
          FROM (
            SELECT `__pivot_row`, mapFromArrays(`__h60`, arrayMap(l -> ifNull(`__h115`[l], 0), `__h60`)) AS `_series`
            FROM (
              SELECT `__pivot_row`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h59`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h59`)) AS `__h115`, arraySort(l -> (indexOf([{p5:String}, {p6:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h59`)) OVER ()) AS `__h60`
              FROM (
                SELECT `__pivot_row`, groupArray(tuple(`__split`, `n`)) AS `__h59`
                FROM (
                  SELECT `__pivot_row`, if(ifNull(coalesce(`user`, {p5:String}) IN (SELECT `__split` FROM (
                    SELECT `__split`, `__rank`
                    FROM (
                      SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h111`, `__rank` AS `__h112`, isNull(`__split`) AS `__h113`, `__split` AS `__h114`
                      FROM (
                        SELECT coalesce(`user`, {p5:String}) AS `__split`, count() AS `__rank`
                        FROM (
                          SELECT `_time`, `__pivot_row`, if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), [toNullable(toString(CAST(`_fields`.`user` AS Nullable(String))))]) AS `__h110`, arrayJoin(if(empty(`__h110`), [CAST(NULL AS Nullable(String))], `__h110`)) AS `user`
                          FROM (
                            SELECT `_time`, `_fields.user`, {p7:String} AS `__pivot_row`
                            FROM (
                              SELECT `_time`, `fields`.`user` AS `_fields.user`, `fields`.`process_name` AS `_fields.process_name`, `fields`.`dest` AS `_fields.dest`
                              FROM `logs`
                              WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND ifNull(CAST(`fields`.`user` AS Nullable(String)) IN (SELECT `__pivot_kept` FROM (
                                SELECT `__pivot_kept`
                                FROM (
                                  SELECT `user` AS `__pivot_kept`, `__h86` AS `__h92`, `__h87` AS `__h93`, `__h88` AS `__h94`, `__h89` AS `__h95`, `__h90` AS `__h96`, `__h91` AS `__h97`
                                  FROM (
                                    SELECT `user`, isNull(`__pivot_limit`) AS `__h86`, `__pivot_limit` AS `__h87`, isNull(`user`) AS `__h88`, isNull(toFloat64OrNull(`user`)) AS `__h89`, toFloat64OrNull(`user`) AS `__h90`, `user` AS `__h91`
                                    FROM (
                                      SELECT CAST(`fields`.`user` AS Nullable(String)) AS `user`, count() AS `__pivot_limit`
                                      FROM `logs`
                                      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`user` AS Nullable(String)))
                                      GROUP BY `user`
                                    )
                                    ORDER BY `__h86` ASC, `__h87` DESC, `__h88` ASC, `__h89` ASC, `__h90` ASC, `__h91` ASC
                                    LIMIT 1
                                  )
                                )
                              ) LIMIT 1), false) AND ifNull(CAST(`fields`.`process_name` AS Nullable(String)) IN (SELECT `__pivot_kept` FROM (
                                SELECT `__pivot_kept`
                                FROM (
                                  SELECT `process_name` AS `__pivot_kept`, `__h98` AS `__h104`, `__h99` AS `__h105`, `__h100` AS `__h106`, `__h101` AS `__h107`, `__h102` AS `__h108`, `__h103` AS `__h109`
                                  FROM (
                                    SELECT `process_name`, isNull(`__pivot_limit`) AS `__h98`, `__pivot_limit` AS `__h99`, isNull(`process_name`) AS `__h100`, isNull(toFloat64OrNull(`process_name`)) AS `__h101`, toFloat64OrNull(`process_name`) AS `__h102`, `process_name` AS `__h103`
                                    FROM (
                                      SELECT CAST(`fields`.`process_name` AS Nullable(String)) AS `process_name`, uniqExactArray(if(notEmpty(if(startsWith(dynamicType(`fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`fields`.`dest` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`fields`.`dest` AS Nullable(String))))]))) AS `__pivot_limit`
                                      FROM `logs`
                                      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`process_name` AS Nullable(String)))
                                      GROUP BY `process_name`
                                    )
                                    ORDER BY `__h98` ASC, `__h99` ASC, `__h100` ASC, `__h101` ASC, `__h102` ASC, `__h103` ASC
                                    LIMIT 2
                                  )
                                )
                              ) LIMIT 2), false)
                            )
                          )
                        )
                        WHERE isNotNull(`__pivot_row`)
                        GROUP BY `__split`
                      )
                      ORDER BY `__h111` ASC, `__h112` DESC, `__h113` ASC, `__h114` ASC
                      LIMIT 10
                    )
                  ) LIMIT 10), false), coalesce(`user`, {p5:String}), {p6:String}) AS `__split`, count() AS `n`
                  FROM (
                    SELECT `_time`, `__pivot_row`, if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), [toNullable(toString(CAST(`_fields`.`user` AS Nullable(String))))]) AS `__h85`, arrayJoin(if(empty(`__h85`), [CAST(NULL AS Nullable(String))], `__h85`)) AS `user`
                    FROM (
                      SELECT `_time`, `_fields.user`, {p7:String} AS `__pivot_row`
                      FROM (
                        SELECT `_time`, `fields`.`user` AS `_fields.user`, `fields`.`process_name` AS `_fields.process_name`, `fields`.`dest` AS `_fields.dest`
                        FROM `logs`
                        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND ifNull(CAST(`fields`.`user` AS Nullable(String)) IN (SELECT `__pivot_kept` FROM (
                          SELECT `__pivot_kept`
                          FROM (
                            SELECT `user` AS `__pivot_kept`, `__h61` AS `__h67`, `__h62` AS `__h68`, `__h63` AS `__h69`, `__h64` AS `__h70`, `__h65` AS `__h71`, `__h66` AS `__h72`
                            FROM (
                              SELECT `user`, isNull(`__pivot_limit`) AS `__h61`, `__pivot_limit` AS `__h62`, isNull(`user`) AS `__h63`, isNull(toFloat64OrNull(`user`)) AS `__h64`, toFloat64OrNull(`user`) AS `__h65`, `user` AS `__h66`
                              FROM (
                                SELECT CAST(`fields`.`user` AS Nullable(String)) AS `user`, count() AS `__pivot_limit`
                                FROM `logs`
                                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`user` AS Nullable(String)))
                                GROUP BY `user`
                              )
                              ORDER BY `__h61` ASC, `__h62` DESC, `__h63` ASC, `__h64` ASC, `__h65` ASC, `__h66` ASC
                              LIMIT 1
                            )
                          )
                        ) LIMIT 1), false) AND ifNull(CAST(`fields`.`process_name` AS Nullable(String)) IN (SELECT `__pivot_kept` FROM (
                          SELECT `__pivot_kept`
                          FROM (
                            SELECT `process_name` AS `__pivot_kept`, `__h73` AS `__h79`, `__h74` AS `__h80`, `__h75` AS `__h81`, `__h76` AS `__h82`, `__h77` AS `__h83`, `__h78` AS `__h84`
                            FROM (
                              SELECT `process_name`, isNull(`__pivot_limit`) AS `__h73`, `__pivot_limit` AS `__h74`, isNull(`process_name`) AS `__h75`, isNull(toFloat64OrNull(`process_name`)) AS `__h76`, toFloat64OrNull(`process_name`) AS `__h77`, `process_name` AS `__h78`
                              FROM (
                                SELECT CAST(`fields`.`process_name` AS Nullable(String)) AS `process_name`, uniqExactArray(if(notEmpty(if(startsWith(dynamicType(`fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`fields`.`dest` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`fields`.`dest` AS Nullable(String))))]))) AS `__pivot_limit`
                                FROM `logs`
                                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`process_name` AS Nullable(String)))
                                GROUP BY `process_name`
                              )
                              ORDER BY `__h73` ASC, `__h74` ASC, `__h75` ASC, `__h76` ASC, `__h77` ASC, `__h78` ASC
                              LIMIT 2
                            )
                          )
                        ) LIMIT 2), false)
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
      )
    )
  )
)
ORDER BY `__h0` ASC, `__h1` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
