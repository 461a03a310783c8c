SELECT `host`, `user`, `count`, `percent`
FROM (
  SELECT `host`, `user`, `count`, `percent`, `__h10` AS `__h22`, `__h11` AS `__h23`, `__h12` AS `__h24`, `__h13` AS `__h25`, `__h14` AS `__h26`, `__h15` AS `__h27`, `__h16` AS `__h28`, `__h17` AS `__h29`, `__h18` AS `__h30`, `__h19` AS `__h31`, `__h20` AS `__h32`, `__h21` AS `__h33`
  FROM (
    SELECT `host`, `user`, `count`, `percent`, isNull(`host`) AS `__h10`, isNull(toFloat64OrNull(`host`)) AS `__h11`, toFloat64OrNull(`host`) AS `__h12`, `host` AS `__h13`, isNull(`__other`) AS `__h14`, `__other` AS `__h15`, isNull(`count`) AS `__h16`, `count` AS `__h17`, isNull(`user`) AS `__h18`, isNull(toFloat64OrNull(`user`)) AS `__h19`, toFloat64OrNull(`user`) AS `__h20`, `user` AS `__h21`
    FROM (
      SELECT `host`, `user`, `__other`, `count`, ((`count` / nullIf(`__total`, 0)) * 100) AS `percent`
      FROM (
        SELECT `host`, `user`, `__other`, sumOrNull(`count`) AS `count`, maxOrNull(`__total`) AS `__total`
        FROM (
          SELECT `host`, `count`, `__total`, `__h0`, `__h1`, `__h2`, `__h3`, `__h4`, `__h5`, `__h6`, `__h7`, `__h8`, `__h9`, if((`__rank` > 2), {p4:String}, `user`) AS `user`, if((`__rank` > 2), toFloat64(1), toFloat64(0)) AS `__other`
          FROM (
            SELECT `host`, `user`, `count`, `__total`, `__h0`, `__h1`, `__h2`, `__h3`, `__h4`, `__h5`, `__h6`, `__h7`, `__h8`, `__h9`, if(isNull(`host`), NULL, count() OVER (PARTITION BY `host` ORDER BY `__h0` ASC, `__h1` ASC, `__h2` ASC, `__h3` ASC, `__h4` ASC, `__h5` DESC, `__h6` ASC, `__h7` ASC, `__h8` ASC, `__h9` ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) AS `__rank`
            FROM (
              SELECT `host`, `user`, `count`, `__total`, isNull(`host`) AS `__h0`, isNull(toFloat64OrNull(`host`)) AS `__h1`, toFloat64OrNull(`host`) AS `__h2`, `host` AS `__h3`, isNull(`count`) AS `__h4`, `count` AS `__h5`, isNull(`user`) AS `__h6`, isNull(toFloat64OrNull(`user`)) AS `__h7`, toFloat64OrNull(`user`) AS `__h8`, `user` AS `__h9`
              FROM (
                SELECT `host`, `user`, `count`, `__total`
                FROM (
                  SELECT `host`, `user`, `count`, sumOrNull(`count`) OVER (PARTITION BY `host`) AS `__total`
                  FROM (
                    SELECT `host`, CAST(`fields`.`user` AS Nullable(String)) AS `user`, count() AS `count`
                    FROM `logs`
                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String}) AND isNotNull(CAST(`fields`.`user` AS Nullable(String)))
                    GROUP BY `host`, `user`
                  )
                )
              )
            )
          )
        )
        WHERE isNotNull(`host`) AND isNotNull(`user`) AND isNotNull(`__other`)
        GROUP BY `host`, `user`, `__other`
      )
    )
  )
)
ORDER BY `__h22` ASC, `__h23` ASC, `__h24` ASC, `__h25` ASC, `__h26` ASC, `__h27` ASC, `__h28` ASC, `__h29` DESC, `__h30` ASC, `__h31` ASC, `__h32` ASC, `__h33` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
