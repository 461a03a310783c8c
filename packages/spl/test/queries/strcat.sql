SELECT `comboIP`, `strict`
FROM (
  SELECT `comboIP`, `strict`, `_time` AS `__h0`
  FROM (
    SELECT `_time`, concat(concat(coalesce(`host`, {p4:String}), {p5:String}), coalesce(CAST(`_fields`.`port` AS Nullable(String)), {p4:String})) AS `comboIP`, if(or(isNull(`host`), isNull(CAST(`_fields`.`port` AS Nullable(String)))), NULL, concat(concat(coalesce(`host`, {p4:String}), {p6:String}), coalesce(CAST(`_fields`.`port` AS Nullable(String)), {p4:String}))) AS `strict`
    FROM (
      SELECT `_time`, `host`, `fields`.`port` AS `_fields.port`
      FROM `logs`
      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
    )
  )
)
ORDER BY `__h0` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
