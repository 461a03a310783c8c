SELECT `host`, `query`, `status`
FROM (
  SELECT `host`, coalesce(CAST(`_fields`.`DNS.query` AS Nullable(String)), CAST(`_fields`.`query` AS Nullable(String))) AS `query`, coalesce(CAST(`_fields`.`DNS.status` AS Nullable(String)), CAST(`_fields`.`status` AS Nullable(String))) AS `status`, `__h1` AS `__h2`
  FROM (
    SELECT `host`, `__h0` AS `__h1`, `_fields.DNS.query`, `_fields.query`, `_fields.DNS.status`, `_fields.status`
    FROM (
      SELECT `host`, `_time` AS `__h0`, `_fields.DNS.query`, `_fields.query`, `_fields.DNS.status`, `_fields.status`
      FROM (
        SELECT `_time`, `host`, `fields`.`DNS.query` AS `_fields.DNS.query`, `fields`.`query` AS `_fields.query`, `fields`.`DNS.status` AS `_fields.DNS.status`, `fields`.`status` AS `_fields.status`
        FROM `logs`
        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
      )
    )
  )
)
ORDER BY `__h2` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
