SELECT CAST(`fields`.`user` AS Nullable(String)) AS `user`, count() AS `count`
FROM `logs`
WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (ifNull((lowerUTF8(`sourcetype`) = {p3:String}), false) AND ifNull(lowerUTF8(toString(CAST(`fields`.`user` AS Nullable(String)))) IN (SELECT lowerUTF8(toString(`user`)) FROM (
  SELECT `user`
  FROM (
    SELECT `user`
    FROM (
      SELECT `user`
      FROM (
        SELECT `user`, maxOrNull(`apiCalls`) AS `apiCalls`
        FROM (
          SELECT `user`, `apiCalls`, 0 AS `__h0`, row_number() OVER (ORDER BY `user` ASC) AS `__h1`
          FROM (
            SELECT `user`, toString(`apiCalls`) AS `apiCalls`
            FROM (
              SELECT CAST(`fields`.`user` AS Nullable(String)) AS `user`, count() AS `apiCalls`
              FROM `logs`
              WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ifNull((lowerUTF8(`sourcetype`) = {p3:String}), false) AND isNotNull(CAST(`fields`.`user` AS Nullable(String)))
              GROUP BY `user`
            )
          )
          UNION ALL
          SELECT `user`, `apiCalls`, 1 AS `__h0`, row_number() OVER (ORDER BY `__h3` ASC) AS `__h1`
          FROM (
            SELECT `user`, `apiCalls`, `__h2` AS `__h3`
            FROM (
              SELECT nullIf(`cells`[{p4:String}], '') AS `user`, nullIf(`cells`[{p5:String}], '') AS `apiCalls`, `row` AS `__h2`
              FROM `lookup_rows`
              WHERE `org_id` = {p0:String} AND `name` = {p6:String} AND `version` = (SELECT max(`version`) FROM `lookup_tables` WHERE `org_id` = {p0:String} AND `name` = {p6:String})
            )
          )
        )
        WHERE isNotNull(`user`)
        GROUP BY `user`
      )
      WHERE (toFloat64OrNull(`apiCalls`) > 10)
    )
  )
) WHERE isNotNull(`user`) LIMIT 10000), false)) AND isNotNull(CAST(`fields`.`user` AS Nullable(String)))
GROUP BY `user`
ORDER BY `user` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
