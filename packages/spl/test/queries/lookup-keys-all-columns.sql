SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `group`, `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `group`, `__h5`, `_fields`
  FROM (
    SELECT l.`_time` AS `_time`, l.`index` AS `index`, l.`host` AS `host`, l.`source` AS `source`, l.`sourcetype` AS `sourcetype`, l.`_raw` AS `_raw`, arrayFilter(v -> isNotNull(v), arrayMap(m -> nullIf(m.2[{p7:String}], ''), r.`__h4`)) AS `group`, l.`_time` AS `__h5`, l.`_fields` AS `_fields`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, CAST(`_fields`.`local_user` AS Nullable(String)) AS `__h0`, CAST(`_fields`.`domain` AS Nullable(String)) AS `__h2`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
        FROM `logs`
        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
      )
    ) AS l
    LEFT JOIN (
      SELECT nullIf(`cells`[{p4:String}], '') AS `__h1`, nullIf(`cells`[{p5:String}], '') AS `__h3`, arraySlice(arraySort(m -> m.1, groupArray((`row`, `cells`))), 1, 1000) AS `__h4`
      FROM `lookup_rows`
      WHERE `org_id` = {p0:String} AND `name` = {p6:String} AND `version` = (SELECT max(`version`) FROM `lookup_tables` WHERE `org_id` = {p0:String} AND `name` = {p6:String}) AND `cells`[{p4:String}] != '' AND `cells`[{p5:String}] != ''
      GROUP BY `__h1`, `__h3`
    ) AS r ON l.`__h0` = r.`__h1` AND l.`__h2` = r.`__h3`
  )
  WHERE empty(`group`)
)
ORDER BY `__h5` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
