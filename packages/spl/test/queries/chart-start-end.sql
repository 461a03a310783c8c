SELECT `size`, count() AS `count`
FROM (
  SELECT `_time`, if(isNull(toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String)))), CAST(`_fields`.`size` AS Nullable(String)), if(isNull(toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String)))), NULL, concat(toString((floor(toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String))) / 10) * 10)), '-', toString((floor(toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String))) / 10) * 10) + 10)))) AS `size`
  FROM (
    SELECT `_time`, `fields`.`size` AS `_fields.size`
    FROM `logs`
    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String}) AND or(isNull(toFloat64OrNull(CAST(`fields`.`size` AS Nullable(String)))), and((toFloat64OrNull(CAST(`fields`.`size` AS Nullable(String))) >= 10), (toFloat64OrNull(CAST(`fields`.`size` AS Nullable(String))) <= 50)))
  )
)
WHERE isNotNull(`size`)
GROUP BY `size`
ORDER BY `size` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
