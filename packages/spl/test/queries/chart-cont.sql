SELECT `size`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`
FROM (
  SELECT `size`, `_series`, `__nexus_bin_index` AS `__h9`, `__h8` AS `__h10`
  FROM (
    SELECT `__nexus_bin_index`, `_series`, `size` AS `__h8`, coalesce(`size`, if(isNull(((`__nexus_bin_index` + toFloat64(0.5)) * 100)), NULL, concat(toString((floor(((`__nexus_bin_index` + toFloat64(0.5)) * 100) / 100) * 100)), '-', toString((floor(((`__nexus_bin_index` + toFloat64(0.5)) * 100) / 100) * 100) + 100)))) AS `size`
    FROM (
      SELECT `__nexus_bin_index`, `size`, mapFromArrays(arrayConcat(arrayMap(l -> concat({p9:String}, {p10:String}, l), `__h1`), arrayMap(l -> concat({p11:String}, {p10:String}, l), `__h1`)), arrayConcat(arrayMap(l -> ifNull(`__h6`[l], 0), `__h1`), arrayMap(l -> `__h7`[l], `__h1`))) AS `_series`
      FROM (
        SELECT `__nexus_bin_index`, `size`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h0`)) AS `__h6`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 3))), `__h0`)) AS `__h7`, arraySort(l -> (indexOf([{p4:String}, {p5:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h0`)) OVER ()) AS `__h1`
        FROM (
          SELECT `__nexus_bin_index`, `size`, groupArray(tuple(`__split`, `count`, `avg(delay)`)) AS `__h0`
          FROM (
            SELECT `__nexus_bin_index`, `size`, if(ifNull(coalesce(`host`, {p4:String}) IN (SELECT `__split` FROM (
              SELECT `__split`, `__rank`
              FROM (
                SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h2`, `__rank` AS `__h3`, isNull(`__split`) AS `__h4`, `__split` AS `__h5`
                FROM (
                  SELECT coalesce(`host`, {p4:String}) AS `__split`, count() AS `__rank`
                  FROM (
                    SELECT `_time`, `host`, `_fields.delay`, if(true, toFloat64(coalesce(toFloat64(floor((toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String))) / nullIf(100, 0)))), toFloat64(11))), toFloat64(NULL)) AS `__nexus_bin_index`, if(isNull(toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String)))), CAST(`_fields`.`size` AS Nullable(String)), if(isNull(toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String)))), NULL, concat(toString((floor(toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String))) / 100) * 100)), '-', toString((floor(toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String))) / 100) * 100) + 100)))) AS `size`
                    FROM (
                      SELECT `_time`, `host`, `fields`.`size` AS `_fields.size`, `fields`.`delay` AS `_fields.delay`
                      FROM `logs`
                      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String}) AND or(isNull(toFloat64OrNull(CAST(`fields`.`size` AS Nullable(String)))), and((toFloat64OrNull(CAST(`fields`.`size` AS Nullable(String))) >= 0), (toFloat64OrNull(CAST(`fields`.`size` AS Nullable(String))) <= 1000)))
                    )
                  )
                  WHERE isNotNull(`size`)
                  GROUP BY `__split`
                )
                ORDER BY `__h2` ASC, `__h3` DESC, `__h4` ASC, `__h5` ASC
                LIMIT 10
              )
            ) LIMIT 10), false), coalesce(`host`, {p4:String}), {p5:String}) AS `__split`, count() AS `count`, avgOrNull(toFloat64OrNull(CAST(`_fields`.`delay` AS Nullable(String)))) AS `avg(delay)`
            FROM (
              SELECT `_time`, `host`, `_fields.delay`, if(true, toFloat64(coalesce(toFloat64(floor((toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String))) / nullIf(100, 0)))), toFloat64(11))), toFloat64(NULL)) AS `__nexus_bin_index`, if(isNull(toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String)))), CAST(`_fields`.`size` AS Nullable(String)), if(isNull(toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String)))), NULL, concat(toString((floor(toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String))) / 100) * 100)), '-', toString((floor(toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String))) / 100) * 100) + 100)))) AS `size`
              FROM (
                SELECT `_time`, `host`, `fields`.`size` AS `_fields.size`, `fields`.`delay` AS `_fields.delay`
                FROM `logs`
                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String}) AND or(isNull(toFloat64OrNull(CAST(`fields`.`size` AS Nullable(String)))), and((toFloat64OrNull(CAST(`fields`.`size` AS Nullable(String))) >= 0), (toFloat64OrNull(CAST(`fields`.`size` AS Nullable(String))) <= 1000)))
              )
            )
            WHERE isNotNull(`size`)
            GROUP BY `__nexus_bin_index`, `size`, `__split`
          )
          GROUP BY `__nexus_bin_index`, `size`
          ORDER BY `__nexus_bin_index` ASC WITH FILL FROM {p6:Float64} TO {p7:Float64} STEP {p8:Float64}, `size` ASC
        )
      )
    )
  )
)
ORDER BY `__h9` ASC, `__h10` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
