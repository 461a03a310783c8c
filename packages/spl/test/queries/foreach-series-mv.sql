SELECT `index`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`
FROM (
  SELECT `index`, mapApply((`__foreach_key`, `__foreach`) -> (`__foreach_key`, if(multiIf(match(`__foreach_key`, {p6:String}), 1, 0) > 0, if(isNull(if(empty(`__foreach`), NULL, length(`__foreach`))), CAST([] AS Array(Nullable(String))), [toNullable(toString(if(empty(`__foreach`), NULL, length(`__foreach`))))]), `__foreach`)), `_series`) AS `_series`
  FROM (
    SELECT `index`, mapFromArrays(`__h1`, arrayMap(l -> `__h6`[l], `__h1`)) AS `_series`
    FROM (
      SELECT `index`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> tupleElement(c, 2), `__h0`)) AS `__h6`, arraySort(l -> (indexOf([{p4:String}, {p5:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h0`)) OVER ()) AS `__h1`
      FROM (
        SELECT `index`, groupArray(tuple(`__split`, `d`)) AS `__h0`
        FROM (
          SELECT `index`, if(ifNull(coalesce(`host`, {p4:String}) IN (SELECT `__split` FROM (
            SELECT `__split`, `__rank`
            FROM (
              SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h2`, `__rank` AS `__h3`, isNull(`__split`) AS `__h4`, `__split` AS `__h5`
              FROM (
                SELECT coalesce(`host`, {p4:String}) AS `__split`, count() AS `__rank`
                FROM `logs`
                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                GROUP BY `__split`
              )
              ORDER BY `__h2` ASC, `__h3` DESC, `__h4` ASC, `__h5` ASC
              LIMIT 10
            )
          ) LIMIT 10), false), coalesce(`host`, {p4:String}), {p5:String}) AS `__split`, arraySort(groupUniqArrayArray(if(notEmpty(if(startsWith(dynamicType(`fields`.`dur`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`dur`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`fields`.`dur`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`dur`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`fields`.`dur` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`fields`.`dur` AS Nullable(String))))])))) AS `d`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
          GROUP BY `index`, `__split`
        )
        GROUP BY `index`
      )
    )
  )
)
ORDER BY `index` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
