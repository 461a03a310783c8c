SELECT `src_host`, `dest_host`, `count`, `percent`
FROM (
  SELECT `src_host`, `dest_host`, `count`, `percent`, `__h4` AS `__h14`, `__h5` AS `__h15`, `__h6` AS `__h16`, `__h7` AS `__h17`, `__h8` AS `__h18`, `__h9` AS `__h19`, `__h10` AS `__h20`, `__h11` AS `__h21`, `__h12` AS `__h22`, `__h13` AS `__h23`
  FROM (
    SELECT `src_host`, `dest_host`, `count`, `percent`, isNull(`count`) AS `__h4`, `count` AS `__h5`, isNull(`src_host`) AS `__h6`, isNull(toFloat64OrNull(`src_host`)) AS `__h7`, toFloat64OrNull(`src_host`) AS `__h8`, `src_host` AS `__h9`, isNull(`dest_host`) AS `__h10`, isNull(toFloat64OrNull(`dest_host`)) AS `__h11`, toFloat64OrNull(`dest_host`) AS `__h12`, `dest_host` AS `__h13`
    FROM (
      SELECT `src_host`, `dest_host`, `count`, ((`count` / nullIf(`__total`, 0)) * 100) AS `percent`
      FROM (
        SELECT `src_host`, `dest_host`, `count`, sumOrNull(`count`) OVER () AS `__total`
        FROM (
          SELECT `src_host`, `dest_host`, count() AS `count`
          FROM (
            SELECT `src_host`, `dest_host`, `__h0`, `__h1`, `__h2`, `__h3`
            FROM (
              SELECT `src_host`, `dest_host`, `bytes_in`, `bytes_out`, `__h0`, if(isNull(`tags_list`), CAST([] AS Array(Nullable(String))), [toNullable(toString(`tags_list`))]) AS `__h1`, arrayJoin(if(empty(`__h1`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h1`, arrayEnumerate(`__h1`)))) AS `__h2`, tupleElement(`__h2`, 1) AS `__h3`
              FROM (
                SELECT CAST(`_fields`.`src_host` AS Nullable(String)) AS `src_host`, CAST(`_fields`.`dest_host` AS Nullable(String)) AS `dest_host`, CAST(`_fields`.`bytes_in` AS Nullable(String)) AS `bytes_in`, CAST(`_fields`.`bytes_out` AS Nullable(String)) AS `bytes_out`, CAST(`_fields`.`tags_list` AS Nullable(String)) AS `tags_list`, `_time` AS `__h0`
                FROM (
                  SELECT `_time`, `fields`.`src_host` AS `_fields.src_host`, `fields`.`dest_host` AS `_fields.dest_host`, `fields`.`bytes_in` AS `_fields.bytes_in`, `fields`.`bytes_out` AS `_fields.bytes_out`, `fields`.`tags_list` AS `_fields.tags_list`
                  FROM `logs`
                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                )
              )
            )
          )
          WHERE isNotNull(`src_host`) AND isNotNull(`dest_host`)
          GROUP BY `src_host`, `dest_host`
        )
      )
    )
    ORDER BY `__h4` ASC, `__h5` DESC, `__h6` ASC, `__h7` ASC, `__h8` ASC, `__h9` ASC, `__h10` ASC, `__h11` ASC, `__h12` ASC, `__h13` ASC
    LIMIT 5
  )
)
ORDER BY `__h14` ASC, `__h15` DESC, `__h16` ASC, `__h17` ASC, `__h18` ASC, `__h19` ASC, `__h20` ASC, `__h21` ASC, `__h22` ASC, `__h23` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
