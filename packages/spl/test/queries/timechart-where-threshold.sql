SELECT `_time`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`
FROM (
  SELECT `_time`, mapFromArrays(`__h1`, arrayMap(l -> `__h8`[l], `__h1`)) AS `_series`
  FROM (
    SELECT `_time`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h0`)) AS `__h8`, arraySort(l -> (indexOf([{p5:String}, {p6:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h0`)) OVER ()) AS `__h1`
    FROM (
      SELECT `_time`, groupArray(tuple(`__split`, `avg(bytes)`)) AS `__h0`
      FROM (
        SELECT toDateTime64(`__h5`, 3, 'UTC') AS `_time`, `__h6` AS `__split`, `__h7` AS `avg(bytes)`
        FROM (
          SELECT toStartOfHour(`_time`, {p4:String}) AS `__h5`, coalesce(`host`, {p5:String}) AS `__h6`, avgOrNull(toFloat64OrNull(CAST(`fields`.`bytes` AS Nullable(String)))) AS `__h7`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String}) AND ifNull(coalesce(`host`, {p5:String}) IN (SELECT `__split` FROM (
            SELECT `__split`, `__rank`
            FROM (
              SELECT `__split`, `__rank`
              FROM (
                SELECT `__split`, sumOrNull(`avg(bytes)`) AS `__rank`
                FROM (
                  SELECT toDateTime64(`__h2`, 3, 'UTC') AS `_time`, `__h3` AS `__split`, `__h4` AS `avg(bytes)`
                  FROM (
                    SELECT toStartOfHour(`_time`, {p4:String}) AS `__h2`, coalesce(`host`, {p5:String}) AS `__h3`, avgOrNull(toFloat64OrNull(CAST(`fields`.`bytes` AS Nullable(String)))) AS `__h4`
                    FROM `logs`
                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                    GROUP BY `__h2`, `__h3`
                  )
                )
                WHERE isNotNull(`__split`)
                GROUP BY `__split`
              )
              WHERE (`__rank` > 1000)
            )
          )), false)
          GROUP BY `__h5`, `__h6`
        )
      )
      GROUP BY `_time`
      ORDER BY `_time` ASC WITH FILL FROM toDateTime64(toStartOfInterval(fromUnixTimestamp64Milli({p1:Int64}, {p4:String}), INTERVAL 1 HOUR, {p4:String}), 3, 'UTC') TO fromUnixTimestamp64Milli({p2:Int64}, 'UTC') STEP INTERVAL 1 HOUR
    )
  )
)
ORDER BY `_time` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
