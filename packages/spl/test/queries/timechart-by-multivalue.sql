SELECT `_time`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`
FROM (
  SELECT `_time`, mapFromArrays(`__h1`, arrayMap(l -> ifNull(`__h11`[l], 0), `__h1`)) AS `_series`
  FROM (
    SELECT `_time`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h0`)) AS `__h11`, arraySort(l -> (indexOf([{p6:String}, {p7:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h0`)) OVER ()) AS `__h1`
    FROM (
      SELECT `_time`, groupArray(tuple(`__split`, `count`)) AS `__h0`
      FROM (
        SELECT toDateTime64(`__h8`, 3, 'UTC') AS `_time`, `__h9` AS `__split`, `__h10` AS `count`
        FROM (
          SELECT toStartOfHour(`_time`, {p5:String}) AS `__h8`, if(ifNull(coalesce(`roles`, {p6:String}) IN (SELECT `__split` FROM (
            SELECT `__split`, `__rank`
            FROM (
              SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h4`, `__rank` AS `__h5`, isNull(`__split`) AS `__h6`, `__split` AS `__h7`
              FROM (
                SELECT coalesce(`roles`, {p6:String}) AS `__split`, count() AS `__rank`
                FROM (
                  SELECT `_time`, arrayDistinct(`roles`) AS `__h3`, arrayJoin(if(empty(`__h3`), [CAST(NULL AS Nullable(String))], `__h3`)) AS `roles`
                  FROM (
                    SELECT `_time`, if(isNull(CAST(`_fields`.`role_list` AS Nullable(String))), CAST([] AS Array(Nullable(String))), CAST(splitByString({p4:String}, assumeNotNull(CAST(`_fields`.`role_list` AS Nullable(String)))) AS Array(Nullable(String)))) AS `roles`
                    FROM (
                      SELECT `_time`, `fields`.`role_list` AS `_fields.role_list`
                      FROM `logs`
                      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                    )
                  )
                )
                WHERE isNotNull(toDateTime64(toStartOfHour(`_time`, {p5:String}), 3, 'UTC'))
                GROUP BY `__split`
              )
              ORDER BY `__h4` ASC, `__h5` DESC, `__h6` ASC, `__h7` ASC
              LIMIT 1
            )
          ) LIMIT 1), false), coalesce(`roles`, {p6:String}), {p7:String}) AS `__h9`, count() AS `__h10`
          FROM (
            SELECT `_time`, arrayDistinct(`roles`) AS `__h2`, arrayJoin(if(empty(`__h2`), [CAST(NULL AS Nullable(String))], `__h2`)) AS `roles`
            FROM (
              SELECT `_time`, if(isNull(CAST(`_fields`.`role_list` AS Nullable(String))), CAST([] AS Array(Nullable(String))), CAST(splitByString({p4:String}, assumeNotNull(CAST(`_fields`.`role_list` AS Nullable(String)))) AS Array(Nullable(String)))) AS `roles`
              FROM (
                SELECT `_time`, `fields`.`role_list` AS `_fields.role_list`
                FROM `logs`
                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
              )
            )
          )
          WHERE isNotNull(toDateTime64(toStartOfHour(`_time`, {p5:String}), 3, 'UTC'))
          GROUP BY `__h8`, `__h9`
        )
      )
      GROUP BY `_time`
      ORDER BY `_time` ASC WITH FILL FROM toDateTime64(toStartOfInterval(fromUnixTimestamp64Milli({p1:Int64}, {p5:String}), INTERVAL 1 HOUR, {p5:String}), 3, 'UTC') TO fromUnixTimestamp64Milli({p2:Int64}, 'UTC') STEP INTERVAL 1 HOUR
    )
  )
)
ORDER BY `_time` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
