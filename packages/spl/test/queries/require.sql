SELECT `host`, count() AS `count`
FROM `logs`
WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND multiIf(dynamicElement(`fields`.`status`, 'String') IN ({p4:String}, {p6:String}, {p7:String}), true, length(dynamicElement(`fields`.`status`, 'String')) = 3, false, (ifNull((CAST(`fields`.`status` AS Nullable(String)) = {p4:String}) OR toFloat64OrNull(CAST(`fields`.`status` AS Nullable(String))) = {p5:Float64}, false) OR arrayExists(v -> ifNull((v = {p4:String}) OR toFloat64OrNull(v) = {p5:Float64}, false), dynamicElement(`fields`.`status`, 'Array(Nullable(String))'))))) AND ((SELECT `ok` FROM (
  SELECT `count`, `ok`
  FROM (
    SELECT `count`, if(throwIf(ifNull((`count` = 0), false), {p8:String}) = 0, `count`, `count`) AS `ok`
    FROM (
      SELECT count() AS `count`
      FROM `logs`
      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND multiIf(dynamicElement(`fields`.`status`, 'String') IN ({p4:String}, {p6:String}, {p7:String}), true, length(dynamicElement(`fields`.`status`, 'String')) = 3, false, (ifNull((CAST(`fields`.`status` AS Nullable(String)) = {p4:String}) OR toFloat64OrNull(CAST(`fields`.`status` AS Nullable(String))) = {p5:Float64}, false) OR arrayExists(v -> ifNull((v = {p4:String}) OR toFloat64OrNull(v) = {p5:Float64}, false), dynamicElement(`fields`.`status`, 'Array(Nullable(String))')))))
    )
  )
) LIMIT 1) > 0)
GROUP BY `host`
ORDER BY `host` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
