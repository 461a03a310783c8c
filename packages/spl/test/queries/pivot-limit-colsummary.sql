SELECT `Process`, `n`, `users`
FROM (
  SELECT `Process`, `n`, `users`, `__h0`, `__h1`
  FROM (
    SELECT `Process`, toFloat64(`n`) AS `n`, toFloat64(`users`) AS `users`, 0 AS `__h0`, row_number() OVER (ORDER BY `__h27` ASC, `__h28` DESC, `__h29` ASC, `__h30` ASC, `__h31` ASC, `__h32` ASC) AS `__h1`
    FROM (
      SELECT `Process`, `n`, `users`, `__h21` AS `__h27`, `__h22` AS `__h28`, `__h23` AS `__h29`, `__h24` AS `__h30`, `__h25` AS `__h31`, `__h26` AS `__h32`
      FROM (
        SELECT `Process`, `n`, `users`, `__h15` AS `__h21`, `__h16` AS `__h22`, `__h17` AS `__h23`, `__h18` AS `__h24`, `__h19` AS `__h25`, `__h20` AS `__h26`
        FROM (
          SELECT `Process`, `n`, `users`, `__h14`, isNull(`__pivot_limit`) AS `__h15`, `__pivot_limit` AS `__h16`, isNull(`Process`) AS `__h17`, isNull(toFloat64OrNull(`Process`)) AS `__h18`, toFloat64OrNull(`Process`) AS `__h19`, `Process` AS `__h20`
          FROM (
            SELECT `process_name` AS `Process`, `n`, `users`, `__pivot_limit`, `process_name` AS `__h14`
            FROM (
              SELECT CAST(`fields`.`process_name` AS Nullable(String)) AS `process_name`, count() AS `n`, uniqExactArray(if(notEmpty(if(startsWith(dynamicType(`fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`fields`.`user` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`fields`.`user` AS Nullable(String))))]))) AS `users`, count() AS `__pivot_limit`
              FROM `logs`
              WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND ifNull(CAST(`fields`.`process_name` AS Nullable(String)) IN (SELECT `__pivot_kept` FROM (
                SELECT `__pivot_kept`
                FROM (
                  SELECT `process_name` AS `__pivot_kept`, `__h2` AS `__h8`, `__h3` AS `__h9`, `__h4` AS `__h10`, `__h5` AS `__h11`, `__h6` AS `__h12`, `__h7` AS `__h13`
                  FROM (
                    SELECT `process_name`, isNull(`__pivot_limit`) AS `__h2`, `__pivot_limit` AS `__h3`, isNull(`process_name`) AS `__h4`, isNull(toFloat64OrNull(`process_name`)) AS `__h5`, toFloat64OrNull(`process_name`) AS `__h6`, `process_name` AS `__h7`
                    FROM (
                      SELECT CAST(`fields`.`process_name` AS Nullable(String)) AS `process_name`, count() AS `__pivot_limit`
                      FROM `logs`
                      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`process_name` AS Nullable(String)))
                      GROUP BY `process_name`
                    )
                    ORDER BY `__h2` ASC, `__h3` DESC, `__h4` ASC, `__h5` ASC, `__h6` ASC, `__h7` ASC
                    LIMIT 1
                  )
                )
              ) LIMIT 1), false) AND isNotNull(CAST(`fields`.`process_name` AS Nullable(String)))
              GROUP BY `process_name`
            )
          )
          ORDER BY `__h15` ASC, `__h16` DESC, `__h17` ASC, `__h18` ASC, `__h19` ASC, `__h20` ASC
          LIMIT 1
        )
      )
    )
    UNION ALL
    SELECT `Process`, toFloat64(`n`) AS `n`, toFloat64(`users`) AS `users`, 1 AS `__h0`, row_number() OVER () AS `__h1`
    FROM (
      SELECT `Process`, `n`, `users`
      FROM (
        SELECT `n`, `users`, `process_name` AS `Process`
        FROM (
          SELECT `n`, `users`, {p5:String} AS `process_name`
          FROM (
            SELECT count() AS `n`, uniqExactArray(if(notEmpty(if(startsWith(dynamicType(`fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`fields`.`user` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`fields`.`user` AS Nullable(String))))]))) AS `users`
            FROM `logs`
            WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND ifNull(CAST(`fields`.`process_name` AS Nullable(String)) IN (SELECT `__pivot_kept` FROM (
              SELECT `__pivot_kept`
              FROM (
                SELECT `process_name` AS `__pivot_kept`, `__h33` AS `__h39`, `__h34` AS `__h40`, `__h35` AS `__h41`, `__h36` AS `__h42`, `__h37` AS `__h43`, `__h38` AS `__h44`
                FROM (
                  SELECT `process_name`, isNull(`__pivot_limit`) AS `__h33`, `__pivot_limit` AS `__h34`, isNull(`process_name`) AS `__h35`, isNull(toFloat64OrNull(`process_name`)) AS `__h36`, toFloat64OrNull(`process_name`) AS `__h37`, `process_name` AS `__h38`
                  FROM (
                    SELECT CAST(`fields`.`process_name` AS Nullable(String)) AS `process_name`, count() AS `__pivot_limit`
                    FROM `logs`
                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`process_name` AS Nullable(String)))
                    GROUP BY `process_name`
                  )
                  ORDER BY `__h33` ASC, `__h34` DESC, `__h35` ASC, `__h36` ASC, `__h37` ASC, `__h38` ASC
                  LIMIT 1
                )
              )
            ) LIMIT 1), false)
          )
        )
      )
    )
  )
)
ORDER BY `__h0` ASC, `__h1` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
