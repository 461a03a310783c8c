SELECT `host`, count(if((CAST(`fields`.`method` AS Nullable(String)) = {p4:String}), toFloat64(1), toFloat64(NULL))) AS `GET`, count(if((CAST(`fields`.`method` AS Nullable(String)) = {p5:String}), toFloat64(1), toFloat64(NULL))) AS `POST`
FROM `logs`
WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ifNull(ilike(`sourcetype`, {p3:String}), false)
GROUP BY `host`
ORDER BY `host` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
