SELECT `Host`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`, `ALL`
FROM (
  SELECT `dest` AS `Host`, `_series`, `ALL`, `__h8` AS `__h9`
  FROM (
    SELECT l.`dest` AS `dest`, l.`_series` AS `_series`, r.`ALL` AS `ALL`, l.`dest` AS `__h8`
    FROM (
      SELECT `dest`, `_series`
      FROM (
        SELECT `dest`, `_series`
        FROM (
          SELECT `dest`, mapFromArrays(`__h1`, arrayMap(l -> ifNull(`__h6`[l], 0), `__h1`)) AS `_series`
          FROM (
            SELECT `dest`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h0`)) AS `__h6`, arraySort(l -> (indexOf([{p6:String}, {p7:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h0`)) OVER ()) AS `__h1`
            FROM (
              SELECT `dest`, groupArray(tuple(`__split`, `n`)) AS `__h0`
              FROM (
                SELECT CAST(`_fields`.`dest` AS Nullable(String)) AS `dest`, if(ifNull(coalesce(`__pivot_cols`, {p6:String}) IN (SELECT `__split` FROM (
                  SELECT `__split`, `__rank`
                  FROM (
                    SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h2`, `__rank` AS `__h3`, isNull(`__split`) AS `__h4`, `__split` AS `__h5`
                    FROM (
                      SELECT coalesce(`__pivot_cols`, {p6:String}) AS `__split`, count() AS `__rank`
                      FROM (
                        SELECT `_time`, `_fields.dest`, if(and(isNotNull(CAST(`_fields`.`process_name` AS Nullable(String))), isNotNull(CAST(`_fields`.`user` AS Nullable(String)))), concat(concat(CAST(`_fields`.`process_name` AS Nullable(String)), {p5:String}), CAST(`_fields`.`user` AS Nullable(String))), NULL) AS `__pivot_cols`
                        FROM (
                          SELECT `_time`, `fields`.`process_name` AS `_fields.process_name`, `fields`.`user` AS `_fields.user`, `fields`.`dest` AS `_fields.dest`
                          FROM `logs`
                          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))))
                        )
                      )
                      WHERE isNotNull(CAST(`_fields`.`dest` AS Nullable(String)))
                      GROUP BY `__split`
                    )
                    ORDER BY `__h2` ASC, `__h3` DESC, `__h4` ASC, `__h5` ASC
                    LIMIT 10
                  )
                ) LIMIT 10), false), coalesce(`__pivot_cols`, {p6:String}), {p7:String}) AS `__split`, count() AS `n`
                FROM (
                  SELECT `_time`, `_fields.dest`, if(and(isNotNull(CAST(`_fields`.`process_name` AS Nullable(String))), isNotNull(CAST(`_fields`.`user` AS Nullable(String)))), concat(concat(CAST(`_fields`.`process_name` AS Nullable(String)), {p5:String}), CAST(`_fields`.`user` AS Nullable(String))), NULL) AS `__pivot_cols`
                  FROM (
                    SELECT `_time`, `fields`.`process_name` AS `_fields.process_name`, `fields`.`user` AS `_fields.user`, `fields`.`dest` AS `_fields.dest`
                    FROM `logs`
                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))))
                  )
                )
                WHERE isNotNull(CAST(`_fields`.`dest` AS Nullable(String)))
                GROUP BY `dest`, `__split`
              )
              GROUP BY `dest`
            )
          )
        )
      )
    ) AS l
    ANY LEFT JOIN (
      SELECT `dest`, `ALL`, 1 AS `__h7`
      FROM (
        SELECT `dest`, `ALL`
        FROM (
          SELECT CAST(`_fields`.`dest` AS Nullable(String)) AS `dest`, count() AS `ALL`
          FROM (
            SELECT `_time`, `_fields.dest`, if(and(isNotNull(CAST(`_fields`.`process_name` AS Nullable(String))), isNotNull(CAST(`_fields`.`user` AS Nullable(String)))), concat(concat(CAST(`_fields`.`process_name` AS Nullable(String)), {p5:String}), CAST(`_fields`.`user` AS Nullable(String))), NULL) AS `__pivot_cols`
            FROM (
              SELECT `_time`, `fields`.`process_name` AS `_fields.process_name`, `fields`.`user` AS `_fields.user`, `fields`.`dest` AS `_fields.dest`
              FROM `logs`
              WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))))
            )
          )
          WHERE isNotNull(CAST(`_fields`.`dest` AS Nullable(String)))
          GROUP BY `dest`
        )
      )
    ) AS r ON l.`dest` = r.`dest`
  )
)
ORDER BY `__h9` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
