SELECT `dest`, `process_name`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`
FROM (
  SELECT `dest`, `process_name`, `_series`, `__h0`, `__h1`
  FROM (
    SELECT `dest`, `process_name`, `_series`, 0 AS `__h0`, row_number() OVER (ORDER BY `dest` ASC, `process_name` ASC) AS `__h1`
    FROM (
      SELECT `dest`, `process_name`, `_series`
      FROM (
        SELECT `dest`, `process_name`, mapFromArrays(`__h3`, arrayMap(l -> ifNull(`__h62`[l], 0), `__h3`)) AS `_series`
        FROM (
          SELECT `dest`, `process_name`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h2`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h2`)) AS `__h62`, arraySort(l -> (indexOf([{p5:String}, {p6:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h2`)) OVER ()) AS `__h3`
          FROM (
            SELECT `dest`, `process_name`, groupArray(tuple(`__split`, `n`)) AS `__h2`
            FROM (
              SELECT CAST(`_fields`.`dest` AS Nullable(String)) AS `dest`, CAST(`_fields`.`process_name` AS Nullable(String)) AS `process_name`, if(ifNull(coalesce(`user`, {p5:String}) IN (SELECT `__split` FROM (
                SELECT `__split`, `__rank`
                FROM (
                  SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h58`, `__rank` AS `__h59`, isNull(`__split`) AS `__h60`, `__split` AS `__h61`
                  FROM (
                    SELECT coalesce(`user`, {p5:String}) AS `__split`, count() AS `__rank`
                    FROM (
                      SELECT `_time`, `_fields.tag`, `_fields.user`, `_fields.process_name`, `_fields.dest`, if(notEmpty(if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`_fields`.`user` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`_fields`.`user` AS Nullable(String))))])) AS `__h55`, arrayJoin(if(empty(`__h55`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h55`, arrayEnumerate(`__h55`)))) AS `__h56`, tupleElement(`__h56`, 2) AS `user`, tupleElement(`__h56`, 1) AS `__h57`
                      FROM (
                        SELECT `_time`, `fields`.`tag` AS `_fields.tag`, `fields`.`user` AS `_fields.user`, `fields`.`process_name` AS `_fields.process_name`, `fields`.`dest` AS `_fields.dest`
                        FROM `logs`
                        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND ifNull(CAST(`fields`.`user` AS Nullable(String)) IN (SELECT `__pivot_kept` FROM (
                          SELECT `__pivot_kept`
                          FROM (
                            SELECT `user` AS `__pivot_kept`, `__h31` AS `__h37`, `__h32` AS `__h38`, `__h33` AS `__h39`, `__h34` AS `__h40`, `__h35` AS `__h41`, `__h36` AS `__h42`
                            FROM (
                              SELECT `user`, `__pivot_limit`, isNull(`__pivot_limit`) AS `__h31`, `__pivot_limit` AS `__h32`, isNull(`user`) AS `__h33`, isNull(toFloat64OrNull(`user`)) AS `__h34`, toFloat64OrNull(`user`) AS `__h35`, `user` AS `__h36`
                              FROM (
                                SELECT CAST(`fields`.`user` AS Nullable(String)) AS `user`, count() AS `__pivot_limit`
                                FROM `logs`
                                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`user` AS Nullable(String)))
                                GROUP BY `user`
                              )
                              ORDER BY `__h31` ASC, `__h32` DESC, `__h33` ASC, `__h34` ASC, `__h35` ASC, `__h36` ASC
                              LIMIT 1
                            )
                          )
                        ) LIMIT 1), false) AND ifNull(CAST(`fields`.`process_name` AS Nullable(String)) IN (SELECT `__pivot_kept` FROM (
                          SELECT `__pivot_kept`
                          FROM (
                            SELECT `process_name` AS `__pivot_kept`, `__h43` AS `__h49`, `__h44` AS `__h50`, `__h45` AS `__h51`, `__h46` AS `__h52`, `__h47` AS `__h53`, `__h48` AS `__h54`
                            FROM (
                              SELECT `process_name`, `__pivot_limit`, isNull(`__pivot_limit`) AS `__h43`, `__pivot_limit` AS `__h44`, isNull(`process_name`) AS `__h45`, isNull(toFloat64OrNull(`process_name`)) AS `__h46`, toFloat64OrNull(`process_name`) AS `__h47`, `process_name` AS `__h48`
                              FROM (
                                SELECT CAST(`fields`.`process_name` AS Nullable(String)) AS `process_name`, uniqExactArray(if(notEmpty(if(startsWith(dynamicType(`fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`fields`.`dest` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`fields`.`dest` AS Nullable(String))))]))) AS `__pivot_limit`
                                FROM `logs`
                                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`process_name` AS Nullable(String)))
                                GROUP BY `process_name`
                              )
                              ORDER BY `__h43` ASC, `__h44` ASC, `__h45` ASC, `__h46` ASC, `__h47` ASC, `__h48` ASC
                              LIMIT 2
                            )
                          )
                        ) LIMIT 2), false)
                      )
                    )
                    WHERE isNotNull(CAST(`_fields`.`dest` AS Nullable(String))) AND isNotNull(CAST(`_fields`.`process_name` AS Nullable(String)))
                    GROUP BY `__split`
                  )
                  ORDER BY `__h58` ASC, `__h59` DESC, `__h60` ASC, `__h61` ASC
                  LIMIT 10
                )
              ) LIMIT 10), false), coalesce(`user`, {p5:String}), {p6:String}) AS `__split`, count() AS `n`
              FROM (
                SELECT `_time`, `_fields.tag`, `_fields.user`, `_fields.process_name`, `_fields.dest`, if(notEmpty(if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`_fields`.`user` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`_fields`.`user` AS Nullable(String))))])) AS `__h28`, arrayJoin(if(empty(`__h28`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h28`, arrayEnumerate(`__h28`)))) AS `__h29`, tupleElement(`__h29`, 2) AS `user`, tupleElement(`__h29`, 1) AS `__h30`
                FROM (
                  SELECT `_time`, `fields`.`tag` AS `_fields.tag`, `fields`.`user` AS `_fields.user`, `fields`.`process_name` AS `_fields.process_name`, `fields`.`dest` AS `_fields.dest`
                  FROM `logs`
                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND ifNull(CAST(`fields`.`user` AS Nullable(String)) IN (SELECT `__pivot_kept` FROM (
                    SELECT `__pivot_kept`
                    FROM (
                      SELECT `user` AS `__pivot_kept`, `__h4` AS `__h10`, `__h5` AS `__h11`, `__h6` AS `__h12`, `__h7` AS `__h13`, `__h8` AS `__h14`, `__h9` AS `__h15`
                      FROM (
                        SELECT `user`, `__pivot_limit`, isNull(`__pivot_limit`) AS `__h4`, `__pivot_limit` AS `__h5`, isNull(`user`) AS `__h6`, isNull(toFloat64OrNull(`user`)) AS `__h7`, toFloat64OrNull(`user`) AS `__h8`, `user` AS `__h9`
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
                        SELECT `process_name`, `__pivot_limit`, isNull(`__pivot_limit`) AS `__h16`, `__pivot_limit` AS `__h17`, isNull(`process_name`) AS `__h18`, isNull(toFloat64OrNull(`process_name`)) AS `__h19`, toFloat64OrNull(`process_name`) AS `__h20`, `process_name` AS `__h21`
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
    SELECT `dest`, `process_name`, `_series`, 1 AS `__h0`, row_number() OVER (ORDER BY `__h125` ASC) AS `__h1`
    FROM (
      SELECT `dest`, NULL AS `process_name`, `_series`, `__h124` AS `__h125`
      FROM (
        SELECT `_series`, `dest`, `__pivot_row` AS `__h124`
        FROM (
          SELECT `__pivot_row`, `_series`, {p7:String} AS `dest`
          FROM (
            SELECT `__pivot_row`, mapFromArrays(`__h64`, arrayMap(l -> ifNull(`__h123`[l], 0), `__h64`)) AS `_series`
            FROM (
              SELECT `__pivot_row`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h63`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h63`)) AS `__h123`, arraySort(l -> (indexOf([{p5:String}, {p6:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h63`)) OVER ()) AS `__h64`
              FROM (
                SELECT `__pivot_row`, groupArray(tuple(`__split`, `n`)) AS `__h63`
                FROM (
                  SELECT `__pivot_row`, if(ifNull(coalesce(`user`, {p5:String}) IN (SELECT `__split` FROM (
                    SELECT `__split`, `__rank`
                    FROM (
                      SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h119`, `__rank` AS `__h120`, isNull(`__split`) AS `__h121`, `__split` AS `__h122`
                      FROM (
                        SELECT coalesce(`user`, {p5:String}) AS `__split`, count() AS `__rank`
                        FROM (
                          SELECT `_time`, `_fields.tag`, `_fields.user`, `_fields.process_name`, `_fields.dest`, `__pivot_row`, if(notEmpty(if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`_fields`.`user` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`_fields`.`user` AS Nullable(String))))])) AS `__h116`, arrayJoin(if(empty(`__h116`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h116`, arrayEnumerate(`__h116`)))) AS `__h117`, tupleElement(`__h117`, 2) AS `user`, tupleElement(`__h117`, 1) AS `__h118`
                          FROM (
                            SELECT `_time`, `_fields.tag`, `_fields.user`, `_fields.process_name`, `_fields.dest`, {p7:String} AS `__pivot_row`
                            FROM (
                              SELECT `_time`, `fields`.`tag` AS `_fields.tag`, `fields`.`user` AS `_fields.user`, `fields`.`process_name` AS `_fields.process_name`, `fields`.`dest` AS `_fields.dest`
                              FROM `logs`
                              WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND ifNull(CAST(`fields`.`user` AS Nullable(String)) IN (SELECT `__pivot_kept` FROM (
                                SELECT `__pivot_kept`
                                FROM (
                                  SELECT `user` AS `__pivot_kept`, `__h92` AS `__h98`, `__h93` AS `__h99`, `__h94` AS `__h100`, `__h95` AS `__h101`, `__h96` AS `__h102`, `__h97` AS `__h103`
                                  FROM (
                                    SELECT `user`, `__pivot_limit`, isNull(`__pivot_limit`) AS `__h92`, `__pivot_limit` AS `__h93`, isNull(`user`) AS `__h94`, isNull(toFloat64OrNull(`user`)) AS `__h95`, toFloat64OrNull(`user`) AS `__h96`, `user` AS `__h97`
                                    FROM (
                                      SELECT CAST(`fields`.`user` AS Nullable(String)) AS `user`, count() AS `__pivot_limit`
                                      FROM `logs`
                                      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`user` AS Nullable(String)))
                                      GROUP BY `user`
                                    )
                                    ORDER BY `__h92` ASC, `__h93` DESC, `__h94` ASC, `__h95` ASC, `__h96` ASC, `__h97` ASC
                                    LIMIT 1
                                  )
                                )
                              ) LIMIT 1), false) AND ifNull(CAST(`fields`.`process_name` AS Nullable(String)) IN (SELECT `__pivot_kept` FROM (
                                SELECT `__pivot_kept`
                                FROM (
                                  SELECT `process_name` AS `__pivot_kept`, `__h104` AS `__h110`, `__h105` AS `__h111`, `__h106` AS `__h112`, `__h107` AS `__h113`, `__h108` AS `__h114`, `__h109` AS `__h115`
                                  FROM (
                                    SELECT `process_name`, `__pivot_limit`, isNull(`__pivot_limit`) AS `__h104`, `__pivot_limit` AS `__h105`, isNull(`process_name`) AS `__h106`, isNull(toFloat64OrNull(`process_name`)) AS `__h107`, toFloat64OrNull(`process_name`) AS `__h108`, `process_name` AS `__h109`
                                    FROM (
                                      SELECT CAST(`fields`.`process_name` AS Nullable(String)) AS `process_name`, uniqExactArray(if(notEmpty(if(startsWith(dynamicType(`fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`fields`.`dest` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`fields`.`dest` AS Nullable(String))))]))) AS `__pivot_limit`
                                      FROM `logs`
                                      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`process_name` AS Nullable(String)))
                                      GROUP BY `process_name`
                                    )
                                    ORDER BY `__h104` ASC, `__h105` ASC, `__h106` ASC, `__h107` ASC, `__h108` ASC, `__h109` ASC
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
                      ORDER BY `__h119` ASC, `__h120` DESC, `__h121` ASC, `__h122` ASC
                      LIMIT 10
                    )
                  ) LIMIT 10), false), coalesce(`user`, {p5:String}), {p6:String}) AS `__split`, count() AS `n`
                  FROM (
                    SELECT `_time`, `_fields.tag`, `_fields.user`, `_fields.process_name`, `_fields.dest`, `__pivot_row`, if(notEmpty(if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`_fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`_fields`.`user` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`_fields`.`user` AS Nullable(String))))])) AS `__h89`, arrayJoin(if(empty(`__h89`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h89`, arrayEnumerate(`__h89`)))) AS `__h90`, tupleElement(`__h90`, 2) AS `user`, tupleElement(`__h90`, 1) AS `__h91`
                    FROM (
                      SELECT `_time`, `_fields.tag`, `_fields.user`, `_fields.process_name`, `_fields.dest`, {p7:String} AS `__pivot_row`
                      FROM (
                        SELECT `_time`, `fields`.`tag` AS `_fields.tag`, `fields`.`user` AS `_fields.user`, `fields`.`process_name` AS `_fields.process_name`, `fields`.`dest` AS `_fields.dest`
                        FROM `logs`
                        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND ifNull(CAST(`fields`.`user` AS Nullable(String)) IN (SELECT `__pivot_kept` FROM (
                          SELECT `__pivot_kept`
                          FROM (
                            SELECT `user` AS `__pivot_kept`, `__h65` AS `__h71`, `__h66` AS `__h72`, `__h67` AS `__h73`, `__h68` AS `__h74`, `__h69` AS `__h75`, `__h70` AS `__h76`
                            FROM (
                              SELECT `user`, `__pivot_limit`, isNull(`__pivot_limit`) AS `__h65`, `__pivot_limit` AS `__h66`, isNull(`user`) AS `__h67`, isNull(toFloat64OrNull(`user`)) AS `__h68`, toFloat64OrNull(`user`) AS `__h69`, `user` AS `__h70`
                              FROM (
                                SELECT CAST(`fields`.`user` AS Nullable(String)) AS `user`, count() AS `__pivot_limit`
                                FROM `logs`
                                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`user` AS Nullable(String)))
                                GROUP BY `user`
                              )
                              ORDER BY `__h65` ASC, `__h66` DESC, `__h67` ASC, `__h68` ASC, `__h69` ASC, `__h70` ASC
                              LIMIT 1
                            )
                          )
                        ) LIMIT 1), false) AND ifNull(CAST(`fields`.`process_name` AS Nullable(String)) IN (SELECT `__pivot_kept` FROM (
                          SELECT `__pivot_kept`
                          FROM (
                            SELECT `process_name` AS `__pivot_kept`, `__h77` AS `__h83`, `__h78` AS `__h84`, `__h79` AS `__h85`, `__h80` AS `__h86`, `__h81` AS `__h87`, `__h82` AS `__h88`
                            FROM (
                              SELECT `process_name`, `__pivot_limit`, isNull(`__pivot_limit`) AS `__h77`, `__pivot_limit` AS `__h78`, isNull(`process_name`) AS `__h79`, isNull(toFloat64OrNull(`process_name`)) AS `__h80`, toFloat64OrNull(`process_name`) AS `__h81`, `process_name` AS `__h82`
                              FROM (
                                SELECT CAST(`fields`.`process_name` AS Nullable(String)) AS `process_name`, uniqExactArray(if(notEmpty(if(startsWith(dynamicType(`fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`fields`.`dest` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`fields`.`dest` AS Nullable(String))))]))) AS `__pivot_limit`
                                FROM `logs`
                                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`process_name` AS Nullable(String)))
                                GROUP BY `process_name`
                              )
                              ORDER BY `__h77` ASC, `__h78` ASC, `__h79` ASC, `__h80` ASC, `__h81` ASC, `__h82` ASC
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
