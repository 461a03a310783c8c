SELECT `host`, `user`, `count`, `percent`
FROM (
  SELECT `host`, `user`, `count`, `percent`, `__h0` AS `__h10`, `__h1` AS `__h11`, `__h2` AS `__h12`, `__h3` AS `__h13`, `__h4` AS `__h14`, `__h5` AS `__h15`, `__h6` AS `__h16`, `__h7` AS `__h17`, `__h8` AS `__h18`, `__h9` AS `__h19`
  FROM (
    SELECT `host`, `user`, `count`, `percent`, isNull(`host`) AS `__h0`, isNull(toFloat64OrNull(`host`)) AS `__h1`, toFloat64OrNull(`host`) AS `__h2`, `host` AS `__h3`, isNull(`count`) AS `__h4`, `count` AS `__h5`, isNull(`user`) AS `__h6`, isNull(toFloat64OrNull(`user`)) AS `__h7`, toFloat64OrNull(`user`) AS `__h8`, `user` AS `__h9`
    FROM (
      SELECT `host`, `user`, `count`, ((`count` / nullIf(`__total`, 0)) * 100) AS `percent`
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
    WHERE isNotNull(`host`)
    ORDER BY `__h0` ASC, `__h1` ASC, `__h2` ASC, `__h3` ASC, `__h4` ASC, `__h5` DESC, `__h6` ASC, `__h7` ASC, `__h8` ASC, `__h9` ASC
    LIMIT 3 BY `host`
  )
)
ORDER BY `__h10` ASC, `__h11` ASC, `__h12` ASC, `__h13` ASC, `__h14` ASC, `__h15` DESC, `__h16` ASC, `__h17` ASC, `__h18` ASC, `__h19` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
