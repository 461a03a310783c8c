SELECT `_time`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`
FROM (
  SELECT `_time`, mapFromArrays(`__h1`, arrayMap(l -> ifNull(`__h8`[l], 0), `__h1`)) AS `_series`
  FROM (
    SELECT `_time`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h0`)) AS `__h8`, arraySort(l -> (indexOf([{p5:String}, {p6:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h0`)) OVER ()) AS `__h1`
    FROM (
      SELECT `_time`, groupArray(tuple(`__split`, `count`)) AS `__h0`
      FROM (
        SELECT `_time`, if(ifNull(coalesce(`host`, {p5:String}) IN (SELECT `__split` FROM (
          SELECT `__split`, `__rank`
          FROM (
            SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h4`, `__rank` AS `__h5`, isNull(`__split`) AS `__h6`, `__split` AS `__h7`
            FROM (
              SELECT coalesce(`host`, {p5:String}) AS `__split`, count() AS `__rank`
              FROM (
                SELECT `host`, `_time` AS `__h3`, toDateTime64(toStartOfHour(`_time`, {p4:String}), 3, 'UTC') AS `_time`
                FROM (
                  SELECT `_time`, `host`
                  FROM `logs`
                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                )
              )
              WHERE isNotNull(`_time`)
              GROUP BY `__split`
            )
            ORDER BY `__h4` ASC, `__h5` DESC, `__h6` ASC, `__h7` ASC
            LIMIT 10
          )
        ) LIMIT 10), false), coalesce(`host`, {p5:String}), {p6:String}) AS `__split`, count() AS `count`
        FROM (
          SELECT `host`, `_time` AS `__h2`, toDateTime64(toStartOfHour(`_time`, {p4:String}), 3, 'UTC') AS `_time`
          FROM (
            SELECT `_time`, `host`
            FROM `logs`
            WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
          )
        )
        WHERE isNotNull(`_time`)
        GROUP BY `_time`, `__split`
      )
      GROUP BY `_time`
      ORDER BY `_time` ASC WITH FILL STEP INTERVAL 1 HOUR
    )
  )
)
ORDER BY `_time` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
