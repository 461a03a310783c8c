SELECT `_raw`
FROM (
  SELECT `_raw`, `_time` AS `__h0`
  FROM (
    SELECT `_time`, concat(concat({p4:String}, substringUTF8(concat(concat(concat({p5:String}, coalesce(concat({p6:String}, coalesce(if(isNull(`host`), NULL, replaceAll(toJSONString(`host`), '\\/', '/')), {p8:String})), {p5:String})), coalesce(concat({p9:String}, coalesce(if(match(CAST(`_fields`.`bytes` AS Nullable(String)), {p7:String}), CAST(`_fields`.`bytes` AS Nullable(String)), NULL), {p8:String})), {p5:String})), coalesce(concat({p10:String}, coalesce(multiIf(lower(CAST(`_fields`.`ok` AS Nullable(String))) IN ('true', 't', 'yes', 'y', '1'), 'true', lower(CAST(`_fields`.`ok` AS Nullable(String))) IN ('false', 'f', 'no', 'n', '0'), 'false', NULL), {p8:String})), {p5:String})), if(toInt64(2) = 0, 1, toInt64(2)))), {p11:String}) AS `_raw`
    FROM (
      SELECT `_time`, `host`, `fields`.`bytes` AS `_fields.bytes`, `fields`.`ok` AS `_fields.ok`
      FROM `logs`
      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
    )
  )
)
ORDER BY `__h0` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
