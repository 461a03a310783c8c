SELECT `vendorId`, sumOrNull(`count`) AS `count`
FROM (
  SELECT `count`, `__h3`, `vendorId` AS `__h4`, arrayJoin(if(empty(`__h4`), [CAST(NULL AS Nullable(String))], `__h4`)) AS `vendorId`
  FROM (
    SELECT l.`count` AS `count`, arrayFilter(v -> isNotNull(v), arrayMap(m -> nullIf(m.2[{p7:String}], ''), r.`__h2`)) AS `vendorId`, l.`productId` AS `__h3`
    FROM (
      SELECT `productId`, `count`, CAST(`productId` AS Nullable(String)) AS `__h0`
      FROM (
        SELECT CAST(`fields`.`productId` AS Nullable(String)) AS `productId`, count() AS `count`
        FROM `logs`
        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ifNull(ilike(`sourcetype`, {p3:String}), false) AND isNotNull(CAST(`fields`.`productId` AS Nullable(String)))
        GROUP BY `productId`
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
WHERE isNotNull(`vendorId`)
GROUP BY `vendorId`
ORDER BY `vendorId` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
