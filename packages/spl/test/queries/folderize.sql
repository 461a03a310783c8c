SELECT `uri`, `count(uri)`
FROM (
  SELECT `uri`, `count(uri)`, isNull(`count(uri)`) AS `__h2`, `count(uri)` AS `__h3`, isNull(`uri`) AS `__h4`, `uri` AS `__h5`
  FROM (
    SELECT `__h0` AS `uri`, `__h1` AS `count(uri)`
    FROM (
      SELECT if(isNull(`uri`), NULL, concat(arrayStringConcat(arraySlice(splitByString({p4:String}, ifNull(`uri`, '')), 1, `__rollup_depth`), {p4:String}), if(`__rollup_depth` < length(splitByString({p4:String}, ifNull(`uri`, ''))), {p4:String}, ''))) AS `__h0`, sumOrNull(`count(uri)`) AS `__h1`
      FROM (
        SELECT `uri`, `count(uri)`, greatest(arrayLastIndex(d -> length(arrayDistinct(arrayMap(p -> if(isNull(p), NULL, concat(arrayStringConcat(arraySlice(splitByString({p4:String}, ifNull(p, '')), 1, d), {p4:String}), if(d < length(splitByString({p4:String}, ifNull(p, ''))), {p4:String}, ''))), `__rollup_paths`))) <= 5, range(1, arrayMax(arrayMap(p -> length(splitByString({p4:String}, ifNull(p, ''))), `__rollup_paths`)) + 1)), 1) AS `__rollup_depth`
        FROM (
          SELECT `uri`, `count(uri)`, groupArrayArray(if(isNull(`uri`), CAST([] AS Array(Nullable(String))), [toNullable(toString(`uri`))])) OVER () AS `__rollup_paths`
          FROM (
            SELECT CAST(`fields`.`uri` AS Nullable(String)) AS `uri`, count(CAST(`fields`.`uri` AS Nullable(String))) AS `count(uri)`
            FROM `logs`
            WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String}) AND isNotNull(CAST(`fields`.`uri` AS Nullable(String)))
            GROUP BY `uri`
          )
        )
      )
      WHERE isNotNull(if(isNull(`uri`), NULL, concat(arrayStringConcat(arraySlice(splitByString({p4:String}, ifNull(`uri`, '')), 1, `__rollup_depth`), {p4:String}), if(`__rollup_depth` < length(splitByString({p4:String}, ifNull(`uri`, ''))), {p4:String}, ''))))
      GROUP BY `__h0`
    )
  )
)
ORDER BY `__h2` ASC, `__h3` DESC, `__h4` ASC, `__h5` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
