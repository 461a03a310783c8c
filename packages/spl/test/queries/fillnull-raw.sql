SELECT if(has(`__nexus_fillnull_13`, {p4:String}), coalesce(CAST(`_fields`.`user` AS Nullable(String)), {p5:String}), CAST(`_fields`.`user` AS Nullable(String))) AS `user`, if(has(`__nexus_fillnull_13`, {p6:String}), coalesce(CAST(`_fields`.`action` AS Nullable(String)), {p5:String}), CAST(`_fields`.`action` AS Nullable(String))) AS `action`, count() AS `count`
FROM (
  SELECT `_time`, `_fields`, arraySort(groupUniqArrayArray(arraySort(JSONAllPaths(`_fields`))) OVER ()) AS `__nexus_fillnull_13`
  FROM (
    SELECT `_time`, `fields` AS `_fields`
    FROM `logs`
    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
  )
)
WHERE isNotNull(if(has(`__nexus_fillnull_13`, {p4:String}), coalesce(CAST(`_fields`.`user` AS Nullable(String)), {p5:String}), CAST(`_fields`.`user` AS Nullable(String)))) AND isNotNull(if(has(`__nexus_fillnull_13`, {p6:String}), coalesce(CAST(`_fields`.`action` AS Nullable(String)), {p5:String}), CAST(`_fields`.`action` AS Nullable(String))))
GROUP BY `user`, `action`
ORDER BY `user` ASC, `action` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
