SELECT `user`, `department`
FROM (
  SELECT `user`, `department`, `__h0`
  FROM (
    SELECT nullIf(`cells`[{p0:String}], '') AS `user`, nullIf(`cells`[{p1:String}], '') AS `department`, `row` AS `__h0`
    FROM `lookup_rows`
    WHERE `org_id` = {p2:String} AND `name` = {p3:String} AND `version` = (SELECT max(`version`) FROM `lookup_tables` WHERE `org_id` = {p2:String} AND `name` = {p3:String})
  )
  WHERE (`department` = {p4:String})
)
ORDER BY `__h0` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
