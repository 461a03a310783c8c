SELECT `Item1`, `Item1_user_count`, `Item2`, `Item2_user_count`, `Pair_count`
FROM (
  SELECT `Item1`, `Item1_user_count`, `Item2`, `Item2_user_count`, `Pair_count`, `__h27`, `__h28`, isNull(`Item1`) AS `__h29`, `Item1` AS `__h30`, isNull(`Item2`) AS `__h31`, `Item2` AS `__h32`
  FROM (
    SELECT `Item1`, `Item1_user_count`, `Item2`, `Item2_user_count`, `Pair_count`, `__h25` AS `__h27`, `__h26` AS `__h28`
    FROM (
      SELECT l.`Item1` AS `Item1`, l.`Item2` AS `Item2`, l.`Pair_count` AS `Pair_count`, l.`Item1_user_count` AS `Item1_user_count`, r.`Item2_user_count` AS `Item2_user_count`, l.`__h16` AS `__h25`, l.`__h17` AS `__h26`
      FROM (
        SELECT `Item1`, `Item2`, `Pair_count`, `Item1_user_count`, `__h16`, `__h17`
        FROM (
          SELECT l.`Item1` AS `Item1`, l.`Item2` AS `Item2`, l.`Pair_count` AS `Pair_count`, r.`Item1_user_count` AS `Item1_user_count`, l.`Item1` AS `__h16`, l.`Item2` AS `__h17`
          FROM (
            SELECT `Item1`, `Item2`, `Pair_count`
            FROM (
              SELECT `Item1`, `Item2`, count() AS `Pair_count`
              FROM (
                SELECT `__cofilter_user`, `__h3`, `__h4`, `Item1`, `__h5`, `__cofilter_items` AS `__h6`, arrayJoin(if(empty(`__h6`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h6`, arrayEnumerate(`__h6`)))) AS `__h7`, tupleElement(`__h7`, 2) AS `Item2`, tupleElement(`__h7`, 1) AS `__h8`
                FROM (
                  SELECT `__cofilter_user`, `__cofilter_items`, `__cofilter_items` AS `__h3`, arrayJoin(if(empty(`__h3`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h3`, arrayEnumerate(`__h3`)))) AS `__h4`, tupleElement(`__h4`, 2) AS `Item1`, tupleElement(`__h4`, 1) AS `__h5`
                  FROM (
                    SELECT `user` AS `__cofilter_user`, arraySort(groupUniqArray(toString(`item`))) AS `__cofilter_items`
                    FROM (
                      SELECT `__h0`, `__h1`, `user`, `__h2`, (`count` % nullIf(5, 0)) AS `item`
                      FROM (
                        SELECT `__h0`, `__h1`, `user`, `__h2`, count() OVER (ORDER BY `__h2` ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `count`
                        FROM (
                          SELECT `user` AS `__h0`, arrayJoin(if(empty(`__h0`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h0`, arrayEnumerate(`__h0`)))) AS `__h1`, tupleElement(`__h1`, 2) AS `user`, tupleElement(`__h1`, 1) AS `__h2`
                          FROM (
                            SELECT arrayFilter(v -> ifNull(v, '') != '', if(isNull(`user`), CAST([] AS Array(Nullable(String))), CAST(splitByString({p2:String}, assumeNotNull(`user`)) AS Array(Nullable(String))))) AS `user`
                            FROM (
                              SELECT {p1:String} AS `user`
                              FROM (
                                SELECT fromUnixTimestamp64Milli({p0:Int64}, 'UTC') AS `_time`
                                FROM numbers(1)
                              )
                            )
                          )
                        )
                      )
                    )
                    WHERE isNotNull(`user`)
                    GROUP BY `__cofilter_user`
                  )
                )
              )
              WHERE (`Item1` < `Item2`) AND isNotNull(`Item1`) AND isNotNull(`Item2`)
              GROUP BY `Item1`, `Item2`
            )
          ) AS l
          ANY LEFT JOIN (
            SELECT `Item1`, `Item1_user_count`, 1 AS `__h15`
            FROM (
              SELECT `Item1`, count() AS `Item1_user_count`
              FROM (
                SELECT `__cofilter_user`, `__cofilter_items` AS `__h12`, arrayJoin(if(empty(`__h12`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h12`, arrayEnumerate(`__h12`)))) AS `__h13`, tupleElement(`__h13`, 2) AS `Item1`, tupleElement(`__h13`, 1) AS `__h14`
                FROM (
                  SELECT `user` AS `__cofilter_user`, arraySort(groupUniqArray(toString(`item`))) AS `__cofilter_items`
                  FROM (
                    SELECT `__h9`, `__h10`, `user`, `__h11`, (`count` % nullIf(5, 0)) AS `item`
                    FROM (
                      SELECT `__h9`, `__h10`, `user`, `__h11`, count() OVER (ORDER BY `__h11` ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `count`
                      FROM (
                        SELECT `user` AS `__h9`, arrayJoin(if(empty(`__h9`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h9`, arrayEnumerate(`__h9`)))) AS `__h10`, tupleElement(`__h10`, 2) AS `user`, tupleElement(`__h10`, 1) AS `__h11`
                        FROM (
                          SELECT arrayFilter(v -> ifNull(v, '') != '', if(isNull(`user`), CAST([] AS Array(Nullable(String))), CAST(splitByString({p2:String}, assumeNotNull(`user`)) AS Array(Nullable(String))))) AS `user`
                          FROM (
                            SELECT {p1:String} AS `user`
                            FROM (
                              SELECT fromUnixTimestamp64Milli({p0:Int64}, 'UTC') AS `_time`
                              FROM numbers(1)
                            )
                          )
                        )
                      )
                    )
                  )
                  WHERE isNotNull(`user`)
                  GROUP BY `__cofilter_user`
                )
              )
              WHERE isNotNull(`Item1`)
              GROUP BY `Item1`
            )
          ) AS r ON l.`Item1` = r.`Item1`
        )
      ) AS l
      ANY LEFT JOIN (
        SELECT `Item2`, `Item2_user_count`, 1 AS `__h24`
        FROM (
          SELECT `Item2`, count() AS `Item2_user_count`
          FROM (
            SELECT `__cofilter_user`, `__cofilter_items` AS `__h21`, arrayJoin(if(empty(`__h21`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h21`, arrayEnumerate(`__h21`)))) AS `__h22`, tupleElement(`__h22`, 2) AS `Item2`, tupleElement(`__h22`, 1) AS `__h23`
            FROM (
              SELECT `user` AS `__cofilter_user`, arraySort(groupUniqArray(toString(`item`))) AS `__cofilter_items`
              FROM (
                SELECT `__h18`, `__h19`, `user`, `__h20`, (`count` % nullIf(5, 0)) AS `item`
                FROM (
                  SELECT `__h18`, `__h19`, `user`, `__h20`, count() OVER (ORDER BY `__h20` ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `count`
                  FROM (
                    SELECT `user` AS `__h18`, arrayJoin(if(empty(`__h18`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h18`, arrayEnumerate(`__h18`)))) AS `__h19`, tupleElement(`__h19`, 2) AS `user`, tupleElement(`__h19`, 1) AS `__h20`
                    FROM (
                      SELECT arrayFilter(v -> ifNull(v, '') != '', if(isNull(`user`), CAST([] AS Array(Nullable(String))), CAST(splitByString({p2:String}, assumeNotNull(`user`)) AS Array(Nullable(String))))) AS `user`
                      FROM (
                        SELECT {p1:String} AS `user`
                        FROM (
                          SELECT fromUnixTimestamp64Milli({p0:Int64}, 'UTC') AS `_time`
                          FROM numbers(1)
                        )
                      )
                    )
                  )
                )
              )
              WHERE isNotNull(`user`)
              GROUP BY `__cofilter_user`
            )
          )
          WHERE isNotNull(`Item2`)
          GROUP BY `Item2`
        )
      ) AS r ON l.`Item2` = r.`Item2`
    )
  )
)
ORDER BY `__h29` ASC, `__h30` ASC, `__h31` ASC, `__h32` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
