SELECT `productId`, `views`, `TotalViews`
FROM (
  SELECT `productId`, `views`, if(isNull(`views`), toFloat64(NULL), toFloat64(`__accum`)) AS `TotalViews`
  FROM (
    SELECT `productId`, `views`, sumOrNull(`views`) OVER (ORDER BY `productId` ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__accum`
    FROM (
      SELECT CAST(`fields`.`productId` AS Nullable(String)) AS `productId`, count() AS `views`
      FROM `logs`
      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND multiIf(dynamicElement(`fields`.`status`, 'String') IN ({p4:String}, {p6:String}, {p7:String}), true, length(dynamicElement(`fields`.`status`, 'String')) = 3, false, (ifNull((CAST(`fields`.`status` AS Nullable(String)) = {p4:String}) OR toFloat64OrNull(CAST(`fields`.`status` AS Nullable(String))) = {p5:Float64}, false) OR arrayExists(v -> ifNull((v = {p4:String}) OR toFloat64OrNull(v) = {p5:Float64}, false), dynamicElement(`fields`.`status`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`productId` AS Nullable(String)))
      GROUP BY `productId`
    )
  )
)
ORDER BY `productId` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
