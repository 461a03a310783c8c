SELECT `_time`, `who`, `d`
FROM (
  SELECT `_time`, `who`, `__lookup0` AS `d`
  FROM (
    SELECT `_time`, `who`, if(arrayAll(c -> empty(c), [`__lookup0_0`]), NULL, concat('{', arrayStringConcat(arrayFilter(m -> m != '', [if(empty(`__lookup0_0`), '', concat(toJSONString({p5:String}), ':', if(length(`__lookup0_0`) = 1, toJSONString(`__lookup0_0`[1]), toJSONString(`__lookup0_0`))))]), ','), '}')) AS `__lookup0`
    FROM (
      SELECT l.`_time` AS `_time`, l.`who` AS `who`, arrayFilter(v -> isNotNull(v), arrayMap(m -> nullIf(m.2[{p5:String}], ''), r.`__h2`)) AS `__lookup0_0`
      FROM (
        SELECT `_time`, `who`, CAST(`who` AS Nullable(String)) AS `__h0`
        FROM (
          SELECT `_time`, {p1:String} AS `who`
          FROM (
            SELECT fromUnixTimestamp64Milli({p0:Int64}, 'UTC') AS `_time`
            FROM numbers(1)
          )
        )
      ) AS l
      LEFT JOIN (
        SELECT nullIf(`cells`[{p2:String}], '') AS `__h1`, arraySlice(arraySort(m -> m.1, groupArray((`row`, `cells`))), 1, 1000) AS `__h2`
        FROM `lookup_rows`
        WHERE `org_id` = {p3:String} AND `name` = {p4:String} AND `version` = (SELECT max(`version`) FROM `lookup_tables` WHERE `org_id` = {p3:String} AND `name` = {p4:String}) AND `cells`[{p2:String}] != ''
        GROUP BY `__h1`
      ) AS r ON l.`__h0` = r.`__h1`
    )
  )
)
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
