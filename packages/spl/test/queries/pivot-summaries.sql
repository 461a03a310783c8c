SELECT `dest`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`, `ALL`
FROM (
  SELECT `dest`, `_series`, `ALL`, `__h0`, `__h1`
  FROM (
    SELECT `dest`, `_series`, toFloat64(`ALL`) AS `ALL`, 0 AS `__h0`, row_number() OVER (ORDER BY `__h11` ASC) AS `__h1`
    FROM (
      SELECT `dest`, `_series`, `ALL`, `__h10` AS `__h11`
      FROM (
        SELECT l.`dest` AS `dest`, l.`_series` AS `_series`, r.`ALL` AS `ALL`, l.`dest` AS `__h10`
        FROM (
          SELECT `dest`, `_series`
          FROM (
            SELECT `dest`, `_series`
            FROM (
              SELECT `dest`, mapFromArrays(`__h3`, arrayMap(l -> ifNull(`__h8`[l], 0), `__h3`)) AS `_series`
              FROM (
                SELECT `dest`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h2`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h2`)) AS `__h8`, arraySort(l -> (indexOf([{p5:String}, {p6:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h2`)) OVER ()) AS `__h3`
                FROM (
                  SELECT `dest`, groupArray(tuple(`__split`, `n`)) AS `__h2`
                  FROM (
                    SELECT CAST(`fields`.`dest` AS Nullable(String)) AS `dest`, if(ifNull(coalesce(CAST(`fields`.`user` AS Nullable(String)), {p5:String}) IN (SELECT `__split` FROM (
                      SELECT `__split`, `__rank`
                      FROM (
                        SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h4`, `__rank` AS `__h5`, isNull(`__split`) AS `__h6`, `__split` AS `__h7`
                        FROM (
                          SELECT coalesce(CAST(`fields`.`user` AS Nullable(String)), {p5:String}) AS `__split`, count() AS `__rank`
                          FROM `logs`
                          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`dest` AS Nullable(String)))
                          GROUP BY `__split`
                        )
                        ORDER BY `__h4` ASC, `__h5` DESC, `__h6` ASC, `__h7` ASC
                        LIMIT 10
                      )
                    ) LIMIT 10), false), coalesce(CAST(`fields`.`user` AS Nullable(String)), {p5:String}), {p6:String}) AS `__split`, count() AS `n`
                    FROM `logs`
                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`dest` AS Nullable(String)))
                    GROUP BY `dest`, `__split`
                  )
                  GROUP BY `dest`
                )
              )
            )
          )
        ) AS l
        ANY LEFT JOIN (
          SELECT `dest`, `ALL`, 1 AS `__h9`
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
    SELECT `dest`, `_series`, toFloat64(`ALL`) AS `ALL`, 1 AS `__h0`, row_number() OVER (ORDER BY `__h22` ASC) AS `__h1`
    FROM (
      SELECT `dest`, `_series`, `ALL`, `__h21` AS `__h22`
      FROM (
        SELECT `_series`, `ALL`, `dest`, `__h20` AS `__h21`
        FROM (
          SELECT `_series`, `ALL`, `__h20`, {p7:String} AS `dest`
          FROM (
            SELECT l.`_series` AS `_series`, r.`ALL` AS `ALL`, l.`__pivot_row` AS `__h20`
            FROM (
              SELECT `__pivot_row`, `_series`
              FROM (
                SELECT `__pivot_row`, `_series`
                FROM (
                  SELECT `__pivot_row`, mapFromArrays(`__h13`, arrayMap(l -> ifNull(`__h18`[l], 0), `__h13`)) AS `_series`
                  FROM (
                    SELECT `__pivot_row`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h12`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h12`)) AS `__h18`, arraySort(l -> (indexOf([{p5:String}, {p6:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h12`)) OVER ()) AS `__h13`
                    FROM (
                      SELECT `__pivot_row`, groupArray(tuple(`__split`, `n`)) AS `__h12`
                      FROM (
                        SELECT `__pivot_row`, if(ifNull(coalesce(CAST(`_fields`.`user` AS Nullable(String)), {p5:String}) IN (SELECT `__split` FROM (
                          SELECT `__split`, `__rank`
                          FROM (
                            SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h14`, `__rank` AS `__h15`, isNull(`__split`) AS `__h16`, `__split` AS `__h17`
                            FROM (
                              SELECT coalesce(CAST(`_fields`.`user` AS Nullable(String)), {p5:String}) AS `__split`, count() AS `__rank`
                              FROM (
                                SELECT `_time`, `_fields.user`, {p7:String} AS `__pivot_row`
                                FROM (
                                  SELECT `_time`, `fields`.`dest` AS `_fields.dest`, `fields`.`user` AS `_fields.user`
                                  FROM `logs`
                                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))))
                                )
                              )
                              WHERE isNotNull(`__pivot_row`)
                              GROUP BY `__split`
                            )
                            ORDER BY `__h14` ASC, `__h15` DESC, `__h16` ASC, `__h17` ASC
                            LIMIT 10
                          )
                        ) LIMIT 10), false), coalesce(CAST(`_fields`.`user` AS Nullable(String)), {p5:String}), {p6:String}) AS `__split`, count() AS `n`
                        FROM (
                          SELECT `_time`, `_fields.user`, {p7:String} AS `__pivot_row`
                          FROM (
                            SELECT `_time`, `fields`.`dest` AS `_fields.dest`, `fields`.`user` AS `_fields.user`
                            FROM `logs`
                            WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))))
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
              SELECT `__pivot_row`, `ALL`, 1 AS `__h19`
              FROM (
                SELECT `__pivot_row`, `ALL`
                FROM (
                  SELECT `__pivot_row`, count() AS `ALL`
                  FROM (
                    SELECT `_time`, {p7:String} AS `__pivot_row`
                    FROM (
                      SELECT `_time`, `fields`.`dest` AS `_fields.dest`, `fields`.`user` AS `_fields.user`
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
