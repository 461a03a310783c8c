SELECT `_raw`, `eventcount`
FROM (
  SELECT `_raw`, `eventcount`, `_time` AS `__h16`
  FROM (
    SELECT fromUnixTimestamp64Milli(min(`__h1`), 'UTC') AS `_time`, arrayStringConcat(arrayMap(x -> x.2, arrayReverseSort(x -> x.1, groupArray((`__h6`, `__h2`)))), {p4:String}) AS `_raw`, `__h0` AS `user`, (max(`__h1`) - min(`__h1`)) / 1000 AS `duration`, count() AS `eventcount`
    FROM (
      SELECT `__h0`, `__h1`, `__h2`, `__h6`, (`__h13`, intDiv((`__h6` - `__h14`), 1000)) AS `__h11`
      FROM (
        SELECT `__h0`, `__h1`, `__h2`, `__h6`, sum(toUInt64(`__h6` = 1 OR `__h7` - `__h1` > 300000)) OVER (PARTITION BY `__h0` ORDER BY `__h6` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__h13`, max(if(`__h6` = 1 OR `__h7` - `__h1` > 300000, `__h6`, 0)) OVER (PARTITION BY `__h0` ORDER BY `__h6` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__h14`
        FROM (
          SELECT `__h0`, `__h1`, `__h2`, row_number() OVER (PARTITION BY `__h0` ORDER BY `__h1` DESC) AS `__h6`, any(`__h1`) OVER (PARTITION BY `__h0` ORDER BY `__h1` DESC ROWS BETWEEN 1 PRECEDING AND 1 PRECEDING) AS `__h7`
          FROM (
            SELECT CAST(`_fields`.`user` AS Nullable(String)) AS `__h0`, toUnixTimestamp64Milli(`_time`) AS `__h1`, ifNull(toString(`_raw`), '') AS `__h2`
            FROM (
              SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields`.`user` AS `_fields.user`
              FROM `logs`
              WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
            )
            WHERE NOT (isNull(`__h0`))
          )
        )
      )
    )
    GROUP BY `__h0`, `__h11`
  )
)
ORDER BY `__h16` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
