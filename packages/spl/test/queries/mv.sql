SELECT `tags`, count() AS `count`
FROM (
  SELECT `_time`, arrayJoin(if(empty(`tags`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `tags`, arrayEnumerate(`tags`)))) AS `__h0`, tupleElement(`__h0`, 2) AS `tags`, tupleElement(`__h0`, 1) AS `__h1`
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
