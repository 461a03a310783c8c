SELECT `user`, count() AS `count`
FROM (
  SELECT `_time`, if(empty(extractGroups(`_raw`, {p4:String})), NULL, arrayElement(extractGroups(`_raw`, {p4:String}), 1)) AS `user`
  FROM (
    SELECT `_time`, `_raw`
    FROM `logs`
    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
  )
)
WHERE not(coalesce(match(`user`, {p5:String}), false)) AND isNotNull(`user`)
GROUP BY `user`
ORDER BY `user` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
