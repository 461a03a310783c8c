SELECT `processor`, `cpu`
FROM (
  SELECT `processor`, `cpu`, `__h0`, `__h1`
  FROM (
    SELECT `processor`, toFloat64(`cpu`) AS `cpu`, 0 AS `__h0`, row_number() OVER (ORDER BY `processor` ASC) AS `__h1`
    FROM (
      SELECT `processor`, `cpu`
      FROM (
        SELECT CAST(`fields`.`processor` AS Nullable(String)) AS `processor`, avgOrNull(toFloat64OrNull(CAST(`fields`.`cpu_seconds` AS Nullable(String)))) AS `cpu`
        FROM `logs`
        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String}) AND isNotNull(CAST(`fields`.`processor` AS Nullable(String)))
        GROUP BY `processor`
      )
    )
    UNION ALL
    SELECT `processor`, toFloat64(`cpu`) AS `cpu`, 1 AS `__h0`, row_number() OVER () AS `__h1`
    FROM (
      SELECT `processor`, `cpu`
      FROM (
        SELECT `cpu`, {p4:String} AS `processor`
        FROM (
          SELECT sumOrNull(`cpu`) AS `cpu`
          FROM (
            SELECT CAST(`fields`.`processor` AS Nullable(String)) AS `processor`, avgOrNull(toFloat64OrNull(CAST(`fields`.`cpu_seconds` AS Nullable(String)))) AS `cpu`
            FROM `logs`
            WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String}) AND isNotNull(CAST(`fields`.`processor` AS Nullable(String)))
            GROUP BY `processor`
          )
        )
      )
    )
  )
)
ORDER BY `__h0` ASC, `__h1` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
