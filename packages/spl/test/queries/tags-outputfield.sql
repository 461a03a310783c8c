SELECT `host`, `mytags`
FROM (
  SELECT `host`, `mytags`, `_time` AS `__h0`
  FROM (
    SELECT `_time`, `host`, arrayDistinct(arrayConcat(if(isNull(if(ifNull((lowerUTF8(`host`) = {p4:String}), false), {p5:String}, NULL)), CAST([] AS Array(Nullable(String))), [toNullable(toString(if(ifNull((lowerUTF8(`host`) = {p4:String}), false), {p5:String}, NULL)))]), if(isNull(if(multiIf(dynamicElement(`_fields`.`status`, 'String') = {p6:String}, true, length(dynamicElement(`_fields`.`status`, 'String')) = 3, false, (ifNull((CAST(`_fields`.`status` AS Nullable(String)) = {p6:String}) OR toFloat64OrNull(CAST(`_fields`.`status` AS Nullable(String))) = {p7:Float64}, false) OR arrayExists(v -> ifNull((v = {p6:String}) OR toFloat64OrNull(v) = {p7:Float64}, false), dynamicElement(`_fields`.`status`, 'Array(Nullable(String))')))), {p8:String}, NULL)), CAST([] AS Array(Nullable(String))), [toNullable(toString(if(multiIf(dynamicElement(`_fields`.`status`, 'String') = {p6:String}, true, length(dynamicElement(`_fields`.`status`, 'String')) = 3, false, (ifNull((CAST(`_fields`.`status` AS Nullable(String)) = {p6:String}) OR toFloat64OrNull(CAST(`_fields`.`status` AS Nullable(String))) = {p7:Float64}, false) OR arrayExists(v -> ifNull((v = {p6:String}) OR toFloat64OrNull(v) = {p7:Float64}, false), dynamicElement(`_fields`.`status`, 'Array(Nullable(String))')))), {p8:String}, NULL)))]))) AS `mytags`
    FROM (
      SELECT `_time`, `host`, `fields`.`status` AS `_fields.status`
      FROM `logs`
      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
    )
  )
)
ORDER BY `__h0` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
