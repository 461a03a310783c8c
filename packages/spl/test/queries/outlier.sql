SELECT `_time`, `delay`
FROM (
  SELECT `_time`, multiIf(coalesce((`delay` > (`__ol0_q3` + (toFloat64(2.5) * (`__ol0_q3` - `__ol0_q1`)))), false), toFloat64((`__ol0_q3` + (toFloat64(2.5) * (`__ol0_q3` - `__ol0_q1`)))), coalesce((`delay` < (`__ol0_q1` - (toFloat64(2.5) * (`__ol0_q3` - `__ol0_q1`)))), false), toFloat64((`__ol0_q1` - (toFloat64(2.5) * (`__ol0_q3` - `__ol0_q1`)))), true, toFloat64(`delay`), NULL) AS `delay`
  FROM (
    SELECT `_time`, `delay`, if(count(`delay`) OVER () = 0, NULL, arrayElement(arraySort(groupArray(`delay`) OVER ()), toUInt64(greatest(1, ceil({p5:Float64} * count(`delay`) OVER ()))))) AS `__ol0_q1`, if(count(`delay`) OVER () = 0, NULL, arrayElement(arraySort(groupArray(`delay`) OVER ()), toUInt64(greatest(1, ceil({p6:Float64} * count(`delay`) OVER ()))))) AS `__ol0_q3`
    FROM (
      SELECT toDateTime64(`__h0`, 3, 'UTC') AS `_time`, `__h1` AS `delay`
      FROM (
        SELECT toStartOfHour(`_time`, {p4:String}) AS `__h0`, avgOrNull(toFloat64OrNull(CAST(`fields`.`delay` AS Nullable(String)))) AS `__h1`
        FROM `logs`
        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
        GROUP BY `__h0`
      )
      ORDER BY `_time` ASC WITH FILL FROM toDateTime64(toStartOfInterval(fromUnixTimestamp64Milli({p1:Int64}, {p4:String}), INTERVAL 1 HOUR, {p4:String}), 3, 'UTC') TO fromUnixTimestamp64Milli({p2:Int64}, 'UTC') STEP INTERVAL 1 HOUR
    )
  )
)
ORDER BY `_time` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
