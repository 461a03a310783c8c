SELECT `cmd`
FROM (
  SELECT `cmd`, `_time` AS `__h0`
  FROM (
    SELECT `_time`, if(empty(`parts`), NULL, arrayStringConcat(`parts`, {p7:String})) AS `cmd`
    FROM (
      SELECT `_time`, arrayFold((`parts`, `__foreach`) -> CAST(arrayConcat(`parts`, if(isNull(`__foreach`), CAST([] AS Array(Nullable(String))), [toNullable(toString(`__foreach`))])) AS Array(Nullable(String))), arrayMap(p -> CAST(p.2 AS Nullable(String)), arrayFilter(p -> match(p.1, {p6:String}), arraySort(p -> p.1, arrayZip(JSONAllPaths(`_fields`), JSONAllValues(`_fields`))))), CAST(if(isNull(`parts`), CAST([] AS Array(Nullable(String))), [toNullable(toString(`parts`))]) AS Array(Nullable(String)))) AS `parts`
      FROM (
        SELECT `_time`, `_fields`, {p5:String} AS `parts`
        FROM (
          SELECT `_time`, `fields` AS `_fields`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (ifNull((lowerUTF8(`sourcetype`) = {p3:String}), false) AND multiIf(isNotNull(dynamicElement(`fields`.`type`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`type`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`type` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`type`, 'Array(Nullable(String))')))))
        )
      )
    )
  )
)
ORDER BY `__h0` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
