SELECT `_time`, `src_ip`, `mac`
FROM (
  SELECT `_time`, if(startsWith(dynamicType(`_fields`.`src_ip`), 'Array'), if(empty(if(startsWith(dynamicType(`_fields`.`src_ip`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`src_ip`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), NULL, CAST(if(startsWith(dynamicType(`_fields`.`src_ip`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`src_ip`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))) AS Variant(Array(Nullable(String)), String))), CAST(CAST(`_fields`.`src_ip` AS Nullable(String)) AS Variant(Array(Nullable(String)), String))) AS `src_ip`, `mac`, `__h4` AS `__h5`
  FROM (
    SELECT l.`_time` AS `_time`, arrayFilter(v -> isNotNull(v), arrayMap(m -> nullIf(m.2[{p9:String}], ''), arraySlice(arraySort(m -> (-m.3, m.1), arrayFilter(m -> isNotNull(m.3) AND (l.`__h3` - m.3) >= 0 AND (l.`__h3` - m.3) <= 86400, r.`__h2`)), 1, 1))) AS `mac`, l.`_time` AS `__h4`, l.`_fields.src_ip` AS `_fields.src_ip`
    FROM (
      SELECT `_time`, `index`, `_fields.src_ip`, CAST(`_fields`.`src_ip` AS Nullable(String)) AS `__h0`, toUnixTimestamp64Milli(`_time`) / 1000 AS `__h3`
      FROM (
        SELECT `_time`, `index`, `fields`.`src_ip` AS `_fields.src_ip`
        FROM `logs`
        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
      )
    ) AS l
    LEFT JOIN (
      SELECT nullIf(`cells`[{p4:String}], '') AS `__h1`, groupArray((`row`, `cells`, toFloat64(toUnixTimestamp(parseDateTimeOrNull(nullIf(`cells`[{p5:String}], ''), {p7:String}, {p6:String}))))) AS `__h2`
      FROM `lookup_rows`
      WHERE `org_id` = {p0:String} AND `name` = {p8:String} AND `version` = (SELECT max(`version`) FROM `lookup_tables` WHERE `org_id` = {p0:String} AND `name` = {p8:String}) AND `cells`[{p4:String}] != ''
      GROUP BY `__h1`
    ) AS r ON l.`__h0` = r.`__h1`
  )
)
ORDER BY `__h5` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
