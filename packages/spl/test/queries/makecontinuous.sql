SELECT `_time`, `count`
FROM (
  SELECT `_time`, `count`, `__mc_x` AS `__h0`
  FROM (
    SELECT `__mc_x`, `count`, `__mc_x` AS `_time`
    FROM (
      SELECT toDateTime64(toStartOfTenMinutes(`_time`, {p4:String}), 3, 'UTC') AS `__mc_x`, if(true, toFloat64(`count`), toFloat64(NULL)) AS `count`
      FROM (
        SELECT `_time`, count() AS `count`
        FROM `logs`
        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
        GROUP BY `_time`
      )
      ORDER BY `__mc_x` ASC WITH FILL STEP INTERVAL 10 MINUTE
    )
  )
)
ORDER BY `__h0` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
