SELECT `p_user`, `p_roles`
FROM (
  SELECT coalesce(if(startsWith(JSONExtractRaw(ifNull(CAST(`_fields`.`properties` AS Nullable(String)), ''), {p4:String}), '"'), JSONExtractString(JSONExtractRaw(ifNull(CAST(`_fields`.`properties` AS Nullable(String)), ''), {p4:String})), nullIf(JSONExtractRaw(ifNull(CAST(`_fields`.`properties` AS Nullable(String)), ''), {p4:String}), '')), CAST(`_fields`.`p_user` AS Nullable(String))) AS `p_user`, coalesce(if(startsWith(JSONExtractRaw(ifNull(CAST(`_fields`.`properties` AS Nullable(String)), ''), {p5:String}), '"'), JSONExtractString(JSONExtractRaw(ifNull(CAST(`_fields`.`properties` AS Nullable(String)), ''), {p5:String})), nullIf(JSONExtractRaw(ifNull(CAST(`_fields`.`properties` AS Nullable(String)), ''), {p5:String}), '')), CAST(`_fields`.`p_roles` AS Nullable(String))) AS `p_roles`, `_time` AS `__h0`
  FROM (
    SELECT `_time`, `fields`.`properties` AS `_fields.properties`, `fields`.`p_user` AS `_fields.p_user`, `fields`.`p_roles` AS `_fields.p_roles`
    FROM `logs`
    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
  )
)
ORDER BY `__h0` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
