SELECT `_time`, `count`, `countdiff`
FROM (
  SELECT `_time`, `count`, (`count` - `__delta_prev`) AS `countdiff`
  FROM (
    SELECT `_time`, `count`, maxOrNull(`count`) OVER (PARTITION BY isNull(`count`) ORDER BY `_time` ASC ROWS BETWEEN 2 PRECEDING AND 2 PRECEDING) AS `__delta_prev`
    FROM (
      SELECT toDateTime64(`__h0`, 3, 'UTC') AS `_time`, `__h1` AS `count`
      FROM (
        SELECT toStartOfHour(`_time`, {p4:String}) AS `__h0`, count() AS `__h1`
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
