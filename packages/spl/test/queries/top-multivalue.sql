SELECT `roles`, `count`, `percent`
FROM (
  SELECT `roles`, `count`, `percent`, `__h1` AS `__h5`, `__h2` AS `__h6`, `__h3` AS `__h7`, `__h4` AS `__h8`
  FROM (
    SELECT `roles`, `count`, `percent`, isNull(`count`) AS `__h1`, `count` AS `__h2`, isNull(`roles`) AS `__h3`, `roles` AS `__h4`
    FROM (
      SELECT `roles`, `count`, ((`count` / nullIf(`__total`, 0)) * 100) AS `percent`
      FROM (
        SELECT `roles`, `count`, sumOrNull(`count`) OVER () AS `__total`
        FROM (
          SELECT `roles`, count() AS `count`
          FROM (
            SELECT `_time`, `roles` AS `__h0`, arrayJoin(if(empty(`__h0`), [CAST(NULL AS Nullable(String))], `__h0`)) AS `roles`
            FROM (
              SELECT `_time`, if(isNull(CAST(`_fields`.`role_list` AS Nullable(String))), CAST([] AS Array(Nullable(String))), CAST(splitByString({p4:String}, assumeNotNull(CAST(`_fields`.`role_list` AS Nullable(String)))) AS Array(Nullable(String)))) AS `roles`
              FROM (
                SELECT `_time`, `fields`.`role_list` AS `_fields.role_list`
                FROM `logs`
                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
              )
            )
          )
          WHERE isNotNull(`roles`)
          GROUP BY `roles`
        )
      )
    )
    ORDER BY `__h1` ASC, `__h2` DESC, `__h3` ASC, `__h4` ASC
    LIMIT 10
  )
)
ORDER BY `__h5` ASC, `__h6` DESC, `__h7` ASC, `__h8` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
