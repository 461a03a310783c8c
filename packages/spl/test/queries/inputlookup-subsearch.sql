SELECT CAST(`fields`.`clientip` AS Nullable(String)) AS `clientip`, count() AS `count`
FROM `logs`
WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (ifNull(ilike(`sourcetype`, {p3:String}), false) AND ifNull(lowerUTF8(toString(CAST(`fields`.`clientip` AS Nullable(String)))) IN (SELECT lowerUTF8(toString(`clientip`)) FROM (
  SELECT `clientip`
  FROM (
    SELECT `clientip`, `__h0` AS `__h1`
    FROM (
      SELECT nullIf(`cells`[{p4:String}], '') AS `clientip`, `row` AS `__h0`
      FROM `lookup_rows`
      WHERE `org_id` = {p0:String} AND `name` = {p5:String} AND `version` = (SELECT max(`version`) FROM `lookup_tables` WHERE `org_id` = {p0:String} AND `name` = {p5:String})
    )
  )
) WHERE isNotNull(`clientip`) LIMIT 10000), false)) AND isNotNull(CAST(`fields`.`clientip` AS Nullable(String)))
GROUP BY `clientip`
ORDER BY `clientip` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
