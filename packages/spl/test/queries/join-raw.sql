SELECT `user`, coalesce(CAST(`__nexus_join_13`.`ip` AS Nullable(String)), CAST(`_fields`.`ip` AS Nullable(String))) AS `ip`, count() AS `count`
FROM (
  SELECT l.`user` AS `user`, r.`__nexus_join_13` AS `__nexus_join_13`, l.`_time` AS `__h1`, l.`_fields` AS `_fields`
  FROM (
    SELECT `user`, `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`
    FROM (
      SELECT CAST(`_fields`.`user` AS Nullable(String)) AS `user`, `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
        FROM `logs`
        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
      )
    )
  ) AS l
  ANY LEFT JOIN (
    SELECT `user`, `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `__nexus_join_13`, 1 AS `__h0`
    FROM (
      SELECT CAST(`_fields`.`user` AS Nullable(String)) AS `user`, `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `__nexus_join_13`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `_fields` AS `__nexus_join_13`
        FROM (
          SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p4:String})
        )
      )
      ORDER BY `_time` DESC
      LIMIT 50000
    )
  ) AS r ON l.`user` = r.`user`
)
WHERE isNotNull(`user`) AND isNotNull(coalesce(CAST(`__nexus_join_13`.`ip` AS Nullable(String)), CAST(`_fields`.`ip` AS Nullable(String))))
GROUP BY `user`, `ip`
ORDER BY `user` ASC, `ip` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
