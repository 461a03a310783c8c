SELECT `host`, arraySort(groupUniqArrayArray(if(notEmpty(if(startsWith(dynamicType(`fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`fields`.`user`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`fields`.`user` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`fields`.`user` AS Nullable(String))))])))) AS `values(user)`, argMax(CAST(`fields`.`status` AS Nullable(String)), `_time`) AS `latest(status)`, argMin(`_time`, `_time`) AS `first`
FROM `logs`
WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
GROUP BY `host`
ORDER BY `host` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
