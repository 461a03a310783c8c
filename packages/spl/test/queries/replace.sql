SELECT `host`, `msg_level`
FROM (
  SELECT `host`, `msg_level`, `_time` AS `__h0`
  FROM (
    SELECT `_time`, if(coalesce(match(`host`, {p4:String}), false), replaceRegexpOne(`host`, {p4:String}, {p5:String}), if(coalesce(match(`host`, {p6:String}), false), replaceRegexpOne(`host`, {p6:String}, {p7:String}), `host`)) AS `host`, if(coalesce(match(CAST(`_fields`.`msg_level` AS Nullable(String)), {p8:String}), false), replaceRegexpOne(CAST(`_fields`.`msg_level` AS Nullable(String)), {p8:String}, {p9:String}), if(coalesce(match(CAST(`_fields`.`msg_level` AS Nullable(String)), {p10:String}), false), replaceRegexpOne(CAST(`_fields`.`msg_level` AS Nullable(String)), {p10:String}, {p11:String}), CAST(`_fields`.`msg_level` AS Nullable(String)))) AS `msg_level`
    FROM (
      SELECT `_time`, `host`, `fields`.`msg_level` AS `_fields.msg_level`
      FROM `logs`
      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
    )
  )
)
ORDER BY `__h0` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
