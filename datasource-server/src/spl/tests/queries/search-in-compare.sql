SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
FROM `logs`
WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND ((ifNull((CAST(`fields`.`status` AS Nullable(String)) = {p4:String}) OR toFloat64OrNull(CAST(`fields`.`status` AS Nullable(String))) = {p5:Float64}, false) OR arrayExists(v -> ifNull((v = {p4:String}) OR toFloat64OrNull(v) = {p5:Float64}, false), dynamicElement(`fields`.`status`, 'Array(Nullable(String))'))) OR (ifNull(ilike(CAST(`fields`.`status` AS Nullable(String)), {p6:String}), false) OR arrayExists(v -> ifNull(ilike(v, {p6:String}), false), dynamicElement(`fields`.`status`, 'Array(Nullable(String))')))) AND (ifNull(toFloat64OrNull(CAST(`fields`.`bytes` AS Nullable(String))) >= {p7:Float64}, false) OR arrayExists(v -> ifNull(toFloat64OrNull(v) >= {p7:Float64}, false), dynamicElement(`fields`.`bytes`, 'Array(Nullable(String))'))))
ORDER BY `_time` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
