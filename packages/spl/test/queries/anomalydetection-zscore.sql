SELECT `bytes`, `Anomaly_Score_Num(bytes)`
FROM (
  SELECT `bytes`, `Anomaly_Score_Num(bytes)`, `__h0` AS `__h1`
  FROM (
    SELECT `bytes`, `__h0`, if(coalesce((`__ad0_z` > toFloat64(1.959963986120195)), false), toFloat64(`__ad0_z`), toFloat64(NULL)) AS `Anomaly_Score_Num(bytes)`
    FROM (
      SELECT `bytes`, `__h0`, (abs((toFloat64OrNull(`bytes`) - `__ad0_avg`)) / nullIf(`__ad0_sd`, 0)) AS `__ad0_z`
      FROM (
        SELECT `bytes`, `__h0`, avgOrNull(toFloat64OrNull(`bytes`)) OVER () AS `__ad0_avg`, stddevSampOrNull(toFloat64OrNull(`bytes`)) OVER () AS `__ad0_sd`
        FROM (
          SELECT CAST(`_fields`.`bytes` AS Nullable(String)) AS `bytes`, `_time` AS `__h0`
          FROM (
            SELECT `_time`, `fields`.`bytes` AS `_fields.bytes`
            FROM `logs`
            WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
          )
        )
      )
    )
    WHERE coalesce((`__ad0_z` > toFloat64(1.959963986120195)), false)
  )
)
ORDER BY `__h1` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
