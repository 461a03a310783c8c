SELECT `tags`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`
FROM (
  SELECT `tags`, mapFromArrays(`__h1`, arrayMap(l -> ifNull(`__h10`[l], 0), `__h1`)) AS `_series`
  FROM (
    SELECT `tags`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h0`)) AS `__h10`, arraySort(l -> (indexOf([{p5:String}, {p6:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h0`)) OVER ()) AS `__h1`
    FROM (
      SELECT `tags`, groupArray(tuple(`__split`, `count`)) AS `__h0`
      FROM (
        SELECT `tags`, if(ifNull(coalesce(`labels`, {p5:String}) IN (SELECT `__split` FROM (
          SELECT `__split`, `__rank`
          FROM (
            SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h6`, `__rank` AS `__h7`, isNull(`__split`) AS `__h8`, `__split` AS `__h9`
            FROM (
              SELECT coalesce(`labels`, {p5:String}) AS `__split`, count() AS `__rank`
              FROM (
                SELECT `_time`, `__h4`, `tags`, if(startsWith(dynamicType(`_fields`.`labels`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`labels`), '[]'), 'Array(Nullable(String))'), [toNullable(toString(CAST(`_fields`.`labels` AS Nullable(String))))]) AS `__h5`, arrayJoin(if(empty(`__h5`), [CAST(NULL AS Nullable(String))], `__h5`)) AS `labels`
                FROM (
                  SELECT `_time`, `_fields.labels`, `tags` AS `__h4`, arrayJoin(if(empty(`__h4`), [CAST(NULL AS Nullable(String))], `__h4`)) AS `tags`
                  FROM (
                    SELECT `_time`, `_fields.labels`, arrayFilter(v -> ifNull(v, '') != '', if(isNull(CAST(`_fields`.`tags` AS Nullable(String))), CAST([] AS Array(Nullable(String))), CAST(splitByString({p4:String}, assumeNotNull(CAST(`_fields`.`tags` AS Nullable(String)))) AS Array(Nullable(String))))) AS `tags`
                    FROM (
                      SELECT `_time`, `fields`.`tags` AS `_fields.tags`, `fields`.`labels` AS `_fields.labels`
                      FROM `logs`
                      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                    )
                  )
                )
              )
              WHERE isNotNull(`tags`)
              GROUP BY `__split`
            )
            ORDER BY `__h6` ASC, `__h7` DESC, `__h8` ASC, `__h9` ASC
            LIMIT 10
          )
        ) LIMIT 10), false), coalesce(`labels`, {p5:String}), {p6:String}) AS `__split`, count() AS `count`
        FROM (
          SELECT `_time`, `__h2`, `tags`, if(startsWith(dynamicType(`_fields`.`labels`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`labels`), '[]'), 'Array(Nullable(String))'), [toNullable(toString(CAST(`_fields`.`labels` AS Nullable(String))))]) AS `__h3`, arrayJoin(if(empty(`__h3`), [CAST(NULL AS Nullable(String))], `__h3`)) AS `labels`
          FROM (
            SELECT `_time`, `_fields.labels`, `tags` AS `__h2`, arrayJoin(if(empty(`__h2`), [CAST(NULL AS Nullable(String))], `__h2`)) AS `tags`
            FROM (
              SELECT `_time`, `_fields.labels`, arrayFilter(v -> ifNull(v, '') != '', if(isNull(CAST(`_fields`.`tags` AS Nullable(String))), CAST([] AS Array(Nullable(String))), CAST(splitByString({p4:String}, assumeNotNull(CAST(`_fields`.`tags` AS Nullable(String)))) AS Array(Nullable(String))))) AS `tags`
              FROM (
                SELECT `_time`, `fields`.`tags` AS `_fields.tags`, `fields`.`labels` AS `_fields.labels`
                FROM `logs`
                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
              )
            )
          )
        )
        WHERE isNotNull(`tags`)
        GROUP BY `tags`, `__split`
      )
      GROUP BY `tags`
    )
  )
)
ORDER BY `tags` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
