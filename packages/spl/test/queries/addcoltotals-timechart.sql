SELECT `_time`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`, `kind`
FROM (
  SELECT `_time`, `_series`, `kind`, `__h0`, `__h1`
  FROM (
    SELECT `_time`, `_series`, `kind`, 0 AS `__h0`, row_number() OVER (ORDER BY `_time` ASC) AS `__h1`
    FROM (
      SELECT `_time`, `_series`, NULL AS `kind`
      FROM (
        SELECT `_time`, mapFromArrays(`__h3`, arrayMap(l -> `__h14`[l], `__h3`)) AS `_series`
        FROM (
          SELECT `_time`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h2`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h2`)) AS `__h14`, arraySort(l -> (indexOf([{p5:String}, {p6:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h2`)) OVER ()) AS `__h3`
          FROM (
            SELECT `_time`, groupArray(tuple(`__split`, `avg(bytes)`)) AS `__h2`
            FROM (
              SELECT toDateTime64(`__h11`, 3, 'UTC') AS `_time`, `__h12` AS `__split`, `__h13` AS `avg(bytes)`
              FROM (
                SELECT toStartOfHour(`_time`, {p4:String}) AS `__h11`, if(ifNull(coalesce(`host`, {p5:String}) IN (SELECT `__split` FROM (
                  SELECT `__split`, `__rank`
                  FROM (
                    SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h7`, `__rank` AS `__h8`, isNull(`__split`) AS `__h9`, `__split` AS `__h10`
                    FROM (
                      SELECT `__split`, sumOrNull(`avg(bytes)`) AS `__rank`
                      FROM (
                        SELECT toDateTime64(`__h4`, 3, 'UTC') AS `_time`, `__h5` AS `__split`, `__h6` AS `avg(bytes)`
                        FROM (
                          SELECT toStartOfHour(`_time`, {p4:String}) AS `__h4`, coalesce(`host`, {p5:String}) AS `__h5`, avgOrNull(toFloat64OrNull(CAST(`fields`.`bytes` AS Nullable(String)))) AS `__h6`
                          FROM `logs`
                          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                          GROUP BY `__h4`, `__h5`
                        )
                      )
                      WHERE isNotNull(`__split`)
                      GROUP BY `__split`
                    )
                    ORDER BY `__h7` ASC, `__h8` DESC, `__h9` ASC, `__h10` ASC
                    LIMIT 10
                  )
                ) LIMIT 10), false), coalesce(`host`, {p5:String}), {p6:String}) AS `__h12`, avgOrNull(toFloat64OrNull(CAST(`fields`.`bytes` AS Nullable(String)))) AS `__h13`
                FROM `logs`
                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                GROUP BY `__h11`, `__h12`
              )
            )
            GROUP BY `_time`
            ORDER BY `_time` ASC WITH FILL FROM toDateTime64(toStartOfInterval(fromUnixTimestamp64Milli({p1:Int64}, {p4:String}), INTERVAL 1 HOUR, {p4:String}), 3, 'UTC') TO fromUnixTimestamp64Milli({p2:Int64}, 'UTC') STEP INTERVAL 1 HOUR
          )
        )
      )
    )
    UNION ALL
    SELECT `_time`, `_series`, `kind`, 1 AS `__h0`, row_number() OVER () AS `__h1`
    FROM (
      SELECT NULL AS `_time`, `_series`, `kind`
      FROM (
        SELECT `_series`, {p8:String} AS `kind`
        FROM (
          SELECT sumMap(mapFromArrays(arrayMap(i -> mapKeys(`_series`)[i], arraySort(i -> (multiIf(match(mapKeys(`_series`)[i], {p7:String}), 1, 0), i), arrayFilter(i -> multiIf(match(mapKeys(`_series`)[i], {p7:String}), 1, 0) > 0, arrayEnumerate(mapKeys(`_series`))))), arrayMap(i -> mapValues(`_series`)[i], arraySort(i -> (multiIf(match(mapKeys(`_series`)[i], {p7:String}), 1, 0), i), arrayFilter(i -> multiIf(match(mapKeys(`_series`)[i], {p7:String}), 1, 0) > 0, arrayEnumerate(mapKeys(`_series`))))))) AS `_series`
          FROM (
            SELECT `_time`, mapFromArrays(`__h16`, arrayMap(l -> `__h27`[l], `__h16`)) AS `_series`
            FROM (
              SELECT `_time`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h15`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h15`)) AS `__h27`, arraySort(l -> (indexOf([{p5:String}, {p6:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h15`)) OVER ()) AS `__h16`
              FROM (
                SELECT `_time`, groupArray(tuple(`__split`, `avg(bytes)`)) AS `__h15`
                FROM (
                  SELECT toDateTime64(`__h24`, 3, 'UTC') AS `_time`, `__h25` AS `__split`, `__h26` AS `avg(bytes)`
                  FROM (
                    SELECT toStartOfHour(`_time`, {p4:String}) AS `__h24`, if(ifNull(coalesce(`host`, {p5:String}) IN (SELECT `__split` FROM (
                      SELECT `__split`, `__rank`
                      FROM (
                        SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h20`, `__rank` AS `__h21`, isNull(`__split`) AS `__h22`, `__split` AS `__h23`
                        FROM (
                          SELECT `__split`, sumOrNull(`avg(bytes)`) AS `__rank`
                          FROM (
                            SELECT toDateTime64(`__h17`, 3, 'UTC') AS `_time`, `__h18` AS `__split`, `__h19` AS `avg(bytes)`
                            FROM (
                              SELECT toStartOfHour(`_time`, {p4:String}) AS `__h17`, coalesce(`host`, {p5:String}) AS `__h18`, avgOrNull(toFloat64OrNull(CAST(`fields`.`bytes` AS Nullable(String)))) AS `__h19`
                              FROM `logs`
                              WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                              GROUP BY `__h17`, `__h18`
                            )
                          )
                          WHERE isNotNull(`__split`)
                          GROUP BY `__split`
                        )
                        ORDER BY `__h20` ASC, `__h21` DESC, `__h22` ASC, `__h23` ASC
                        LIMIT 10
                      )
                    ) LIMIT 10), false), coalesce(`host`, {p5:String}), {p6:String}) AS `__h25`, avgOrNull(toFloat64OrNull(CAST(`fields`.`bytes` AS Nullable(String)))) AS `__h26`
                    FROM `logs`
                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                    GROUP BY `__h24`, `__h25`
                  )
                )
                GROUP BY `_time`
                ORDER BY `_time` ASC WITH FILL FROM toDateTime64(toStartOfInterval(fromUnixTimestamp64Milli({p1:Int64}, {p4:String}), INTERVAL 1 HOUR, {p4:String}), 3, 'UTC') TO fromUnixTimestamp64Milli({p2:Int64}, 'UTC') STEP INTERVAL 1 HOUR
              )
            )
          )
        )
      )
    )
  )
)
ORDER BY `__h0` ASC, `__h1` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
