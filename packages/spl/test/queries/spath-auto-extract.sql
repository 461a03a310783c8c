SELECT `user.name`, `{}.ResourceAppId`
FROM (
  SELECT coalesce(if(startsWith(JSONExtractRaw(JSONExtractRaw(ifNull(CAST(`_fields`.`newvalue` AS Nullable(String)), ''), {p7:String}), {p8:String}), '"'), JSONExtractString(JSONExtractRaw(JSONExtractRaw(ifNull(CAST(`_fields`.`newvalue` AS Nullable(String)), ''), {p7:String}), {p8:String})), nullIf(JSONExtractRaw(JSONExtractRaw(ifNull(CAST(`_fields`.`newvalue` AS Nullable(String)), ''), {p7:String}), {p8:String}), '')), CAST(`_fields`.`user.name` AS Nullable(String))) AS `user.name`, CAST(arrayFilter(v -> isNotNull(v), arrayMap(v -> if(startsWith(v, '"'), JSONExtractString(v), nullIf(v, '')), arrayMap(x -> JSONExtractRaw(x, {p4:String}), JSONExtractArrayRaw(ifNull(CAST(`_fields`.`newvalue` AS Nullable(String)), ''))))) AS Array(Nullable(String))) AS `{}.ResourceAppId`, `_time` AS `__h0`
  FROM (
    SELECT `_time`, `fields`.`newvalue` AS `_fields.newvalue`, `fields`.`user.name` AS `_fields.user.name`
    FROM `logs`
    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ifNull((lowerUTF8(`sourcetype`) = {p3:String}), false) AND arrayExists(v -> ifNull((v = {p5:String}) OR toFloat64OrNull(v) = {p6:Float64}, false), CAST(arrayFilter(v -> isNotNull(v), arrayMap(v -> if(startsWith(v, '"'), JSONExtractString(v), nullIf(v, '')), arrayMap(x -> JSONExtractRaw(x, {p4:String}), JSONExtractArrayRaw(ifNull(CAST(`fields`.`newvalue` AS Nullable(String)), ''))))) AS Array(Nullable(String))))
  )
)
ORDER BY `__h0` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
