SELECT `host`, `delay`, `bytes`, `d`
FROM (
  SELECT `host`, `delay`, `bytes`, `d`, `__h1` AS `__h2`
  FROM (
    SELECT `host`, `delay`, `bytes`, `__h1`, if((`__nexus_auto_d` = 1), toString(toFloat64OrNull(`delay`)), `delay`) AS `d`
    FROM (
      SELECT `host`, `delay`, `bytes`, `__h1`, minOrNull(if(or(isNull(`delay`), isNotNull(toFloat64OrNull(`delay`))), toFloat64(1), toFloat64(0))) OVER () AS `__nexus_auto_d`
      FROM (
        SELECT `host`, `delay`, `bytes`, `__h0` AS `__h1`
        FROM (
          SELECT `host`, `delay`, `__h0`, if((`__nexus_auto_bytes` = 1), toString(toFloat64OrNull(`bytes`)), `bytes`) AS `bytes`
          FROM (
            SELECT `host`, `bytes`, `delay`, `__h0`, minOrNull(if(or(isNull(`bytes`), isNotNull(toFloat64OrNull(`bytes`))), toFloat64(1), toFloat64(0))) OVER () AS `__nexus_auto_bytes`
            FROM (
              SELECT `host`, CAST(`_fields`.`bytes` AS Nullable(String)) AS `bytes`, CAST(`_fields`.`delay` AS Nullable(String)) AS `delay`, `_time` AS `__h0`
              FROM (
                SELECT `_time`, `host`, `fields`.`bytes` AS `_fields.bytes`, `fields`.`delay` AS `_fields.delay`
                FROM `logs`
                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
              )
            )
          )
        )
      )
    )
  )
)
ORDER BY `__h2` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
