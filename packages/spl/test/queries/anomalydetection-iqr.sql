SELECT `bytes`
FROM (
  SELECT `bytes`, `__h0` AS `__h1`
  FROM (
    SELECT `__h0`, multiIf(coalesce((toFloat64OrNull(`bytes`) > (`__ol0_q3` + (4 * (`__ol0_q3` - `__ol0_q1`)))), false), concat({p6:String}, toString((`__ol0_q3` + (4 * (`__ol0_q3` - `__ol0_q1`))))), coalesce((toFloat64OrNull(`bytes`) < (`__ol0_q1` - (4 * (`__ol0_q3` - `__ol0_q1`)))), false), concat({p6:String}, toString((`__ol0_q1` - (4 * (`__ol0_q3` - `__ol0_q1`))))), true, `bytes`, NULL) AS `bytes`
    FROM (
      SELECT `bytes`, `__h0`, if(count(toFloat64OrNull(`bytes`)) OVER () = 0, NULL, arrayElement(arraySort(groupArray(toFloat64OrNull(`bytes`)) OVER ()), toUInt64(greatest(1, ceil({p4:Float64} * count(toFloat64OrNull(`bytes`)) OVER ()))))) AS `__ol0_q1`, if(count(toFloat64OrNull(`bytes`)) OVER () = 0, NULL, arrayElement(arraySort(groupArray(toFloat64OrNull(`bytes`)) OVER ()), toUInt64(greatest(1, ceil({p5:Float64} * count(toFloat64OrNull(`bytes`)) OVER ()))))) AS `__ol0_q3`
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
)
ORDER BY `__h1` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
