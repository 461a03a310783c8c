SELECT `_time`, `source`
FROM (
  SELECT `_time`, `source`, `__h0`, `__h1`
  FROM (
    SELECT `_time`, `source`, lagInFrame(tuple(`source`), 1) OVER (ORDER BY `_time` DESC ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS `__h0`, row_number() OVER (ORDER BY `_time` DESC ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS `__h1`
    FROM (
      SELECT `_time`, `source`
      FROM `logs`
      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
    )
    WHERE isNotNull(`source`)
  )
  WHERE ifNull(NOT (`__h1` > 1 AND `__h0` = tuple(`source`)), true)
)
ORDER BY `_time` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
