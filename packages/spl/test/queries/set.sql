SELECT `url`
FROM (
  SELECT `url`, `__h0` AS `__h7`, `__h1` AS `__h8`
  FROM (
    SELECT `url`, `__h0`, `__h1`
    FROM (
      SELECT `url`, `__h0`, `__h1`, uniqExact(`_set_side`) OVER (PARTITION BY coalesce(concat({p5:String}, `url`), {p6:String})) AS `_set_sides`
      FROM (
        SELECT `url`, `_set_side`, `__h0`, `__h1`
        FROM (
          SELECT `url`, toFloat64(`_set_side`) AS `_set_side`, 0 AS `__h0`, row_number() OVER (ORDER BY `__h4` DESC) AS `__h1`
          FROM (
            SELECT `url`, `_set_side`, `__h3` AS `__h4`
            FROM (
              SELECT `url`, `__h3`, 0 AS `_set_side`
              FROM (
                SELECT `url`, `__h2` AS `__h3`
                FROM (
                  SELECT CAST(`_fields`.`url` AS Nullable(String)) AS `url`, `_time` AS `__h2`
                  FROM (
                    SELECT `_time`, `fields`.`url` AS `_fields.url`
                    FROM `logs`
                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND hasToken(lower(`_raw`), {p3:String})
                  )
                )
              )
            )
          )
          UNION ALL
          SELECT `url`, toFloat64(`_set_side`) AS `_set_side`, 1 AS `__h0`, row_number() OVER (ORDER BY `__h6` DESC) AS `__h1`
          FROM (
            SELECT `url`, `_set_side`, `__h5` AS `__h6`
            FROM (
              SELECT `url`, `__h5`, 1 AS `_set_side`
              FROM (
                SELECT CAST(`_fields`.`url` AS Nullable(String)) AS `url`, `_time` AS `__h5`
                FROM (
                  SELECT `_time`, `fields`.`url` AS `_fields.url`
                  FROM `logs`
                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND hasToken(lower(`_raw`), {p4:String})
                )
              )
            )
          )
        )
      )
    )
    WHERE (`_set_sides` = 1) AND isNotNull(coalesce(concat({p5:String}, `url`), {p6:String}))
    ORDER BY `__h0` ASC, `__h1` ASC
    LIMIT 1 BY coalesce(concat({p5:String}, `url`), {p6:String})
  )
)
ORDER BY `__h7` ASC, `__h8` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
