SELECT `dest`, `user`, `n`
FROM (
  SELECT `dest`, `user`, `n`, `__h0`, `__h1`
  FROM (
    SELECT `dest`, `user`, toFloat64(`n`) AS `n`, 0 AS `__h0`, row_number() OVER (ORDER BY `__h10` ASC, `__h11` ASC, `__h12` ASC, `__h13` ASC, `__h14` ASC, `__h15` ASC, `__h16` ASC, `__h17` ASC) AS `__h1`
    FROM (
      SELECT `dest`, `user`, `n`, `__h2` AS `__h10`, `__h3` AS `__h11`, `__h4` AS `__h12`, `__h5` AS `__h13`, `__h6` AS `__h14`, `__h7` AS `__h15`, `__h8` AS `__h16`, `__h9` AS `__h17`
      FROM (
        SELECT `dest`, `user`, `n`, isNull(`dest`) AS `__h2`, isNull(toFloat64OrNull(`dest`)) AS `__h3`, toFloat64OrNull(`dest`) AS `__h4`, `dest` AS `__h5`, isNull(`user`) AS `__h6`, isNull(toFloat64OrNull(`user`)) AS `__h7`, toFloat64OrNull(`user`) AS `__h8`, `user` AS `__h9`
        FROM (
          SELECT CAST(`fields`.`dest` AS Nullable(String)) AS `dest`, CAST(`fields`.`user` AS Nullable(String)) AS `user`, count() AS `n`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`dest` AS Nullable(String))) AND isNotNull(CAST(`fields`.`user` AS Nullable(String)))
          GROUP BY `dest`, `user`
        )
        ORDER BY `__h2` ASC, `__h3` ASC, `__h4` ASC, `__h5` ASC, `__h6` ASC, `__h7` ASC, `__h8` ASC, `__h9` ASC
        LIMIT 1
      )
    )
    UNION ALL
    SELECT `dest`, `user`, toFloat64(`n`) AS `n`, 1 AS `__h0`, row_number() OVER () AS `__h1`
    FROM (
      SELECT `dest`, NULL AS `user`, `n`
      FROM (
        SELECT `n`, {p6:String} AS `dest`
        FROM (
          SELECT count() AS `n`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND ifNull(concat(concat(CAST(`fields`.`dest` AS Nullable(String)), {p5:String}), CAST(`fields`.`user` AS Nullable(String))) IN (SELECT `__pivot_kept` FROM (
            SELECT `__pivot_kept`
            FROM (
              SELECT concat(concat(`dest`, {p5:String}), `user`) AS `__pivot_kept`, `__h18` AS `__h26`, `__h19` AS `__h27`, `__h20` AS `__h28`, `__h21` AS `__h29`, `__h22` AS `__h30`, `__h23` AS `__h31`, `__h24` AS `__h32`, `__h25` AS `__h33`
              FROM (
                SELECT `dest`, `user`, `n`, isNull(`dest`) AS `__h18`, isNull(toFloat64OrNull(`dest`)) AS `__h19`, toFloat64OrNull(`dest`) AS `__h20`, `dest` AS `__h21`, isNull(`user`) AS `__h22`, isNull(toFloat64OrNull(`user`)) AS `__h23`, toFloat64OrNull(`user`) AS `__h24`, `user` AS `__h25`
                FROM (
                  SELECT CAST(`fields`.`dest` AS Nullable(String)) AS `dest`, CAST(`fields`.`user` AS Nullable(String)) AS `user`, count() AS `n`
                  FROM `logs`
                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`dest` AS Nullable(String))) AND isNotNull(CAST(`fields`.`user` AS Nullable(String)))
                  GROUP BY `dest`, `user`
                )
                ORDER BY `__h18` ASC, `__h19` ASC, `__h20` ASC, `__h21` ASC, `__h22` ASC, `__h23` ASC, `__h24` ASC, `__h25` ASC
                LIMIT 1
              )
            )
          ) LIMIT 1), false)
        )
      )
    )
  )
)
ORDER BY `__h0` ASC, `__h1` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
