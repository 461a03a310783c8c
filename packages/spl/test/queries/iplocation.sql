SELECT `src_Country`, count() AS `count`
FROM (
  SELECT `_time`, if(indexOf({p6:Array(String)}, ifNull(dictGetOrNull({p4:String}, {p5:String}, ifNull(toIPv6OrNull(splitByChar('/', ifNull(toString(CAST(`_fields`.`clientip` AS Nullable(String))), ''))[1]), toIPv6('::'))), '')) = 0, dictGetOrNull({p4:String}, {p5:String}, ifNull(toIPv6OrNull(splitByChar('/', ifNull(toString(CAST(`_fields`.`clientip` AS Nullable(String))), ''))[1]), toIPv6('::'))), arrayElement({p7:Array(String)}, indexOf({p6:Array(String)}, ifNull(dictGetOrNull({p4:String}, {p5:String}, ifNull(toIPv6OrNull(splitByChar('/', ifNull(toString(CAST(`_fields`.`clientip` AS Nullable(String))), ''))[1]), toIPv6('::'))), '')))) AS `src_Country`
  FROM (
    SELECT `_time`, `fields`.`clientip` AS `_fields.clientip`
    FROM `logs`
    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
  )
)
WHERE isNotNull(`src_Country`)
GROUP BY `src_Country`
ORDER BY `src_Country` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
