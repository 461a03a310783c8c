SELECT `_time`, `host`, `type`, `mytype`
FROM (
  SELECT `_time`, `host`, `type`, `mytype`, `__h2` AS `__h4`, `__h3` AS `__h5`
  FROM (
    SELECT `_time`, `host`, `type`, `mytype`, isNull(`_time`) AS `__h2`, `_time` AS `__h3`
    FROM (
      SELECT `_time`, `host`, `type`, `mytype`
      FROM (
        SELECT `_time`, `host`, `type`, CAST(`_fields`.`mytype` AS Nullable(String)) AS `mytype`
        FROM (
          SELECT `_time`, `host`, `_fields`, {p4:String} AS `type`
          FROM (
            SELECT `_time`, `host`, `fields` AS `_fields`
            FROM `logs`
            WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
          )
        )
      )
      UNION ALL
      SELECT `_time`, `host`, `type`, `mytype`
      FROM (
        SELECT `_time`, `host`, CAST(`_fields`.`type` AS Nullable(String)) AS `type`, `mytype`
        FROM (
          SELECT `_time`, `host`, `_fields`, {p6:String} AS `mytype`
          FROM (
            SELECT `_time`, `host`, `fields` AS `_fields`
            FROM `logs`
            WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p5:String})
          )
        )
      )
    )
  )
)
ORDER BY `__h4` ASC, `__h5` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
