SELECT `host`, CAST(`fields`.`status` AS Nullable(String)) AS `status`, count() AS `count`, avgOrNull(toFloat64OrNull(CAST(`fields`.`bytes` AS Nullable(String)))) AS `avg(bytes)`, uniqExact(CAST(`fields`.`user` AS Nullable(String))) AS `dc(user)`, if(count(toFloat64OrNull(CAST(`fields`.`latency` AS Nullable(String)))) = 0, NULL, arrayElement(arraySort(groupArray(toFloat64OrNull(CAST(`fields`.`latency` AS Nullable(String))))), toUInt64(greatest(1, ceil({p4:Float64} * count(toFloat64OrNull(CAST(`fields`.`latency` AS Nullable(String))))))))) AS `p95`
FROM `logs`
WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String}) AND isNotNull(CAST(`fields`.`status` AS Nullable(String)))
GROUP BY `host`, `status`
ORDER BY `host` ASC, `status` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
