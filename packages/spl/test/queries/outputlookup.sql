SELECT `user`, `department`
FROM (
  SELECT `user`, `department`, `__h0` AS `__h1`
  FROM (
    SELECT `user`, `__h0`, {p4:String} AS `department`
    FROM (
      SELECT nullIf(`cells`[{p0:String}], '') AS `user`, `row` AS `__h0`
      FROM `lookup_rows`
      WHERE `org_id` = {p2:String} AND `name` = {p3:String} AND `version` = (SELECT max(`version`) FROM `lookup_tables` WHERE `org_id` = {p2:String} AND `name` = {p3:String})
    )
  )
)
ORDER BY `__h1` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
