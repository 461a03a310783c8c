SELECT `users`, `group`
FROM (
  SELECT `users`, `group`, `__h4` AS `__h5`
  FROM (
    SELECT l.`users` AS `users`, arrayFlatten(arrayMap(q -> arrayFilter(v -> isNotNull(v), arrayMap(m -> nullIf(m.2[{p7:String}], ''), arrayElement(r.`__h2`, indexOf(r.`__h3`, q)))), arrayFlatten(arrayMap(v0 -> [v0], l.`__h0`)))) AS `group`, l.`_time` AS `__h4`
    FROM (
      SELECT `_time`, `index`, `_fields.user_list`, `users`, `users` AS `__h0`
      FROM (
        SELECT `_time`, `index`, `_fields.user_list`, if(isNull(CAST(`_fields`.`user_list` AS Nullable(String))), CAST([] AS Array(Nullable(String))), CAST(splitByString({p4:String}, assumeNotNull(CAST(`_fields`.`user_list` AS Nullable(String)))) AS Array(Nullable(String)))) AS `users`
        FROM (
          SELECT `_time`, `index`, `fields`.`user_list` AS `_fields.user_list`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
        )
      )
    ) AS l
    CROSS JOIN (
      SELECT groupArray(`__h1`) AS `__h3`, groupArray(`__h2`) AS `__h2`
      FROM (
        SELECT nullIf(`cells`[{p5:String}], '') AS `__h1`, arraySlice(arraySort(m -> m.1, groupArray((`row`, `cells`))), 1, 1000) AS `__h2`
        FROM `lookup_rows`
        WHERE `org_id` = {p0:String} AND `name` = {p6:String} AND `version` = (SELECT max(`version`) FROM `lookup_tables` WHERE `org_id` = {p0:String} AND `name` = {p6:String}) AND `cells`[{p5:String}] != ''
        GROUP BY `__h1`
      )
    ) AS r
  )
)
ORDER BY `__h5` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
