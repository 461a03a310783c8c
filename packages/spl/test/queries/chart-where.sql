SELECT `status`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`
FROM (
  SELECT `status`, mapFromArrays(`__h1`, arrayMap(l -> `__h6`[l], `__h1`)) AS `_series`
  FROM (
    SELECT `status`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h0`)) AS `__h6`, arraySort(l -> (indexOf([{p4:String}, {p5:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h0`)) OVER ()) AS `__h1`
    FROM (
      SELECT `status`, groupArray(tuple(`__split`, `sum(bytes)`)) AS `__h0`
      FROM (
        SELECT CAST(`fields`.`status` AS Nullable(String)) AS `status`, if(not(ifNull(coalesce(`host`, {p4:String}) IN (SELECT `__split` FROM (
          SELECT `__split`, `__rank`
          FROM (
            SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h2`, `__rank` AS `__h3`, isNull(`__split`) AS `__h4`, `__split` AS `__h5`
            FROM (
              SELECT `__split`, maxOrNull(`sum(bytes)`) AS `__rank`
              FROM (
                SELECT CAST(`fields`.`status` AS Nullable(String)) AS `status`, coalesce(`host`, {p4:String}) AS `__split`, sumOrNull(toFloat64OrNull(CAST(`fields`.`bytes` AS Nullable(String)))) AS `sum(bytes)`
                FROM `logs`
                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String}) AND isNotNull(CAST(`fields`.`status` AS Nullable(String)))
                GROUP BY `status`, `__split`
              )
              WHERE isNotNull(`__split`)
              GROUP BY `__split`
            )
            ORDER BY `__h2` ASC, `__h3` ASC, `__h4` ASC, `__h5` ASC
            LIMIT 3
          )
        ) LIMIT 3), false)), coalesce(`host`, {p4:String}), {p5:String}) AS `__split`, sumOrNull(toFloat64OrNull(CAST(`fields`.`bytes` AS Nullable(String)))) AS `sum(bytes)`
        FROM `logs`
        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String}) AND isNotNull(CAST(`fields`.`status` AS Nullable(String)))
        GROUP BY `status`, `__split`
      )
      GROUP BY `status`
    )
  )
)
ORDER BY `status` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
