SELECT `local_user`, `user_group`
FROM (
  SELECT if(startsWith(dynamicType(`_fields`.`local_user`), 'Array'), if(empty(if(startsWith(dynamicType(`_fields`.`local_user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`local_user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), NULL, CAST(if(startsWith(dynamicType(`_fields`.`local_user`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`local_user`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))) AS Variant(Array(Nullable(String)), String))), CAST(CAST(`_fields`.`local_user` AS Nullable(String)) AS Variant(Array(Nullable(String)), String))) AS `local_user`, `user_group`, `__h3` AS `__h4`
  FROM (
    SELECT arrayFilter(v -> isNotNull(v), arrayMap(m -> nullIf(m.2[{p6:String}], ''), r.`__h2`)) AS `user_group`, l.`_time` AS `__h3`, l.`_fields.local_user` AS `_fields.local_user`
    FROM (
      SELECT `_time`, `sourcetype`, `_fields.local_user`, CAST(`_fields`.`local_user` AS Nullable(String)) AS `__h0`
      FROM (
        SELECT `_time`, `sourcetype`, `fields`.`local_user` AS `_fields.local_user`
        FROM `logs`
        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ifNull((lowerUTF8(`sourcetype`) = {p3:String}), false)
      )
    ) AS l
    LEFT JOIN (
      SELECT nullIf(`cells`[{p4:String}], '') AS `__h1`, arraySlice(arraySort(m -> m.1, groupArray((`row`, `cells`))), 1, 1000) AS `__h2`
      FROM `lookup_rows`
      WHERE `org_id` = {p0:String} AND `name` = {p5:String} AND `version` = (SELECT max(`version`) FROM `lookup_tables` WHERE `org_id` = {p0:String} AND `name` = {p5:String}) AND `cells`[{p4:String}] != ''
      GROUP BY `__h1`
    ) AS r ON l.`__h0` = r.`__h1`
  )
)
ORDER BY `__h4` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
