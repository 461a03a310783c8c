SELECT `_time`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`
FROM (
  SELECT `_time`, mapApply((`__foreach_key`, `__foreach`) -> (`__foreach_key`, if(multiIf(match(`__foreach_key`, {p9:String}), 1, 0) > 0, toNullable(toFloat64((((`__foreach` / nullIf(1024, 0)) / nullIf(1024, 0)) / nullIf(1024, 0)))), `__foreach`)), `_series`) AS `_series`
  FROM (
    SELECT `_time`, mapFromArrays(`__h1`, arrayMap(l -> `__h9`[l], `__h1`)) AS `_series`
    FROM (
      SELECT `_time`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h0`)) AS `__h9`, arraySort(l -> (indexOf([{p7:String}, {p8:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h0`)) OVER ()) AS `__h1`
      FROM (
        SELECT `_time`, groupArray(tuple(`__split`, `daily_bytes`)) AS `__h0`
        FROM (
          SELECT toDateTime64(`__h6`, 3, 'UTC') AS `_time`, `__h7` AS `__split`, `__h8` AS `daily_bytes`
          FROM (
            SELECT toStartOfInterval(`_time`, INTERVAL 1 DAY, {p6:String}) AS `__h6`, if(ifNull(coalesce(CAST(`fields`.`st` AS Nullable(String)), {p7:String}) IN (SELECT `__split` FROM (
              SELECT `__split`, `__rank`
              FROM (
                SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h2`, `__rank` AS `__h3`, isNull(`__split`) AS `__h4`, `__split` AS `__h5`
                FROM (
                  SELECT coalesce(CAST(`fields`.`st` AS Nullable(String)), {p7:String}) AS `__split`, sumOrNull(toFloat64OrNull(CAST(`fields`.`b` AS Nullable(String)))) AS `__rank`
                  FROM `logs`
                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND ifNull(ilike(`source`, {p4:String}), false) AND (isNotNull(CAST(`fields`.`type` AS Nullable(String))) AND NOT multiIf(isNotNull(dynamicElement(`fields`.`type`, 'String')), ifNull(ilike(dynamicElement(`fields`.`type`, 'String'), {p5:String}), false), (ifNull(ilike(CAST(`fields`.`type` AS Nullable(String)), {p5:String}), false) OR arrayExists(v -> ifNull(ilike(v, {p5:String}), false), dynamicElement(`fields`.`type`, 'Array(Nullable(String))'))))))
                  GROUP BY `__split`
                )
                ORDER BY `__h2` ASC, `__h3` DESC, `__h4` ASC, `__h5` ASC
                LIMIT 10
              )
            ) LIMIT 10), false), coalesce(CAST(`fields`.`st` AS Nullable(String)), {p7:String}), {p8:String}) AS `__h7`, sumOrNull(toFloat64OrNull(CAST(`fields`.`b` AS Nullable(String)))) AS `__h8`
            FROM `logs`
            WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND ifNull(ilike(`source`, {p4:String}), false) AND (isNotNull(CAST(`fields`.`type` AS Nullable(String))) AND NOT multiIf(isNotNull(dynamicElement(`fields`.`type`, 'String')), ifNull(ilike(dynamicElement(`fields`.`type`, 'String'), {p5:String}), false), (ifNull(ilike(CAST(`fields`.`type` AS Nullable(String)), {p5:String}), false) OR arrayExists(v -> ifNull(ilike(v, {p5:String}), false), dynamicElement(`fields`.`type`, 'Array(Nullable(String))'))))))
            GROUP BY `__h6`, `__h7`
          )
        )
        GROUP BY `_time`
        ORDER BY `_time` ASC WITH FILL FROM toDateTime64(toStartOfInterval(fromUnixTimestamp64Milli({p1:Int64}, {p6:String}), INTERVAL 1 DAY, {p6:String}), 3, 'UTC') TO fromUnixTimestamp64Milli({p2:Int64}, 'UTC') STEP INTERVAL 1 DAY
      )
    )
  )
)
ORDER BY `_time` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
