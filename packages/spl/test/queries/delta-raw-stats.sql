SELECT avgOrNull(`delta(bytes)`) AS `avg_delta`
FROM (
  SELECT `delta(bytes)`, `_time` AS `__h0`
  FROM (
    SELECT `_time`, (`__delta_n` - `__delta_prev`) AS `delta(bytes)`
    FROM (
      SELECT `_time`, `__delta_n`, maxOrNull(`__delta_n`) OVER (PARTITION BY isNull(`__delta_n`) ORDER BY `_time` DESC ROWS BETWEEN 1 PRECEDING AND 1 PRECEDING) AS `__delta_prev`
      FROM (
        SELECT `_time`, toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String))) AS `__delta_n`
        FROM (
          SELECT `_time`, `fields`.`bytes` AS `_fields.bytes`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
        )
      )
    )
  )
)
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
