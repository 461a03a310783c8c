SELECT `host`, `user`, `bytes`
FROM (
  SELECT `host`, CAST(`_fields`.`user` AS Nullable(String)) AS `user`, CAST(`_fields`.`bytes` AS Nullable(String)) AS `bytes`, `_time` AS `__h0`
  FROM (
    SELECT `_time`, `index`, `host`, `fields`.`status` AS `_fields.status`, `fields`.`user` AS `_fields.user`, `fields`.`bytes` AS `_fields.bytes`
    FROM `logs`
    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND multiIf(dynamicElement(`fields`.`status`, 'String') IN ({p4:String}, {p6:String}, {p7:String}), true, length(dynamicElement(`fields`.`status`, 'String')) = 3, false, (ifNull((CAST(`fields`.`status` AS Nullable(String)) = {p4:String}) OR toFloat64OrNull(CAST(`fields`.`status` AS Nullable(String))) = {p5:Float64}, false) OR arrayExists(v -> ifNull((v = {p4:String}) OR toFloat64OrNull(v) = {p5:Float64}, false), dynamicElement(`fields`.`status`, 'Array(Nullable(String))'))))) AND isNotNull(`host`) AND isNotNull(CAST(`fields`.`user` AS Nullable(String))) AND (`host`, CAST(`fields`.`user` AS Nullable(String)), `_time`) IN (SELECT `host`, CAST(`fields`.`user` AS Nullable(String)), max(`_time`) FROM `logs` WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND multiIf(dynamicElement(`fields`.`status`, 'String') IN ({p4:String}, {p6:String}, {p7:String}), true, length(dynamicElement(`fields`.`status`, 'String')) = 3, false, (ifNull((CAST(`fields`.`status` AS Nullable(String)) = {p4:String}) OR toFloat64OrNull(CAST(`fields`.`status` AS Nullable(String))) = {p5:Float64}, false) OR arrayExists(v -> ifNull((v = {p4:String}) OR toFloat64OrNull(v) = {p5:Float64}, false), dynamicElement(`fields`.`status`, 'Array(Nullable(String))'))))) AND isNotNull(`host`) AND isNotNull(CAST(`fields`.`user` AS Nullable(String))) GROUP BY `host`, CAST(`fields`.`user` AS Nullable(String)))
    ORDER BY `_time` DESC
    LIMIT 1 BY `host`, CAST(`fields`.`user` AS Nullable(String))
  )
)
ORDER BY `__h0` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
