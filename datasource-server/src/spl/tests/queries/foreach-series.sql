SELECT `_time`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`
FROM (
  SELECT `_time`, mapApply((k, `__foreach`) -> (k, if(multiIf(match(k, {p9:String}), 1, 0) > 0, toNullable(toFloat64((((`__foreach` / nullIf(1024, 0)) / nullIf(1024, 0)) / nullIf(1024, 0)))), `__foreach`)), `_series`) AS `_series`
  FROM (
    SELECT `_time`, mapFromArrays(`__h1`, arrayMap(l -> `__h12`[l], `__h1`)) AS `_series`
    FROM (
      SELECT `_time`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h0`)) AS `__h12`, arraySort(l -> (indexOf([{p7:String}, {p8:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h0`)) OVER ()) AS `__h1`
      FROM (
        SELECT `_time`, groupArray(tuple(`__split`, `daily_bytes`)) AS `__h0`
        FROM (
          SELECT `__h9` AS `_time`, `__h10` AS `__split`, `__h11` AS `daily_bytes`
          FROM (
            SELECT toDateTime64(toStartOfInterval(`_time`, INTERVAL 1 DAY, {p6:String}), 3, 'UTC') AS `__h9`, if(ifNull(coalesce(CAST(`fields`.`st` AS Nullable(String)), {p7:String}) IN (SELECT `__split` FROM (
              SELECT `__split`, `__rank`
              FROM (
                SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h5`, `__rank` AS `__h6`, isNull(`__split`) AS `__h7`, `__split` AS `__h8`
                FROM (
                  SELECT `__split`, sumOrNull(`daily_bytes`) AS `__rank`
                  FROM (
                    SELECT `__h2` AS `_time`, `__h3` AS `__split`, `__h4` AS `daily_bytes`
                    FROM (
                      SELECT toDateTime64(toStartOfInterval(`_time`, INTERVAL 1 DAY, {p6:String}), 3, 'UTC') AS `__h2`, coalesce(CAST(`fields`.`st` AS Nullable(String)), {p7:String}) AS `__h3`, sumOrNull(toFloat64OrNull(CAST(`fields`.`b` AS Nullable(String)))) AS `__h4`
                      FROM `logs`
                      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND ifNull(ilike(`source`, {p4:String}), false) AND (isNotNull(CAST(`fields`.`type` AS Nullable(String))) AND NOT (ifNull(ilike(CAST(`fields`.`type` AS Nullable(String)), {p5:String}), false) OR arrayExists(v -> ifNull(ilike(v, {p5:String}), false), dynamicElement(`fields`.`type`, 'Array(Nullable(String))'))))) AND isNotNull(toDateTime64(toStartOfInterval(`_time`, INTERVAL 1 DAY, {p6:String}), 3, 'UTC'))
                      GROUP BY `__h2`, `__h3`
                    )
                  )
                  WHERE isNotNull(`__split`)
                  GROUP BY `__split`
                )
                ORDER BY `__h5` ASC, `__h6` DESC, `__h7` ASC, `__h8` ASC
                LIMIT 10
              )
            ) LIMIT 10), false), coalesce(CAST(`fields`.`st` AS Nullable(String)), {p7:String}), {p8:String}) AS `__h10`, sumOrNull(toFloat64OrNull(CAST(`fields`.`b` AS Nullable(String)))) AS `__h11`
            FROM `logs`
            WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND ifNull(ilike(`source`, {p4:String}), false) AND (isNotNull(CAST(`fields`.`type` AS Nullable(String))) AND NOT (ifNull(ilike(CAST(`fields`.`type` AS Nullable(String)), {p5:String}), false) OR arrayExists(v -> ifNull(ilike(v, {p5:String}), false), dynamicElement(`fields`.`type`, 'Array(Nullable(String))'))))) AND isNotNull(toDateTime64(toStartOfInterval(`_time`, INTERVAL 1 DAY, {p6:String}), 3, 'UTC'))
            GROUP BY `__h9`, `__h10`
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
