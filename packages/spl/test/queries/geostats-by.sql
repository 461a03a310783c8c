SELECT `geobin`, `latitude`, `longitude`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`
FROM (
  SELECT `geobin`, `latitude`, `longitude`, `_series`, `geostats__key` AS `__h13`
  FROM (
    SELECT `geostats__key`, `geobin`, `latitude`, `longitude`, mapFilter((k, v) -> multiIf(match(k, {p12:String}), 1, 0) = 0, `_series`) AS `_series`
    FROM (
      SELECT `geostats__key`, `geobin`, `latitude`, mapFilter((k, v) -> multiIf(match(k, {p11:String}), 1, 0) = 0, `_series`) AS `_series`, toFloat64OrNull(if(toInt64(2) >= length(if(isNull(`geostats__key`), CAST([] AS Array(Nullable(String))), CAST(splitByString({p7:String}, assumeNotNull(`geostats__key`)) AS Array(Nullable(String))))) OR -toInt64(2) > length(if(isNull(`geostats__key`), CAST([] AS Array(Nullable(String))), CAST(splitByString({p7:String}, assumeNotNull(`geostats__key`)) AS Array(Nullable(String))))), NULL, arrayElement(if(isNull(`geostats__key`), CAST([] AS Array(Nullable(String))), CAST(splitByString({p7:String}, assumeNotNull(`geostats__key`)) AS Array(Nullable(String)))), if(toInt64(2) >= 0, toInt64(2) + 1, toInt64(2))))) AS `longitude`
      FROM (
        SELECT `geostats__key`, if(toInt64(0) >= length(if(isNull(`geostats__key`), CAST([] AS Array(Nullable(String))), CAST(splitByString({p7:String}, assumeNotNull(`geostats__key`)) AS Array(Nullable(String))))) OR -toInt64(0) > length(if(isNull(`geostats__key`), CAST([] AS Array(Nullable(String))), CAST(splitByString({p7:String}, assumeNotNull(`geostats__key`)) AS Array(Nullable(String))))), NULL, arrayElement(if(isNull(`geostats__key`), CAST([] AS Array(Nullable(String))), CAST(splitByString({p7:String}, assumeNotNull(`geostats__key`)) AS Array(Nullable(String)))), if(toInt64(0) >= 0, toInt64(0) + 1, toInt64(0)))) AS `geobin`, mapFilter((k, v) -> multiIf(match(k, {p10:String}), 1, 0) = 0, `_series`) AS `_series`, toFloat64OrNull(if(toInt64(1) >= length(if(isNull(`geostats__key`), CAST([] AS Array(Nullable(String))), CAST(splitByString({p7:String}, assumeNotNull(`geostats__key`)) AS Array(Nullable(String))))) OR -toInt64(1) > length(if(isNull(`geostats__key`), CAST([] AS Array(Nullable(String))), CAST(splitByString({p7:String}, assumeNotNull(`geostats__key`)) AS Array(Nullable(String))))), NULL, arrayElement(if(isNull(`geostats__key`), CAST([] AS Array(Nullable(String))), CAST(splitByString({p7:String}, assumeNotNull(`geostats__key`)) AS Array(Nullable(String)))), if(toInt64(1) >= 0, toInt64(1) + 1, toInt64(1))))) AS `latitude`
        FROM (
          SELECT `geostats__key`, mapFromArrays(`__h1`, arrayMap(l -> `__h12`[l], `__h1`)) AS `_series`
          FROM (
            SELECT `geostats__key`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h0`)) AS `__h12`, arraySort(l -> (indexOf([{p8:String}, {p9:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h0`)) OVER ()) AS `__h1`
            FROM (
              SELECT `geostats__key`, groupArray(tuple(`__split`, `avg(bytes)`)) AS `__h0`
              FROM (
                SELECT `geostats__key`, if(ifNull(coalesce(`host`, {p8:String}) IN (SELECT `__split` FROM (
                  SELECT `__split`, `__rank`
                  FROM (
                    SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h8`, `__rank` AS `__h9`, isNull(`__split`) AS `__h10`, `__split` AS `__h11`
                    FROM (
                      SELECT `__split`, sumOrNull(`avg(bytes)`) AS `__rank`
                      FROM (
                        SELECT `geostats__key`, coalesce(`host`, {p8:String}) AS `__split`, avgOrNull(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String)))) AS `avg(bytes)`
                        FROM (
                          SELECT `_time`, `host`, `_fields.bytes`, `__h5`, `__h6`, `__h7`, concat(concat(concat(concat(concat(concat(concat(concat(concat({p4:String}, toString(`geostats__zl`)), {p5:String}), toString(`geostats__y`)), {p6:String}), toString(`geostats__x`)), {p7:String}), toString(`geostats__la`)), {p7:String}), toString(`geostats__lo`)) AS `geostats__key`
                          FROM (
                            SELECT `_time`, `host`, `_fields.bytes`, `__h5`, `__h6`, `__h7`, `geostats__zl`, `geostats__y`, `geostats__x`, if(isNull(`geostats__zl`) OR isNull(`geostats__y`) OR isNull(`geostats__x`), NULL, avgOrNull(`geostats__lat`) OVER (PARTITION BY `geostats__zl`, `geostats__y`, `geostats__x`)) AS `geostats__la`, if(isNull(`geostats__zl`) OR isNull(`geostats__y`) OR isNull(`geostats__x`), NULL, avgOrNull(`geostats__lon`) OVER (PARTITION BY `geostats__zl`, `geostats__y`, `geostats__x`)) AS `geostats__lo`
                            FROM (
                              SELECT `_time`, `host`, `_fields.bytes`, `geostats__lat`, `geostats__lon`, `__h5`, `__h6`, `__h7`, `geostats__zl`, floor(((`geostats__lat` + 90) / nullIf((toFloat64(22.5) / nullIf(pow(2, `geostats__zl`), 0)), 0))) AS `geostats__y`, floor(((`geostats__lon` + 180) / nullIf((45 / nullIf(pow(2, `geostats__zl`), 0)), 0))) AS `geostats__x`
                              FROM (
                                SELECT `_time`, `host`, `_fields.bytes`, `geostats__lat`, `geostats__lon`, `__h5`, `__h6`, `__h7`, toFloat64OrNull(`geostats__zl`) AS `geostats__zl`
                                FROM (
                                  SELECT `_time`, `host`, `_fields.bytes`, `geostats__lat`, `geostats__lon`, `geostats__zl` AS `__h5`, arrayJoin(if(empty(`__h5`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h5`, arrayEnumerate(`__h5`)))) AS `__h6`, tupleElement(`__h6`, 2) AS `geostats__zl`, tupleElement(`__h6`, 1) AS `__h7`
                                  FROM (
                                    SELECT `_time`, `host`, `_fields.bytes`, `geostats__zl`, `geostats__lat`, `geostats__lon`
                                    FROM (
                                      SELECT `_time`, `host`, `_fields.bytes`, if(isNull(toUInt64(least(greatest(ceil((2 - 0) / nullIf(1, 0)), 0), 10000))), CAST([] AS Array(Nullable(String))), CAST(arrayMap(i -> toString(0 + i * 1), range(assumeNotNull(toUInt64(least(greatest(ceil((2 - 0) / nullIf(1, 0)), 0), 10000))))) AS Array(Nullable(String)))) AS `geostats__zl`, toFloat64OrNull(if(startsWith(dynamicType(`_fields`.`lat`), 'Array'), arrayElement(JSONExtract(ifNull(toJSONString(`_fields`.`lat`), '[]'), 'Array(Nullable(String))'), 1), CAST(`_fields`.`lat` AS Nullable(String)))) AS `geostats__lat`, toFloat64OrNull(if(startsWith(dynamicType(`_fields`.`lon`), 'Array'), arrayElement(JSONExtract(ifNull(toJSONString(`_fields`.`lon`), '[]'), 'Array(Nullable(String))'), 1), CAST(`_fields`.`lon` AS Nullable(String)))) AS `geostats__lon`
                                      FROM (
                                        SELECT `_time`, `host`, `fields`.`lat` AS `_fields.lat`, `fields`.`lon` AS `_fields.lon`, `fields`.`bytes` AS `_fields.bytes`
                                        FROM `logs`
                                        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                                      )
                                    )
                                    WHERE and(isNotNull(`geostats__lat`), isNotNull(`geostats__lon`))
                                  )
                                )
                              )
                            )
                          )
                        )
                        WHERE isNotNull(`geostats__key`)
                        GROUP BY `geostats__key`, `__split`
                      )
                      WHERE isNotNull(`__split`)
                      GROUP BY `__split`
                    )
                    ORDER BY `__h8` ASC, `__h9` DESC, `__h10` ASC, `__h11` ASC
                    LIMIT 5
                  )
                ) LIMIT 5), false), coalesce(`host`, {p8:String}), {p9:String}) AS `__split`, avgOrNull(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String)))) AS `avg(bytes)`
                FROM (
                  SELECT `_time`, `host`, `_fields.bytes`, `__h2`, `__h3`, `__h4`, concat(concat(concat(concat(concat(concat(concat(concat(concat({p4:String}, toString(`geostats__zl`)), {p5:String}), toString(`geostats__y`)), {p6:String}), toString(`geostats__x`)), {p7:String}), toString(`geostats__la`)), {p7:String}), toString(`geostats__lo`)) AS `geostats__key`
                  FROM (
                    SELECT `_time`, `host`, `_fields.bytes`, `__h2`, `__h3`, `__h4`, `geostats__zl`, `geostats__y`, `geostats__x`, if(isNull(`geostats__zl`) OR isNull(`geostats__y`) OR isNull(`geostats__x`), NULL, avgOrNull(`geostats__lat`) OVER (PARTITION BY `geostats__zl`, `geostats__y`, `geostats__x`)) AS `geostats__la`, if(isNull(`geostats__zl`) OR isNull(`geostats__y`) OR isNull(`geostats__x`), NULL, avgOrNull(`geostats__lon`) OVER (PARTITION BY `geostats__zl`, `geostats__y`, `geostats__x`)) AS `geostats__lo`
                    FROM (
                      SELECT `_time`, `host`, `_fields.bytes`, `geostats__lat`, `geostats__lon`, `__h2`, `__h3`, `__h4`, `geostats__zl`, floor(((`geostats__lat` + 90) / nullIf((toFloat64(22.5) / nullIf(pow(2, `geostats__zl`), 0)), 0))) AS `geostats__y`, floor(((`geostats__lon` + 180) / nullIf((45 / nullIf(pow(2, `geostats__zl`), 0)), 0))) AS `geostats__x`
                      FROM (
                        SELECT `_time`, `host`, `_fields.bytes`, `geostats__lat`, `geostats__lon`, `__h2`, `__h3`, `__h4`, toFloat64OrNull(`geostats__zl`) AS `geostats__zl`
                        FROM (
                          SELECT `_time`, `host`, `_fields.bytes`, `geostats__lat`, `geostats__lon`, `geostats__zl` AS `__h2`, arrayJoin(if(empty(`__h2`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h2`, arrayEnumerate(`__h2`)))) AS `__h3`, tupleElement(`__h3`, 2) AS `geostats__zl`, tupleElement(`__h3`, 1) AS `__h4`
                          FROM (
                            SELECT `_time`, `host`, `_fields.bytes`, `geostats__zl`, `geostats__lat`, `geostats__lon`
                            FROM (
                              SELECT `_time`, `host`, `_fields.bytes`, if(isNull(toUInt64(least(greatest(ceil((2 - 0) / nullIf(1, 0)), 0), 10000))), CAST([] AS Array(Nullable(String))), CAST(arrayMap(i -> toString(0 + i * 1), range(assumeNotNull(toUInt64(least(greatest(ceil((2 - 0) / nullIf(1, 0)), 0), 10000))))) AS Array(Nullable(String)))) AS `geostats__zl`, toFloat64OrNull(if(startsWith(dynamicType(`_fields`.`lat`), 'Array'), arrayElement(JSONExtract(ifNull(toJSONString(`_fields`.`lat`), '[]'), 'Array(Nullable(String))'), 1), CAST(`_fields`.`lat` AS Nullable(String)))) AS `geostats__lat`, toFloat64OrNull(if(startsWith(dynamicType(`_fields`.`lon`), 'Array'), arrayElement(JSONExtract(ifNull(toJSONString(`_fields`.`lon`), '[]'), 'Array(Nullable(String))'), 1), CAST(`_fields`.`lon` AS Nullable(String)))) AS `geostats__lon`
                              FROM (
                                SELECT `_time`, `host`, `fields`.`lat` AS `_fields.lat`, `fields`.`lon` AS `_fields.lon`, `fields`.`bytes` AS `_fields.bytes`
                                FROM `logs`
                                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                              )
                            )
                            WHERE and(isNotNull(`geostats__lat`), isNotNull(`geostats__lon`))
                          )
                        )
                      )
                    )
                  )
                )
                WHERE isNotNull(`geostats__key`)
                GROUP BY `geostats__key`, `__split`
              )
              GROUP BY `geostats__key`
            )
          )
        )
      )
    )
  )
)
ORDER BY `__h13` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
