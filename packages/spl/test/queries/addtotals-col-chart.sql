SELECT `host`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`, `Sum`
FROM (
  SELECT `host`, `_series`, `Sum`, `__h0`, `__h1`
  FROM (
    SELECT `host`, `_series`, toFloat64(`Sum`) AS `Sum`, 0 AS `__h0`, row_number() OVER (ORDER BY `host` ASC) AS `__h1`
    FROM (
      SELECT `host`, `_series`, `Sum`
      FROM (
        SELECT `host`, `_series`, arrayReduce('sumOrNull', [toNullable(toFloat64(toFloat64OrNull(`host`))), toNullable(toFloat64(if(arrayCount(x -> isNotNull(x), mapValues(`_series`)) = 0, NULL, arraySum(x -> ifNull(x, 0), mapValues(`_series`)))))]) AS `Sum`
        FROM (
          SELECT `host`, mapFromArrays(`__h3`, arrayMap(l -> `__h8`[l], `__h3`)) AS `_series`
          FROM (
            SELECT `host`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h2`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h2`)) AS `__h8`, arraySort(l -> (indexOf([{p4:String}, {p5:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h2`)) OVER ()) AS `__h3`
            FROM (
              SELECT `host`, groupArray(tuple(`__split`, `sum(bytes)`)) AS `__h2`
              FROM (
                SELECT `host`, if(ifNull(coalesce(CAST(`fields`.`status` AS Nullable(String)), {p4:String}) IN (SELECT `__split` FROM (
                  SELECT `__split`, `__rank`
                  FROM (
                    SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h4`, `__rank` AS `__h5`, isNull(`__split`) AS `__h6`, `__split` AS `__h7`
                    FROM (
                      SELECT coalesce(CAST(`fields`.`status` AS Nullable(String)), {p4:String}) AS `__split`, sumOrNull(toFloat64OrNull(CAST(`fields`.`bytes` AS Nullable(String)))) AS `__rank`
                      FROM `logs`
                      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                      GROUP BY `__split`
                    )
                    ORDER BY `__h4` ASC, `__h5` DESC, `__h6` ASC, `__h7` ASC
                    LIMIT 10
                  )
                ) LIMIT 10), false), coalesce(CAST(`fields`.`status` AS Nullable(String)), {p4:String}), {p5:String}) AS `__split`, sumOrNull(toFloat64OrNull(CAST(`fields`.`bytes` AS Nullable(String)))) AS `sum(bytes)`
                FROM `logs`
                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                GROUP BY `host`, `__split`
              )
              GROUP BY `host`
            )
          )
        )
      )
    )
    UNION ALL
    SELECT `host`, `_series`, toFloat64(`Sum`) AS `Sum`, 1 AS `__h0`, row_number() OVER () AS `__h1`
    FROM (
      SELECT `host`, `_series`, `Sum`
      FROM (
        SELECT `Sum`, `_series`, {p6:String} AS `host`
        FROM (
          SELECT sumOrNull(`Sum`) AS `Sum`, sumMap(`_series`) AS `_series`
          FROM (
            SELECT `host`, `_series`, arrayReduce('sumOrNull', [toNullable(toFloat64(toFloat64OrNull(`host`))), toNullable(toFloat64(if(arrayCount(x -> isNotNull(x), mapValues(`_series`)) = 0, NULL, arraySum(x -> ifNull(x, 0), mapValues(`_series`)))))]) AS `Sum`
            FROM (
              SELECT `host`, mapFromArrays(`__h10`, arrayMap(l -> `__h15`[l], `__h10`)) AS `_series`
              FROM (
                SELECT `host`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h9`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h9`)) AS `__h15`, arraySort(l -> (indexOf([{p4:String}, {p5:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h9`)) OVER ()) AS `__h10`
                FROM (
                  SELECT `host`, groupArray(tuple(`__split`, `sum(bytes)`)) AS `__h9`
                  FROM (
                    SELECT `host`, if(ifNull(coalesce(CAST(`fields`.`status` AS Nullable(String)), {p4:String}) IN (SELECT `__split` FROM (
                      SELECT `__split`, `__rank`
                      FROM (
                        SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h11`, `__rank` AS `__h12`, isNull(`__split`) AS `__h13`, `__split` AS `__h14`
                        FROM (
                          SELECT coalesce(CAST(`fields`.`status` AS Nullable(String)), {p4:String}) AS `__split`, sumOrNull(toFloat64OrNull(CAST(`fields`.`bytes` AS Nullable(String)))) AS `__rank`
                          FROM `logs`
                          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                          GROUP BY `__split`
                        )
                        ORDER BY `__h11` ASC, `__h12` DESC, `__h13` ASC, `__h14` ASC
                        LIMIT 10
                      )
                    ) LIMIT 10), false), coalesce(CAST(`fields`.`status` AS Nullable(String)), {p4:String}), {p5:String}) AS `__split`, sumOrNull(toFloat64OrNull(CAST(`fields`.`bytes` AS Nullable(String)))) AS `sum(bytes)`
                    FROM `logs`
                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                    GROUP BY `host`, `__split`
                  )
                  GROUP BY `host`
                )
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
