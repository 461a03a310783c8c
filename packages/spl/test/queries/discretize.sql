SELECT `size_bin`, count() AS `count`
FROM (
  SELECT `_time`, if(isNull(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String)))), CAST(`_fields`.`bytes` AS Nullable(String)), if(isNull(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String)))), NULL, concat(toString((floor(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String))) / 100) * 100)), '-', toString((floor(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String))) / 100) * 100) + 100)))) AS `size_bin`
  FROM (
    SELECT `_time`, `fields`.`bytes` AS `_fields.bytes`
    FROM `logs`
    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
  )
)
WHERE isNotNull(`size_bin`)
GROUP BY `size_bin`
ORDER BY `size_bin` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
