SELECT `host`, (sign(`avg_bytes`) * floor(abs(`avg_bytes`) * exp10(2) + 0.5) / exp10(2)) AS `avg_bytes`, (sign(`avg_duration`) * floor(abs(`avg_duration`) * exp10(2) + 0.5) / exp10(2)) AS `avg_duration`
FROM (
  SELECT `host`, avgOrNull(toFloat64OrNull(CAST(`fields`.`bytes` AS Nullable(String)))) AS `avg_bytes`, avgOrNull(toFloat64OrNull(CAST(`fields`.`duration` AS Nullable(String)))) AS `avg_duration`
  FROM `logs`
  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
  GROUP BY `host`
)
ORDER BY `host` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
