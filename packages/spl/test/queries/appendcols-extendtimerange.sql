SELECT `count`, `older`, `info_min_time`, `info_max_time`, `info_search_time`, `info_sid`
FROM (
  SELECT `count`, `older`, `__h1`, 1704877200 AS `info_min_time`, 1704888000 AS `info_max_time`, 1704888000 AS `info_search_time`, NULL AS `info_sid`
  FROM (
    SELECT l.`count` AS `count`, r.`older` AS `older`, coalesce(l.`__h0`, r.`__h0`) AS `__h1`
    FROM (
      SELECT `count`, row_number() OVER () AS `__h0`
      FROM (
        SELECT `count`
        FROM (
          SELECT count() AS `count`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
        )
      )
    ) AS l
    FULL OUTER JOIN (
      SELECT `older`, row_number() OVER () AS `__h0`
      FROM (
        SELECT `older`
        FROM (
          SELECT count() AS `older`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p4:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
        )
        LIMIT 50000
      )
    ) AS r ON l.`__h0` = r.`__h0`
  )
)
ORDER BY `__h1` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
