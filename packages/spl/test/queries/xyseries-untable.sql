SELECT `host`, `status`, `count`
FROM (
  SELECT `host`, arrayJoin(arrayFilter(e -> isNotNull(e.2.2), arrayMap((e, i) -> (i, e), arrayMap(k -> (k, toNullable(toFloat64(`_series`[k]))), mapKeys(`_series`)), arrayEnumerate(arrayMap(k -> (k, toNullable(toFloat64(`_series`[k]))), mapKeys(`_series`)))))) AS `__h3`, tupleElement(tupleElement(`__h3`, 2), 1) AS `status`, tupleElement(tupleElement(`__h3`, 2), 2) AS `count`, tupleElement(`__h3`, 1) AS `__h4`
  FROM (
    SELECT `host`, mapFromArrays(`__h1`, arrayMap(l -> `__h2`[l], `__h1`)) AS `_series`
    FROM (
      SELECT `host`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h0`)) AS `__h2`, arraySort(l -> (0, isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h0`)) OVER ()) AS `__h1`
      FROM (
        SELECT `host`, groupArray(tuple(`__split`, `count`)) AS `__h0`
        FROM (
          SELECT `host`, `status`, `count`, `status` AS `__split`
          FROM (
            SELECT `host`, CAST(`fields`.`status` AS Nullable(String)) AS `status`, count() AS `count`
            FROM `logs`
            WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String}) AND isNotNull(CAST(`fields`.`status` AS Nullable(String)))
            GROUP BY `host`, `status`
          )
          WHERE and(isNotNull(`host`), isNotNull(`status`))
        )
        GROUP BY `host`
      )
    )
  )
)
ORDER BY `host` ASC, `__h4` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
