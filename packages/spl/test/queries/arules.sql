SELECT `Given fields`, `Implied fields`, `Strength`, `Given fields support`, `Implied fields support`
FROM (
  SELECT `Given fields`, `Implied fields`, `Strength`, `Given fields support`, `Implied fields support`, `__h0`, `__h1`, isNull(`Strength`) AS `__h2`, `Strength` AS `__h3`, isNull(`Given fields support`) AS `__h4`, `Given fields support` AS `__h5`, isNull(`Given fields`) AS `__h6`, `Given fields` AS `__h7`, isNull(`Implied fields`) AS `__h8`, `Implied fields` AS `__h9`
  FROM (
    SELECT `Given fields`, `Implied fields`, toFloat64(`Strength`) AS `Strength`, toFloat64(`Given fields support`) AS `Given fields support`, toFloat64(`Implied fields support`) AS `Implied fields support`, 0 AS `__h0`, row_number() OVER (ORDER BY `Given fields` ASC, `Implied fields` ASC) AS `__h1`
    FROM (
      SELECT `Given fields`, `Implied fields`, `Strength`, `Given fields support`, `Implied fields support`
      FROM (
        SELECT `Given fields`, `Implied fields`, (`__arules_n` / nullIf(`__arules_given_n`, 0)) AS `Strength`, `__arules_given_n` AS `Given fields support`, `__arules_implied_n` AS `Implied fields support`
        FROM (
          SELECT `Given fields`, `Implied fields`, `__arules_n`, `__arules_given_n`, `__arules_implied_n`
          FROM (
            SELECT `host` AS `Given fields`, CAST(`_fields`.`status` AS Nullable(String)) AS `Implied fields`, count() AS `__arules_n`, maxOrNull(`__arules_given_n`) AS `__arules_given_n`, maxOrNull(`__arules_implied_n`) AS `__arules_implied_n`
            FROM (
              SELECT `_time`, `host`, `_fields.status`, `__arules_given_n`, if(isNull(CAST(`_fields`.`status` AS Nullable(String))), NULL, count() OVER (PARTITION BY CAST(`_fields`.`status` AS Nullable(String)))) AS `__arules_implied_n`
              FROM (
                SELECT `_time`, `host`, `_fields.status`, count() OVER (PARTITION BY `host`) AS `__arules_given_n`
                FROM (
                  SELECT `_time`, `host`, `fields`.`status` AS `_fields.status`, `fields`.`user` AS `_fields.user`
                  FROM `logs`
                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                )
              )
            )
            WHERE isNotNull(`host`) AND isNotNull(CAST(`_fields`.`status` AS Nullable(String)))
            GROUP BY `Given fields`, `Implied fields`
          )
          WHERE and((`__arules_n` >= 3), ((`__arules_n` / nullIf(`__arules_given_n`, 0)) >= toFloat64(0.6)))
        )
      )
    )
    UNION ALL
    SELECT `Given fields`, `Implied fields`, toFloat64(`Strength`) AS `Strength`, toFloat64(`Given fields support`) AS `Given fields support`, toFloat64(`Implied fields support`) AS `Implied fields support`, 1 AS `__h0`, row_number() OVER (ORDER BY `Given fields` ASC, `Implied fields` ASC) AS `__h1`
    FROM (
      SELECT `Given fields`, `Implied fields`, `Strength`, `Given fields support`, `Implied fields support`
      FROM (
        SELECT `Given fields`, `Implied fields`, (`__arules_n` / nullIf(`__arules_given_n`, 0)) AS `Strength`, `__arules_given_n` AS `Given fields support`, `__arules_implied_n` AS `Implied fields support`
        FROM (
          SELECT `Given fields`, `Implied fields`, `__arules_n`, `__arules_given_n`, `__arules_implied_n`
          FROM (
            SELECT `host` AS `Given fields`, CAST(`_fields`.`user` AS Nullable(String)) AS `Implied fields`, count() AS `__arules_n`, maxOrNull(`__arules_given_n`) AS `__arules_given_n`, maxOrNull(`__arules_implied_n`) AS `__arules_implied_n`
            FROM (
              SELECT `_time`, `host`, `_fields.user`, `__arules_given_n`, if(isNull(CAST(`_fields`.`user` AS Nullable(String))), NULL, count() OVER (PARTITION BY CAST(`_fields`.`user` AS Nullable(String)))) AS `__arules_implied_n`
              FROM (
                SELECT `_time`, `host`, `_fields.user`, count() OVER (PARTITION BY `host`) AS `__arules_given_n`
                FROM (
                  SELECT `_time`, `host`, `fields`.`status` AS `_fields.status`, `fields`.`user` AS `_fields.user`
                  FROM `logs`
                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                )
              )
            )
            WHERE isNotNull(`host`) AND isNotNull(CAST(`_fields`.`user` AS Nullable(String)))
            GROUP BY `Given fields`, `Implied fields`
          )
          WHERE and((`__arules_n` >= 3), ((`__arules_n` / nullIf(`__arules_given_n`, 0)) >= toFloat64(0.6)))
        )
      )
    )
    UNION ALL
    SELECT `Given fields`, `Implied fields`, toFloat64(`Strength`) AS `Strength`, toFloat64(`Given fields support`) AS `Given fields support`, toFloat64(`Implied fields support`) AS `Implied fields support`, 2 AS `__h0`, row_number() OVER (ORDER BY `Given fields` ASC, `Implied fields` ASC) AS `__h1`
    FROM (
      SELECT `Given fields`, `Implied fields`, `Strength`, `Given fields support`, `Implied fields support`
      FROM (
        SELECT `Given fields`, `Implied fields`, (`__arules_n` / nullIf(`__arules_given_n`, 0)) AS `Strength`, `__arules_given_n` AS `Given fields support`, `__arules_implied_n` AS `Implied fields support`
        FROM (
          SELECT `Given fields`, `Implied fields`, `__arules_n`, `__arules_given_n`, `__arules_implied_n`
          FROM (
            SELECT CAST(`_fields`.`status` AS Nullable(String)) AS `Given fields`, `host` AS `Implied fields`, count() AS `__arules_n`, maxOrNull(`__arules_given_n`) AS `__arules_given_n`, maxOrNull(`__arules_implied_n`) AS `__arules_implied_n`
            FROM (
              SELECT `_time`, `host`, `_fields.status`, `__arules_given_n`, if(isNull(`host`), NULL, count() OVER (PARTITION BY `host`)) AS `__arules_implied_n`
              FROM (
                SELECT `_time`, `host`, `_fields.status`, if(isNull(CAST(`_fields`.`status` AS Nullable(String))), NULL, count() OVER (PARTITION BY CAST(`_fields`.`status` AS Nullable(String)))) AS `__arules_given_n`
                FROM (
                  SELECT `_time`, `host`, `fields`.`status` AS `_fields.status`, `fields`.`user` AS `_fields.user`
                  FROM `logs`
                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                )
              )
            )
            WHERE isNotNull(CAST(`_fields`.`status` AS Nullable(String))) AND isNotNull(`host`)
            GROUP BY `Given fields`, `Implied fields`
          )
          WHERE and((`__arules_n` >= 3), ((`__arules_n` / nullIf(`__arules_given_n`, 0)) >= toFloat64(0.6)))
        )
      )
    )
    UNION ALL
    SELECT `Given fields`, `Implied fields`, toFloat64(`Strength`) AS `Strength`, toFloat64(`Given fields support`) AS `Given fields support`, toFloat64(`Implied fields support`) AS `Implied fields support`, 3 AS `__h0`, row_number() OVER (ORDER BY `Given fields` ASC, `Implied fields` ASC) AS `__h1`
    FROM (
      SELECT `Given fields`, `Implied fields`, `Strength`, `Given fields support`, `Implied fields support`
      FROM (
        SELECT `Given fields`, `Implied fields`, (`__arules_n` / nullIf(`__arules_given_n`, 0)) AS `Strength`, `__arules_given_n` AS `Given fields support`, `__arules_implied_n` AS `Implied fields support`
        FROM (
          SELECT `Given fields`, `Implied fields`, `__arules_n`, `__arules_given_n`, `__arules_implied_n`
          FROM (
            SELECT CAST(`_fields`.`status` AS Nullable(String)) AS `Given fields`, CAST(`_fields`.`user` AS Nullable(String)) AS `Implied fields`, count() AS `__arules_n`, maxOrNull(`__arules_given_n`) AS `__arules_given_n`, maxOrNull(`__arules_implied_n`) AS `__arules_implied_n`
            FROM (
              SELECT `_time`, `_fields.status`, `_fields.user`, `__arules_given_n`, if(isNull(CAST(`_fields`.`user` AS Nullable(String))), NULL, count() OVER (PARTITION BY CAST(`_fields`.`user` AS Nullable(String)))) AS `__arules_implied_n`
              FROM (
                SELECT `_time`, `_fields.status`, `_fields.user`, if(isNull(CAST(`_fields`.`status` AS Nullable(String))), NULL, count() OVER (PARTITION BY CAST(`_fields`.`status` AS Nullable(String)))) AS `__arules_given_n`
                FROM (
                  SELECT `_time`, `host`, `fields`.`status` AS `_fields.status`, `fields`.`user` AS `_fields.user`
                  FROM `logs`
                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                )
              )
            )
            WHERE isNotNull(CAST(`_fields`.`status` AS Nullable(String))) AND isNotNull(CAST(`_fields`.`user` AS Nullable(String)))
            GROUP BY `Given fields`, `Implied fields`
          )
          WHERE and((`__arules_n` >= 3), ((`__arules_n` / nullIf(`__arules_given_n`, 0)) >= toFloat64(0.6)))
        )
      )
    )
    UNION ALL
    SELECT `Given fields`, `Implied fields`, toFloat64(`Strength`) AS `Strength`, toFloat64(`Given fields support`) AS `Given fields support`, toFloat64(`Implied fields support`) AS `Implied fields support`, 4 AS `__h0`, row_number() OVER (ORDER BY `Given fields` ASC, `Implied fields` ASC) AS `__h1`
    FROM (
      SELECT `Given fields`, `Implied fields`, `Strength`, `Given fields support`, `Implied fields support`
      FROM (
        SELECT `Given fields`, `Implied fields`, (`__arules_n` / nullIf(`__arules_given_n`, 0)) AS `Strength`, `__arules_given_n` AS `Given fields support`, `__arules_implied_n` AS `Implied fields support`
        FROM (
          SELECT `Given fields`, `Implied fields`, `__arules_n`, `__arules_given_n`, `__arules_implied_n`
          FROM (
            SELECT CAST(`_fields`.`user` AS Nullable(String)) AS `Given fields`, `host` AS `Implied fields`, count() AS `__arules_n`, maxOrNull(`__arules_given_n`) AS `__arules_given_n`, maxOrNull(`__arules_implied_n`) AS `__arules_implied_n`
            FROM (
              SELECT `_time`, `host`, `_fields.user`, `__arules_given_n`, if(isNull(`host`), NULL, count() OVER (PARTITION BY `host`)) AS `__arules_implied_n`
              FROM (
                SELECT `_time`, `host`, `_fields.user`, if(isNull(CAST(`_fields`.`user` AS Nullable(String))), NULL, count() OVER (PARTITION BY CAST(`_fields`.`user` AS Nullable(String)))) AS `__arules_given_n`
                FROM (
                  SELECT `_time`, `host`, `fields`.`status` AS `_fields.status`, `fields`.`user` AS `_fields.user`
                  FROM `logs`
                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                )
              )
            )
            WHERE isNotNull(CAST(`_fields`.`user` AS Nullable(String))) AND isNotNull(`host`)
            GROUP BY `Given fields`, `Implied fields`
          )
          WHERE and((`__arules_n` >= 3), ((`__arules_n` / nullIf(`__arules_given_n`, 0)) >= toFloat64(0.6)))
        )
      )
    )
    UNION ALL
    SELECT `Given fields`, `Implied fields`, toFloat64(`Strength`) AS `Strength`, toFloat64(`Given fields support`) AS `Given fields support`, toFloat64(`Implied fields support`) AS `Implied fields support`, 5 AS `__h0`, row_number() OVER (ORDER BY `Given fields` ASC, `Implied fields` ASC) AS `__h1`
    FROM (
      SELECT `Given fields`, `Implied fields`, `Strength`, `Given fields support`, `Implied fields support`
      FROM (
        SELECT `Given fields`, `Implied fields`, (`__arules_n` / nullIf(`__arules_given_n`, 0)) AS `Strength`, `__arules_given_n` AS `Given fields support`, `__arules_implied_n` AS `Implied fields support`
        FROM (
          SELECT `Given fields`, `Implied fields`, `__arules_n`, `__arules_given_n`, `__arules_implied_n`
          FROM (
            SELECT CAST(`_fields`.`user` AS Nullable(String)) AS `Given fields`, CAST(`_fields`.`status` AS Nullable(String)) AS `Implied fields`, count() AS `__arules_n`, maxOrNull(`__arules_given_n`) AS `__arules_given_n`, maxOrNull(`__arules_implied_n`) AS `__arules_implied_n`
            FROM (
              SELECT `_time`, `_fields.status`, `_fields.user`, `__arules_given_n`, if(isNull(CAST(`_fields`.`status` AS Nullable(String))), NULL, count() OVER (PARTITION BY CAST(`_fields`.`status` AS Nullable(String)))) AS `__arules_implied_n`
              FROM (
                SELECT `_time`, `_fields.status`, `_fields.user`, if(isNull(CAST(`_fields`.`user` AS Nullable(String))), NULL, count() OVER (PARTITION BY CAST(`_fields`.`user` AS Nullable(String)))) AS `__arules_given_n`
                FROM (
                  SELECT `_time`, `host`, `fields`.`status` AS `_fields.status`, `fields`.`user` AS `_fields.user`
                  FROM `logs`
                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                )
              )
            )
            WHERE isNotNull(CAST(`_fields`.`user` AS Nullable(String))) AND isNotNull(CAST(`_fields`.`status` AS Nullable(String)))
            GROUP BY `Given fields`, `Implied fields`
          )
          WHERE and((`__arules_n` >= 3), ((`__arules_n` / nullIf(`__arules_given_n`, 0)) >= toFloat64(0.6)))
        )
      )
    )
  )
)
ORDER BY `__h2` ASC, `__h3` DESC, `__h4` ASC, `__h5` DESC, `__h6` ASC, `__h7` ASC, `__h8` ASC, `__h9` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
