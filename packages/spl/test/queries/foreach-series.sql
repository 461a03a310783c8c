SELECT `_time`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`
FROM (
  SELECT `_time`, mapApply((`__foreach_key`, `__foreach`) -> (`__foreach_key`, if(multiIf(match(`__foreach_key`, {p9:String}), 1, 0) > 0, toNullable(toFloat64((((`__foreach` / nullIf(1024, 0)) / nullIf(1024, 0)) / nullIf(1024, 0)))), `__foreach`)), `_series`) AS `_series`
  FROM (
    SELECT `_time`, mapFromArrays(`__h1`, arrayMap(l -> `__h11`[l], `__h1`)) AS `_series`
    FROM (
      SELECT `_time`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h0`)) AS `__h11`, arraySort(l -> (indexOf([{p7:String}, {p8:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h0`)) OVER ()) AS `__h1`
      FROM (
        SELECT `_time`, groupArray(tuple(`__split`, `daily_bytes`)) AS `__h0`
        FROM (
          SELECT toDateTime64(`__h8`, 3, 'UTC') AS `_time`, `__h9` AS `__split`, `__h10` AS `daily_bytes`
          FROM (
            SELECT toStartOfInterval(`_time`, INTERVAL 1 DAY, {p6:String}) AS `__h8`, if(ifNull(coalesce(`st`, {p7:String}) IN (SELECT `__split` FROM (
              SELECT `__split`, `__rank`
              FROM (
                SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h4`, `__rank` AS `__h5`, isNull(`__split`) AS `__h6`, `__split` AS `__h7`
                FROM (
                  SELECT coalesce(`st`, {p7:String}) AS `__split`, sumOrNull(toFloat64OrNull(CAST(`_fields`.`b` AS Nullable(String)))) AS `__rank`
                  FROM (
                    SELECT `_time`, `_fields.b`, if(startsWith(dynamicType(`_fields`.`st`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`st`), '[]'), 'Array(Nullable(String))'), [toNullable(toString(CAST(`_fields`.`st` AS Nullable(String))))]) AS `__h3`, arrayJoin(if(empty(`__h3`), [CAST(NULL AS Nullable(String))], `__h3`)) AS `st`
                    FROM (
                      SELECT `_time`, `fields`.`st` AS `_fields.st`, `fields`.`b` AS `_fields.b`
                      FROM `logs`
                      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND ifNull(ilike(`source`, {p4:String}), false) AND (isNotNull(CAST(`fields`.`type` AS Nullable(String))) AND NOT multiIf(isNotNull(dynamicElement(`fields`.`type`, 'String')), ifNull(ilike(dynamicElement(`fields`.`type`, 'String'), {p5:String}), false), (ifNull(ilike(CAST(`fields`.`type` AS Nullable(String)), {p5:String}), false) OR arrayExists(v -> ifNull(ilike(v, {p5:String}), false), dynamicElement(`fields`.`type`, 'Array(Nullable(String))'))))))
                    )
                  )
                  WHERE isNotNull(toDateTime64(toStartOfInterval(`_time`, INTERVAL 1 DAY, {p6:String}), 3, 'UTC'))
                  GROUP BY `__split`
                )
                ORDER BY `__h4` ASC, `__h5` DESC, `__h6` ASC, `__h7` ASC
                LIMIT 10
              )
            ) LIMIT 10), false), coalesce(`st`, {p7:String}), {p8:String}) AS `__h9`, sumOrNull(toFloat64OrNull(CAST(`_fields`.`b` AS Nullable(String)))) AS `__h10`
            FROM (
              SELECT `_time`, `_fields.b`, if(startsWith(dynamicType(`_fields`.`st`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`st`), '[]'), 'Array(Nullable(String))'), [toNullable(toString(CAST(`_fields`.`st` AS Nullable(String))))]) AS `__h2`, arrayJoin(if(empty(`__h2`), [CAST(NULL AS Nullable(String))], `__h2`)) AS `st`
              FROM (
                SELECT `_time`, `fields`.`st` AS `_fields.st`, `fields`.`b` AS `_fields.b`
                FROM `logs`
                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND ifNull(ilike(`source`, {p4:String}), false) AND (isNotNull(CAST(`fields`.`type` AS Nullable(String))) AND NOT multiIf(isNotNull(dynamicElement(`fields`.`type`, 'String')), ifNull(ilike(dynamicElement(`fields`.`type`, 'String'), {p5:String}), false), (ifNull(ilike(CAST(`fields`.`type` AS Nullable(String)), {p5:String}), false) OR arrayExists(v -> ifNull(ilike(v, {p5:String}), false), dynamicElement(`fields`.`type`, 'Array(Nullable(String))'))))))
              )
            )
            WHERE isNotNull(toDateTime64(toStartOfInterval(`_time`, INTERVAL 1 DAY, {p6:String}), 3, 'UTC'))
            GROUP BY `__h8`, `__h9`
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
