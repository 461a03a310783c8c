SELECT `category`, `count`, `user`, `department`
FROM (
  SELECT `category`, `count`, `user`, `department`, `__h0`, `__h1`
  FROM (
    SELECT `category`, toFloat64(`count`) AS `count`, `user`, `department`, 0 AS `__h0`, row_number() OVER (ORDER BY `category` ASC) AS `__h1`
    FROM (
      SELECT `category`, `count`, NULL AS `user`, NULL AS `department`
      FROM (
        SELECT CAST(`fields`.`category` AS Nullable(String)) AS `category`, count() AS `count`
        FROM `logs`
        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String}) AND isNotNull(CAST(`fields`.`category` AS Nullable(String)))
        GROUP BY `category`
      )
    )
    UNION ALL
    SELECT `category`, toFloat64(`count`) AS `count`, `user`, `department`, 1 AS `__h0`, row_number() OVER (ORDER BY `category` ASC) AS `__h1`
    FROM (
      SELECT `category`, `count`, NULL AS `user`, NULL AS `department`
      FROM (
        SELECT CAST(`fields`.`category` AS Nullable(String)) AS `category`, count() AS `count`
        FROM `logs`
        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p4:String}) AND isNotNull(CAST(`fields`.`category` AS Nullable(String)))
        GROUP BY `category`
        ORDER BY `category` ASC
        LIMIT 100
      )
    )
    UNION ALL
    SELECT `category`, toFloat64(`count`) AS `count`, `user`, `department`, 2 AS `__h0`, row_number() OVER (ORDER BY `__h3` ASC) AS `__h1`
    FROM (
      SELECT NULL AS `category`, NULL AS `count`, `user`, `department`, `__h2` AS `__h3`
      FROM (
        SELECT nullIf(`cells`[{p5:String}], '') AS `user`, nullIf(`cells`[{p6:String}], '') AS `department`, `row` AS `__h2`
        FROM `lookup_rows`
        WHERE `org_id` = {p0:String} AND `name` = {p7:String} AND `version` = (SELECT max(`version`) FROM `lookup_tables` WHERE `org_id` = {p0:String} AND `name` = {p7:String})
        ORDER BY `__h2` ASC
        LIMIT 100
      )
    )
  )
)
ORDER BY `__h0` ASC, `__h1` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
