SELECT `source`, `count`
FROM (
  SELECT `source`, `count`, isNull(`count`) AS `__h14`, `count` AS `__h15`, isNull(`source`) AS `__h16`, `source` AS `__h17`
  FROM (
    SELECT `__h12` AS `source`, `__h13` AS `count`
    FROM (
      SELECT if(isNull(`source`), NULL, concat(arrayStringConcat(arraySlice(splitByString({p4:String}, ifNull(`source`, '')), 1, `__rollup_depth`), {p4:String}), if(`__rollup_depth` < length(splitByString({p4:String}, ifNull(`source`, ''))), {p4:String}, ''))) AS `__h12`, sumOrNull(`count`) AS `__h13`
      FROM (
        SELECT `source`, `count`, `__h6`, `__h7`, `__h8`, `__h9`, `__h10`, `__h11`, greatest(arrayLastIndex(d -> length(arrayDistinct(arrayMap(p -> if(isNull(p), NULL, concat(arrayStringConcat(arraySlice(splitByString({p4:String}, ifNull(p, '')), 1, d), {p4:String}), if(d < length(splitByString({p4:String}, ifNull(p, ''))), {p4:String}, ''))), `__rollup_paths`))) <= 10, range(1, arrayMax(arrayMap(p -> length(splitByString({p4:String}, ifNull(p, ''))), `__rollup_paths`)) + 1)), 1) AS `__rollup_depth`
        FROM (
          SELECT `source`, `count`, `__h6`, `__h7`, `__h8`, `__h9`, `__h10`, `__h11`, groupArrayArray(if(isNull(`source`), CAST([] AS Array(Nullable(String))), [toNullable(toString(`source`))])) OVER () AS `__rollup_paths`
          FROM (
            SELECT `source`, `count`, `__h0` AS `__h6`, `__h1` AS `__h7`, `__h2` AS `__h8`, `__h3` AS `__h9`, `__h4` AS `__h10`, `__h5` AS `__h11`
            FROM (
              SELECT `source`, `count`, isNull(`count`) AS `__h0`, `count` AS `__h1`, isNull(`source`) AS `__h2`, isNull(toFloat64OrNull(`source`)) AS `__h3`, toFloat64OrNull(`source`) AS `__h4`, `source` AS `__h5`
              FROM (
                SELECT `source`, `count`
                FROM (
                  SELECT `source`, `count`, sumOrNull(`count`) OVER () AS `__total`
                  FROM (
                    SELECT `source`, count() AS `count`
                    FROM `logs`
                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                    GROUP BY `source`
                  )
                )
              )
              ORDER BY `__h0` ASC, `__h1` DESC, `__h2` ASC, `__h3` ASC, `__h4` ASC, `__h5` ASC
              LIMIT 100
            )
          )
        )
      )
      WHERE isNotNull(if(isNull(`source`), NULL, concat(arrayStringConcat(arraySlice(splitByString({p4:String}, ifNull(`source`, '')), 1, `__rollup_depth`), {p4:String}), if(`__rollup_depth` < length(splitByString({p4:String}, ifNull(`source`, ''))), {p4:String}, ''))))
      GROUP BY `__h12`
    )
  )
  ORDER BY `__h14` ASC, `__h15` DESC, `__h16` ASC, `__h17` ASC
  LIMIT 10
)
ORDER BY `__h14` ASC, `__h15` DESC, `__h16` ASC, `__h17` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
