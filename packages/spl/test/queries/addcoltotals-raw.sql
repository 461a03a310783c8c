SELECT `processor`, `cpu_seconds`
FROM (
  SELECT `processor`, `cpu_seconds`, `__h0` AS `__h3`, `__h1` AS `__h4`
  FROM (
    SELECT `cpu_seconds`, `processor`, `__h0`, `__h1`
    FROM (
      SELECT `cpu_seconds`, `processor`, 0 AS `__h0`, row_number() OVER (ORDER BY `__h2` DESC) AS `__h1`
      FROM (
        SELECT CAST(`_fields`.`cpu_seconds` AS Nullable(String)) AS `cpu_seconds`, CAST(`_fields`.`processor` AS Nullable(String)) AS `processor`, `_time` AS `__h2`
        FROM (
          SELECT `_time`, `fields`.`cpu_seconds` AS `_fields.cpu_seconds`, `fields`.`processor` AS `_fields.processor`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ifNull((lowerUTF8(`host`) = {p3:String}), false)
        )
      )
      UNION ALL
      SELECT `cpu_seconds`, `processor`, 1 AS `__h0`, row_number() OVER () AS `__h1`
      FROM (
        SELECT toString(`cpu_seconds`) AS `cpu_seconds`, `processor`
        FROM (
          SELECT `cpu_seconds`, {p4:String} AS `processor`
          FROM (
            SELECT sumOrNull(toFloat64OrNull(CAST(`fields`.`cpu_seconds` AS Nullable(String)))) AS `cpu_seconds`
            FROM `logs`
            WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ifNull((lowerUTF8(`host`) = {p3:String}), false)
          )
        )
      )
    )
  )
)
ORDER BY `__h3` ASC, `__h4` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
