SELECT `Item1`, `Item1_user_count`, `Item2`, `Item2_user_count`, `Pair_count`
FROM (
  SELECT `Item1`, `Item1_user_count`, `Item2`, `Item2_user_count`, `Pair_count`, `__h20`, `__h21`, isNull(`Item1`) AS `__h22`, `Item1` AS `__h23`, isNull(`Item2`) AS `__h24`, `Item2` AS `__h25`
  FROM (
    SELECT `Item1`, `Item1_user_count`, `Item2`, `Item2_user_count`, `Pair_count`, `__h18` AS `__h20`, `__h19` AS `__h21`
    FROM (
      SELECT l.`Item1` AS `Item1`, l.`Item2` AS `Item2`, l.`Pair_count` AS `Pair_count`, l.`Item1_user_count` AS `Item1_user_count`, r.`Item2_user_count` AS `Item2_user_count`, l.`__h11` AS `__h18`, l.`__h12` AS `__h19`
      FROM (
        SELECT `Item1`, `Item2`, `Pair_count`, `Item1_user_count`, `__h11`, `__h12`
        FROM (
          SELECT l.`Item1` AS `Item1`, l.`Item2` AS `Item2`, l.`Pair_count` AS `Pair_count`, r.`Item1_user_count` AS `Item1_user_count`, l.`Item1` AS `__h11`, l.`Item2` AS `__h12`
          FROM (
            SELECT `Item1`, `Item2`, `Pair_count`
            FROM (
              SELECT `Item1`, `Item2`, count() AS `Pair_count`
              FROM (
                SELECT `__cofilter_user`, `__h2`, `Item1`, `__h3`, arrayJoin(if(empty(`__cofilter_items`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__cofilter_items`, arrayEnumerate(`__cofilter_items`)))) AS `__h4`, tupleElement(`__h4`, 2) AS `Item2`, tupleElement(`__h4`, 1) AS `__h5`
                FROM (
                  SELECT `__cofilter_user`, `__cofilter_items`, arrayJoin(if(empty(`__cofilter_items`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__cofilter_items`, arrayEnumerate(`__cofilter_items`)))) AS `__h2`, tupleElement(`__h2`, 2) AS `Item1`, tupleElement(`__h2`, 1) AS `__h3`
                  FROM (
                    SELECT `user` AS `__cofilter_user`, arraySort(groupUniqArray(toString(`item`))) AS `__cofilter_items`
                    FROM (
                      SELECT `__h0`, `user`, `__h1`, (`count` % nullIf(5, 0)) AS `item`
                      FROM (
                        SELECT `__h0`, `user`, `__h1`, count() OVER (ORDER BY `__h1` ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `count`
                        FROM (
                          SELECT arrayJoin(if(empty(`user`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `user`, arrayEnumerate(`user`)))) AS `__h0`, tupleElement(`__h0`, 2) AS `user`, tupleElement(`__h0`, 1) AS `__h1`
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
            SELECT `Item1`, `Item1_user_count`, 1 AS `__h10`
            FROM (
              SELECT `Item1`, count() AS `Item1_user_count`
              FROM (
                SELECT `__cofilter_user`, arrayJoin(if(empty(`__cofilter_items`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__cofilter_items`, arrayEnumerate(`__cofilter_items`)))) AS `__h8`, tupleElement(`__h8`, 2) AS `Item1`, tupleElement(`__h8`, 1) AS `__h9`
                FROM (
                  SELECT `user` AS `__cofilter_user`, arraySort(groupUniqArray(toString(`item`))) AS `__cofilter_items`
                  FROM (
                    SELECT `__h6`, `user`, `__h7`, (`count` % nullIf(5, 0)) AS `item`
                    FROM (
                      SELECT `__h6`, `user`, `__h7`, count() OVER (ORDER BY `__h7` ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `count`
                      FROM (
                        SELECT arrayJoin(if(empty(`user`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `user`, arrayEnumerate(`user`)))) AS `__h6`, tupleElement(`__h6`, 2) AS `user`, tupleElement(`__h6`, 1) AS `__h7`
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
        SELECT `Item2`, `Item2_user_count`, 1 AS `__h17`
        FROM (
          SELECT `Item2`, count() AS `Item2_user_count`
          FROM (
            SELECT `__cofilter_user`, arrayJoin(if(empty(`__cofilter_items`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__cofilter_items`, arrayEnumerate(`__cofilter_items`)))) AS `__h15`, tupleElement(`__h15`, 2) AS `Item2`, tupleElement(`__h15`, 1) AS `__h16`
            FROM (
              SELECT `user` AS `__cofilter_user`, arraySort(groupUniqArray(toString(`item`))) AS `__cofilter_items`
              FROM (
                SELECT `__h13`, `user`, `__h14`, (`count` % nullIf(5, 0)) AS `item`
                FROM (
                  SELECT `__h13`, `user`, `__h14`, count() OVER (ORDER BY `__h14` ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `count`
                  FROM (
                    SELECT arrayJoin(if(empty(`user`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `user`, arrayEnumerate(`user`)))) AS `__h13`, tupleElement(`__h13`, 2) AS `user`, tupleElement(`__h13`, 1) AS `__h14`
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
ORDER BY `__h22` ASC, `__h23` ASC, `__h24` ASC, `__h25` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
