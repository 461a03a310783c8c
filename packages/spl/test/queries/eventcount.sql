SELECT `count`, `index`, `server`
FROM (
  SELECT `index`, `count`, {p2:String} AS `server`
  FROM (
    SELECT `index`, count() AS `count`
    FROM `logs`
    WHERE `org_id` = {p0:String} AND (isNotNull(`index`) OR (`index` LIKE {p1:String}))
    GROUP BY `index`
  )
)
ORDER BY `index` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
