SELECT `Process`, `n`, `users`
FROM (
  SELECT `Process`, `n`, `users`, `__h0`, `__h1`
  FROM (
    SELECT `Process`, toFloat64(`n`) AS `n`, toFloat64(`users`) AS `users`, 0 AS `__h0`, row_number() OVER (ORDER BY `__h15` ASC, `__h16` DESC, `__h17` ASC, `__h18` ASC, `__h19` ASC, `__h20` ASC) AS `__h1`
    FROM (
      SELECT `Process`, `n`, `users`, `__h9` AS `__h15`, `__h10` AS `__h16`, `__h11` AS `__h17`, `__h12` AS `__h18`, `__h13` AS `__h19`, `__h14` AS `__h20`
      FROM (
        SELECT `Process`, `n`, `users`, `__h3` AS `__h9`, `__h4` AS `__h10`, `__h5` AS `__h11`, `__h6` AS `__h12`, `__h7` AS `__h13`, `__h8` AS `__h14`
        FROM (
          SELECT `Process`, `n`, `users`, `__pivot_limit`, `__h2`, isNull(`__pivot_limit`) AS `__h3`, `__pivot_limit` AS `__h4`, isNull(`Process`) AS `__h5`, isNull(toFloat64OrNull(`Process`)) AS `__h6`, toFloat64OrNull(`Process`) AS `__h7`, `Process` AS `__h8`
          FROM (
            SELECT `process_name` AS `Process`, `n`, `users`, `__pivot_limit`, `process_name` AS `__h2`
            FROM (
              SELECT CAST(`fields`.`process_name` AS Nullable(String)) AS `process_name`, count() AS `n`, uniqExactArray(if(notEmpty(if(startsWith(dynamicType(`fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`fields`.`user` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`fields`.`user` AS Nullable(String))))]))) AS `users`, count() AS `__pivot_limit`
              FROM `logs`
              WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`process_name` AS Nullable(String)))
              GROUP BY `process_name`
            )
          )
          ORDER BY `__h3` ASC, `__h4` DESC, `__h5` ASC, `__h6` ASC, `__h7` ASC, `__h8` ASC
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
          SELECT `n`, `users`, `__pivot_limit`, {p5:String} AS `process_name`
          FROM (
            SELECT count() AS `n`, uniqExactArray(if(notEmpty(if(startsWith(dynamicType(`fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`fields`.`user` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`fields`.`user` AS Nullable(String))))]))) AS `users`, count() AS `__pivot_limit`
            FROM `logs`
            WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND ifNull(CAST(`fields`.`process_name` AS Nullable(String)) IN (SELECT `__pivot_kept` FROM (
              SELECT `__pivot_kept`
              FROM (
                SELECT `Process` AS `__pivot_kept`, `__h28` AS `__h34`, `__h29` AS `__h35`, `__h30` AS `__h36`, `__h31` AS `__h37`, `__h32` AS `__h38`, `__h33` AS `__h39`
                FROM (
                  SELECT `Process`, `n`, `users`, `__h22` AS `__h28`, `__h23` AS `__h29`, `__h24` AS `__h30`, `__h25` AS `__h31`, `__h26` AS `__h32`, `__h27` AS `__h33`
                  FROM (
                    SELECT `Process`, `n`, `users`, `__pivot_limit`, `__h21`, isNull(`__pivot_limit`) AS `__h22`, `__pivot_limit` AS `__h23`, isNull(`Process`) AS `__h24`, isNull(toFloat64OrNull(`Process`)) AS `__h25`, toFloat64OrNull(`Process`) AS `__h26`, `Process` AS `__h27`
                    FROM (
                      SELECT `process_name` AS `Process`, `n`, `users`, `__pivot_limit`, `process_name` AS `__h21`
                      FROM (
                        SELECT CAST(`fields`.`process_name` AS Nullable(String)) AS `process_name`, count() AS `n`, uniqExactArray(if(notEmpty(if(startsWith(dynamicType(`fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`fields`.`user` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`fields`.`user` AS Nullable(String))))]))) AS `users`, count() AS `__pivot_limit`
                        FROM `logs`
                        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`process_name` AS Nullable(String)))
                        GROUP BY `process_name`
                      )
                    )
                    ORDER BY `__h22` ASC, `__h23` DESC, `__h24` ASC, `__h25` ASC, `__h26` ASC, `__h27` ASC
                    LIMIT 1
                  )
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
