SELECT `id`, `step`, `user`
FROM (
  SELECT `id`, `step`, `user`, `__h6` AS `__h9`, `__h7` AS `__h10`, `__h8` AS `__h11`
  FROM (
    SELECT `id`, `step`, `user`, `__h6`, `__h7`, `__h8`
    FROM (
      SELECT l.`id` AS `id`, if(isNotNull(r.`__h5`), r.`step`, l.`step`) AS `step`, if(isNotNull(r.`__h5`), r.`user`, l.`user`) AS `user`, l.`_selfjoin_pos` AS `_selfjoin_pos`, r.`_selfjoin_other` AS `_selfjoin_other`, l.`__h1` AS `__h6`, l.`__h7` AS `__h7`, r.`__h8` AS `__h8`
      FROM (
        SELECT `id`, `step`, `user`, `_selfjoin_pos`, `_selfjoin_n`, `__h1`, rowNumberInAllBlocks() AS `__h7`
        FROM (
          SELECT `id`, `step`, `user`, `_selfjoin_pos`, `_selfjoin_n`, `__h0` AS `__h1`
          FROM (
            SELECT `id`, `step`, `user`, `__h0`, `_selfjoin_pos`, if(isNull(`id`), NULL, count() OVER (PARTITION BY `id`)) AS `_selfjoin_n`
            FROM (
              SELECT `id`, `step`, `user`, `__h0`, count() OVER (ORDER BY `__h0` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `_selfjoin_pos`
              FROM (
                SELECT CAST(`_fields`.`id` AS Nullable(String)) AS `id`, CAST(`_fields`.`step` AS Nullable(String)) AS `step`, CAST(`_fields`.`user` AS Nullable(String)) AS `user`, `_time` AS `__h0`
                FROM (
                  SELECT `_time`, `fields`.`id` AS `_fields.id`, `fields`.`step` AS `_fields.step`, `fields`.`user` AS `_fields.user`
                  FROM `logs`
                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                )
              )
            )
          )
        )
      ) AS l
      ALL LEFT JOIN (
        SELECT `id`, `step`, `user`, `_selfjoin_other`, `__h4`, 1 AS `__h5`, row_number() OVER (ORDER BY `__h4` DESC) AS `__h8`
        FROM (
          SELECT `id`, `step`, `user`, `_selfjoin_other`, `__h3` AS `__h4`
          FROM (
            SELECT `id`, `step`, `user`, `_selfjoin_pos` AS `_selfjoin_other`, `__h2` AS `__h3`
            FROM (
              SELECT `id`, `step`, `user`, `__h2`, `_selfjoin_pos`, if(isNull(`id`), NULL, count() OVER (PARTITION BY `id`)) AS `_selfjoin_n`
              FROM (
                SELECT `id`, `step`, `user`, `__h2`, count() OVER (ORDER BY `__h2` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `_selfjoin_pos`
                FROM (
                  SELECT CAST(`_fields`.`id` AS Nullable(String)) AS `id`, CAST(`_fields`.`step` AS Nullable(String)) AS `step`, CAST(`_fields`.`user` AS Nullable(String)) AS `user`, `_time` AS `__h2`
                  FROM (
                    SELECT `_time`, `fields`.`id` AS `_fields.id`, `fields`.`step` AS `_fields.step`, `fields`.`user` AS `_fields.user`
                    FROM `logs`
                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                  )
                )
              )
            )
          )
          ORDER BY `__h4` DESC
          LIMIT 50000
        )
      ) AS r ON l.`id` = r.`id`
      WHERE isNotNull(r.`__h5`)
    )
    WHERE (`_selfjoin_pos` != `_selfjoin_other`) AND isNotNull(`_selfjoin_pos`)
    ORDER BY `__h6` DESC, `__h7` ASC, `__h8` ASC
    LIMIT 1 BY `_selfjoin_pos`
  )
)
ORDER BY `__h9` DESC, `__h10` ASC, `__h11` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
