SELECT `group`, count() AS `count`
FROM (
  SELECT nullIf(`cells`[{p0:String}], '') AS `user`, nullIf(`cells`[{p2:String}], '') AS `group`, `row` AS `__h0`
  FROM `lookup_rows`
  WHERE `org_id` = {p3:String} AND `name` = {p4:String} AND `version` = (SELECT max(`version`) FROM `lookup_tables` WHERE `org_id` = {p3:String} AND `name` = {p4:String})
)
WHERE (ifNull(ilike(`group`, {p5:String}), false) OR ifNull((lowerUTF8(`user`) = {p6:String}), false)) AND isNotNull(`group`)
GROUP BY `group`
ORDER BY `group` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
