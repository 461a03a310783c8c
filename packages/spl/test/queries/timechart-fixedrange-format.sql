SELECT `_time`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`
FROM (
  SELECT `_time`, mapFromArrays(arrayConcat(arrayMap(l -> replaceAll({p7:String}, {p8:String}, l), `__h1`), arrayMap(l -> replaceAll({p9:String}, {p8:String}, l), `__h1`)), arrayConcat(arrayMap(l -> ifNull(`__h10`[l], 0), `__h1`), arrayMap(l -> `__h11`[l], `__h1`))) AS `_series`
  FROM (
    SELECT `_time`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h0`)) AS `__h10`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 3))), `__h0`)) AS `__h11`, arraySort(l -> (indexOf([{p5:String}, {p6:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h0`)) OVER ()) AS `__h1`
    FROM (
      SELECT `_time`, groupArray(tuple(`__split`, `count`, `avg(bytes)`)) AS `__h0`
      FROM (
        SELECT toDateTime64(`__h6`, 3, 'UTC') AS `_time`, `__h7` AS `__split`, `__h8` AS `count`, `__h9` AS `avg(bytes)`
        FROM (
          SELECT toStartOfHour(`_time`, {p4:String}) AS `__h6`, if(ifNull(coalesce(`host`, {p5:String}) IN (SELECT `__split` FROM (
            SELECT `__split`, `__rank`
            FROM (
              SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h2`, `__rank` AS `__h3`, isNull(`__split`) AS `__h4`, `__split` AS `__h5`
              FROM (
                SELECT coalesce(`host`, {p5:String}) AS `__split`, count() AS `__rank`
                FROM `logs`
                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                GROUP BY `__split`
              )
              ORDER BY `__h2` ASC, `__h3` DESC, `__h4` ASC, `__h5` ASC
              LIMIT 10
            )
          ) LIMIT 10), false), coalesce(`host`, {p5:String}), {p6:String}) AS `__h7`, count() AS `__h8`, avgOrNull(toFloat64OrNull(CAST(`fields`.`bytes` AS Nullable(String)))) AS `__h9`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
          GROUP BY `__h6`, `__h7`
        )
      )
      GROUP BY `_time`
      ORDER BY `_time` ASC WITH FILL STEP INTERVAL 1 HOUR
    )
  )
)
ORDER BY `_time` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
