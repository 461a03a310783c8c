SELECT `Host`, `n`, `hosts`
FROM (
  SELECT `dest` AS `Host`, `n`, `hosts`, `dest` AS `__h0`
  FROM (
    SELECT CAST(`fields`.`dest` AS Nullable(String)) AS `dest`, count(CAST(`fields`.`dest` AS Nullable(String))) AS `n`, uniqExactArray(if(notEmpty(if(startsWith(dynamicType(`fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`fields`.`dest`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`dest`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`fields`.`dest` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`fields`.`dest` AS Nullable(String))))]))) AS `hosts`
    FROM `logs`
    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`dest` AS Nullable(String)))
    GROUP BY `dest`
  )
)
ORDER BY `__h0` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
