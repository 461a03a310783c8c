SELECT `action`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`, `TOTAL`
FROM (
  SELECT `action`, `_series`, `TOTAL`, isNull((`action` = {p4:String})) AS `__h23`, (`action` = {p4:String}) AS `__h24`, isNull(`TOTAL`) AS `__h25`, `TOTAL` AS `__h26`, isNull(`action`) AS `__h27`, `action` AS `__h28`
  FROM (
    SELECT `action`, `_series`, if(arrayCount(x -> isNotNull(x), mapValues(`_series`)) = 0, NULL, arraySum(x -> ifNull(x, 0), mapValues(`_series`))) AS `TOTAL`
    FROM (
      SELECT `action`, mapFromArrays(`__h1`, arrayMap(l -> ifNull(`__h22`[l], 0), `__h1`)) AS `_series`
      FROM (
        SELECT `action`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h0`)) AS `__h22`, arraySort(l -> (0, isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h0`)) OVER ()) AS `__h1`
        FROM (
          SELECT `action`, groupArray(tuple(`__contingency_col`, `__contingency_n`)) AS `__h0`
          FROM (
            SELECT `action`, `__contingency_col`, `__contingency_n`, `__h2`, `__h3`
            FROM (
              SELECT `action`, `__contingency_col`, toFloat64(`__contingency_n`) AS `__contingency_n`, 0 AS `__h2`, row_number() OVER (ORDER BY `action` ASC, `__contingency_col` ASC) AS `__h3`
              FROM (
                SELECT `action`, `__contingency_col`, `__contingency_n`
                FROM (
                  SELECT `action`, `__contingency_col`, sumOrNull(`__contingency_n`) AS `__contingency_n`
                  FROM (
                    SELECT `action`, `__contingency_col` AS `__h12`, if(`__contingency_kept`, `__contingency_col`, `__contingency_any`) AS `__contingency_col`, if(`__contingency_kept`, toFloat64(`__contingency_n`), toFloat64(0)) AS `__contingency_n`
                    FROM (
                      SELECT `action`, `__contingency_col`, `__contingency_n`, `__contingency_kept`, minOrNull(if(`__contingency_kept`, `__contingency_col`, NULL)) OVER () AS `__contingency_any`
                      FROM (
                        SELECT `action`, `__contingency_col`, `__contingency_n`, ifNull(`__contingency_col` IN (SELECT `__contingency_col` FROM (
                          SELECT `__contingency_col`, `__total`
                          FROM (
                            SELECT `__contingency_col`, `__total`, isNull(`__total`) AS `__h8`, `__total` AS `__h9`, isNull(`__contingency_col`) AS `__h10`, `__contingency_col` AS `__h11`
                            FROM (
                              SELECT `__contingency_col`, sumOrNull(`__contingency_n`) AS `__total`
                              FROM (
                                SELECT CAST(`fields`.`action` AS Nullable(String)) AS `action`, CAST(`fields`.`categoryId` AS Nullable(String)) AS `__contingency_col`, count() AS `__contingency_n`
                                FROM `logs`
                                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ifNull(ilike(`sourcetype`, {p3:String}), false) AND and(isNotNull(CAST(`fields`.`action` AS Nullable(String))), isNotNull(CAST(`fields`.`categoryId` AS Nullable(String)))) AND isNotNull(CAST(`fields`.`action` AS Nullable(String))) AND isNotNull(CAST(`fields`.`categoryId` AS Nullable(String)))
                                GROUP BY `action`, `__contingency_col`
                              )
                              WHERE isNotNull(`__contingency_col`)
                              GROUP BY `__contingency_col`
                            )
                            ORDER BY `__h8` ASC, `__h9` DESC, `__h10` ASC, `__h11` ASC
                            LIMIT 5
                          )
                        ) LIMIT 5), false) AS `__contingency_kept`
                        FROM (
                          SELECT CAST(`fields`.`action` AS Nullable(String)) AS `action`, CAST(`fields`.`categoryId` AS Nullable(String)) AS `__contingency_col`, count() AS `__contingency_n`
                          FROM `logs`
                          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ifNull(ilike(`sourcetype`, {p3:String}), false) AND and(isNotNull(CAST(`fields`.`action` AS Nullable(String))), isNotNull(CAST(`fields`.`categoryId` AS Nullable(String)))) AND isNotNull(CAST(`fields`.`action` AS Nullable(String))) AND isNotNull(CAST(`fields`.`categoryId` AS Nullable(String)))
                          GROUP BY `action`, `__contingency_col`
                        )
                        WHERE ifNull(`action` IN (SELECT `action` FROM (
                          SELECT `action`, `__total`
                          FROM (
                            SELECT `action`, `__total`, isNull(`__total`) AS `__h4`, `__total` AS `__h5`, isNull(`action`) AS `__h6`, `action` AS `__h7`
                            FROM (
                              SELECT `action`, sumOrNull(`__contingency_n`) AS `__total`
                              FROM (
                                SELECT CAST(`fields`.`action` AS Nullable(String)) AS `action`, CAST(`fields`.`categoryId` AS Nullable(String)) AS `__contingency_col`, count() AS `__contingency_n`
                                FROM `logs`
                                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ifNull(ilike(`sourcetype`, {p3:String}), false) AND and(isNotNull(CAST(`fields`.`action` AS Nullable(String))), isNotNull(CAST(`fields`.`categoryId` AS Nullable(String)))) AND isNotNull(CAST(`fields`.`action` AS Nullable(String))) AND isNotNull(CAST(`fields`.`categoryId` AS Nullable(String)))
                                GROUP BY `action`, `__contingency_col`
                              )
                              WHERE isNotNull(`action`)
                              GROUP BY `action`
                            )
                            ORDER BY `__h4` ASC, `__h5` DESC, `__h6` ASC, `__h7` ASC
                            LIMIT 5
                          )
                        ) LIMIT 5), false)
                      )
                    )
                  )
                  WHERE isNotNull(`action`) AND isNotNull(`__contingency_col`)
                  GROUP BY `action`, `__contingency_col`
                )
              )
              UNION ALL
              SELECT `action`, `__contingency_col`, toFloat64(`__contingency_n`) AS `__contingency_n`, 1 AS `__h2`, row_number() OVER (ORDER BY `__contingency_col` ASC) AS `__h3`
              FROM (
                SELECT `action`, `__contingency_col`, `__contingency_n`
                FROM (
                  SELECT {p4:String} AS `action`, `__contingency_col`, `__contingency_n`
                  FROM (
                    SELECT `__contingency_col`, sumOrNull(`__contingency_n`) AS `__contingency_n`
                    FROM (
                      SELECT `action`, `__contingency_col`, sumOrNull(`__contingency_n`) AS `__contingency_n`
                      FROM (
                        SELECT `action`, `__contingency_col` AS `__h21`, if(`__contingency_kept`, `__contingency_col`, `__contingency_any`) AS `__contingency_col`, if(`__contingency_kept`, toFloat64(`__contingency_n`), toFloat64(0)) AS `__contingency_n`
                        FROM (
                          SELECT `action`, `__contingency_col`, `__contingency_n`, `__contingency_kept`, minOrNull(if(`__contingency_kept`, `__contingency_col`, NULL)) OVER () AS `__contingency_any`
                          FROM (
                            SELECT `action`, `__contingency_col`, `__contingency_n`, ifNull(`__contingency_col` IN (SELECT `__contingency_col` FROM (
                              SELECT `__contingency_col`, `__total`
                              FROM (
                                SELECT `__contingency_col`, `__total`, isNull(`__total`) AS `__h17`, `__total` AS `__h18`, isNull(`__contingency_col`) AS `__h19`, `__contingency_col` AS `__h20`
                                FROM (
                                  SELECT `__contingency_col`, sumOrNull(`__contingency_n`) AS `__total`
                                  FROM (
                                    SELECT CAST(`fields`.`action` AS Nullable(String)) AS `action`, CAST(`fields`.`categoryId` AS Nullable(String)) AS `__contingency_col`, count() AS `__contingency_n`
                                    FROM `logs`
                                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ifNull(ilike(`sourcetype`, {p3:String}), false) AND and(isNotNull(CAST(`fields`.`action` AS Nullable(String))), isNotNull(CAST(`fields`.`categoryId` AS Nullable(String)))) AND isNotNull(CAST(`fields`.`action` AS Nullable(String))) AND isNotNull(CAST(`fields`.`categoryId` AS Nullable(String)))
                                    GROUP BY `action`, `__contingency_col`
                                  )
                                  WHERE isNotNull(`__contingency_col`)
                                  GROUP BY `__contingency_col`
                                )
                                ORDER BY `__h17` ASC, `__h18` DESC, `__h19` ASC, `__h20` ASC
                                LIMIT 5
                              )
                            ) LIMIT 5), false) AS `__contingency_kept`
                            FROM (
                              SELECT CAST(`fields`.`action` AS Nullable(String)) AS `action`, CAST(`fields`.`categoryId` AS Nullable(String)) AS `__contingency_col`, count() AS `__contingency_n`
                              FROM `logs`
                              WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ifNull(ilike(`sourcetype`, {p3:String}), false) AND and(isNotNull(CAST(`fields`.`action` AS Nullable(String))), isNotNull(CAST(`fields`.`categoryId` AS Nullable(String)))) AND isNotNull(CAST(`fields`.`action` AS Nullable(String))) AND isNotNull(CAST(`fields`.`categoryId` AS Nullable(String)))
                              GROUP BY `action`, `__contingency_col`
                            )
                            WHERE ifNull(`action` IN (SELECT `action` FROM (
                              SELECT `action`, `__total`
                              FROM (
                                SELECT `action`, `__total`, isNull(`__total`) AS `__h13`, `__total` AS `__h14`, isNull(`action`) AS `__h15`, `action` AS `__h16`
                                FROM (
                                  SELECT `action`, sumOrNull(`__contingency_n`) AS `__total`
                                  FROM (
                                    SELECT CAST(`fields`.`action` AS Nullable(String)) AS `action`, CAST(`fields`.`categoryId` AS Nullable(String)) AS `__contingency_col`, count() AS `__contingency_n`
                                    FROM `logs`
                                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ifNull(ilike(`sourcetype`, {p3:String}), false) AND and(isNotNull(CAST(`fields`.`action` AS Nullable(String))), isNotNull(CAST(`fields`.`categoryId` AS Nullable(String)))) AND isNotNull(CAST(`fields`.`action` AS Nullable(String))) AND isNotNull(CAST(`fields`.`categoryId` AS Nullable(String)))
                                    GROUP BY `action`, `__contingency_col`
                                  )
                                  WHERE isNotNull(`action`)
                                  GROUP BY `action`
                                )
                                ORDER BY `__h13` ASC, `__h14` DESC, `__h15` ASC, `__h16` ASC
                                LIMIT 5
                              )
                            ) LIMIT 5), false)
                          )
                        )
                      )
                      WHERE isNotNull(`action`) AND isNotNull(`__contingency_col`)
                      GROUP BY `action`, `__contingency_col`
                    )
                    WHERE isNotNull(`__contingency_col`)
                    GROUP BY `__contingency_col`
                  )
                )
              )
            )
          )
          GROUP BY `action`
        )
      )
    )
  )
)
ORDER BY `__h23` ASC, `__h24` ASC, `__h25` ASC, `__h26` DESC, `__h27` ASC, `__h28` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
