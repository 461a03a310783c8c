SELECT `tags`, count() AS `count`
FROM (
  SELECT `_time`, `tags` AS `__h0`, arrayJoin(if(empty(`__h0`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h0`, arrayEnumerate(`__h0`)))) AS `__h1`, tupleElement(`__h1`, 2) AS `tags`, tupleElement(`__h1`, 1) AS `__h2`
  FROM (
    SELECT `_time`, `tags`
    FROM (
      SELECT `_time`, if(isNull(CAST(`_fields`.`tags_csv` AS Nullable(String))), CAST([] AS Array(Nullable(String))), CAST(splitByString({p4:String}, assumeNotNull(CAST(`_fields`.`tags_csv` AS Nullable(String)))) AS Array(Nullable(String)))) AS `tags`
      FROM (
        SELECT `_time`, `fields`.`tags_csv` AS `_fields.tags_csv`
        FROM `logs`
        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
      )
    )
  )
)
WHERE isNotNull(`tags`)
GROUP BY `tags`
ORDER BY `tags` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
