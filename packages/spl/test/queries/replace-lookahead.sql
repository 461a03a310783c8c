SELECT `process_name`
FROM (
  SELECT `process_name`, `_time` AS `__h0`
  FROM (
    SELECT `_time`, replaceRegexpAll(if(startsWith(dynamicType(`_fields`.`process`), 'Array'), arrayElement(JSONExtract(ifNull(toJSONString(`_fields`.`process`), '[]'), 'Array(Nullable(String))'), 1), CAST(`_fields`.`process` AS Nullable(String))), {p4:String}, {p5:String}) AS `process_name`
    FROM (
      SELECT `_time`, `fields`.`process` AS `_fields.process`
      FROM `logs`
      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
    )
  )
)
ORDER BY `__h0` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
