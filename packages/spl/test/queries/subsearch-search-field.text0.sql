{"source":"[| inputlookup iocs.csv | rename ioc AS search | fields search]","columns":["search"],"format":{"rowPrefix":"(","colPrefix":"(","colSep":"AND","colEnd":")","rowSep":"OR","rowEnd":")","maxResults":0,"mvsep":"OR","emptystr":"NOT( )"}}
SELECT `search`
FROM (
  SELECT `search`, `__h1` AS `__h2`
  FROM (
    SELECT `ioc` AS `search`, `__h0` AS `__h1`
    FROM (
      SELECT nullIf(`cells`[{p0:String}], '') AS `ioc`, `row` AS `__h0`
      FROM `lookup_rows`
      WHERE `org_id` = {p1:String} AND `name` = {p2:String} AND `version` = (SELECT max(`version`) FROM `lookup_tables` WHERE `org_id` = {p1:String} AND `name` = {p2:String})
    )
  )
  ORDER BY `__h2` ASC
  LIMIT 10000
)
ORDER BY `__h2` ASC
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
{
  "p0": "ioc",
  "p1": "acme",
  "p2": "iocs"
}
