SELECT `user`, `status`
FROM (
  SELECT coalesce(replaceRegexpAll(if(empty(extractGroups(substringUTF8(`_raw`, if(toInt64(1) = 0, 1, toInt64(1)), toInt64(greatest(10240, 0))), {p4:String})), NULL, arrayElement(extractGroups(substringUTF8(`_raw`, if(toInt64(1) = 0, 1, toInt64(1)), toInt64(greatest(10240, 0))), {p4:String}), 1)), {p5:String}, {p6:String}), CAST(`_fields`.`user` AS Nullable(String))) AS `user`, coalesce(replaceRegexpAll(if(empty(extractGroups(substringUTF8(`_raw`, if(toInt64(1) = 0, 1, toInt64(1)), toInt64(greatest(10240, 0))), {p7:String})), NULL, arrayElement(extractGroups(substringUTF8(`_raw`, if(toInt64(1) = 0, 1, toInt64(1)), toInt64(greatest(10240, 0))), {p7:String}), 1)), {p5:String}, {p6:String}), CAST(`_fields`.`status` AS Nullable(String))) AS `status`, `_time` AS `__h0`
  FROM (
    SELECT `_time`, `_raw`, `fields`.`user` AS `_fields.user`, `fields`.`status` AS `_fields.status`
    FROM `logs`
    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
  )
)
ORDER BY `__h0` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
