SELECT `count`, `score1`, `score2`
FROM (
  SELECT `count`, `score1`, `score2`, `__h0` AS `__h1`
  FROM (
    SELECT `__h0`, `__fd0` AS `count`, `__fd1` AS `score1`, `__fd2` AS `score2`
    FROM (
      SELECT `__h0`, argMax(`count`, `__ss_pos`) OVER (ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__fd0`, argMax(`score1`, `__ss_pos`) OVER (ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__fd1`, argMax(`score2`, `__ss_pos`) OVER (ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__fd2`
      FROM (
        SELECT `count`, `score1`, `score2`, `__h0`, count() OVER (ORDER BY `__h0` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__ss_pos`
        FROM (
          SELECT CAST(`_fields`.`count` AS Nullable(String)) AS `count`, CAST(`_fields`.`score1` AS Nullable(String)) AS `score1`, CAST(`_fields`.`score2` AS Nullable(String)) AS `score2`, `_time` AS `__h0`
          FROM (
            SELECT `_time`, `fields`.`count` AS `_fields.count`, `fields`.`score1` AS `_fields.score1`, `fields`.`score2` AS `_fields.score2`
            FROM `logs`
            WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
          )
        )
      )
    )
  )
)
ORDER BY `__h1` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
