SELECT `host`, `src_host`
FROM (
  SELECT `host`, if(coalesce(match(CAST(`_fields`.`src_host` AS Nullable(String)), {p4:String}), false), replaceRegexpOne(CAST(`_fields`.`src_host` AS Nullable(String)), {p4:String}, {p5:String}), CAST(`_fields`.`src_host` AS Nullable(String))) AS `src_host`, `_time` AS `__h0`
  FROM (
    SELECT `_time`, `_fields.src_host`, if(coalesce(match(`host`, {p4:String}), false), replaceRegexpOne(`host`, {p4:String}, {p5:String}), `host`) AS `host`
    FROM (
      SELECT `_time`, `host`, `fields`.`src_host` AS `_fields.src_host`
      FROM `logs`
      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
    )
  )
)
ORDER BY `__h0` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
