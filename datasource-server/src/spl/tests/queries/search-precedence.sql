SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
FROM `logs`
WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND ((ifNull((CAST(`fields`.`status` AS Nullable(String)) = {p4:String}) OR toFloat64OrNull(CAST(`fields`.`status` AS Nullable(String))) = {p5:Float64}, false) OR arrayExists(v -> ifNull((v = {p4:String}) OR toFloat64OrNull(v) = {p5:Float64}, false), dynamicElement(`fields`.`status`, 'Array(Nullable(String))'))) OR (ifNull((CAST(`fields`.`status` AS Nullable(String)) = {p6:String}) OR toFloat64OrNull(CAST(`fields`.`status` AS Nullable(String))) = {p7:Float64}, false) OR arrayExists(v -> ifNull((v = {p6:String}) OR toFloat64OrNull(v) = {p7:Float64}, false), dynamicElement(`fields`.`status`, 'Array(Nullable(String))')))) AND ifNull(ilike(`host`, {p8:String}), false))
ORDER BY `_time` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
