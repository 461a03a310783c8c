SELECT `_time`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`
FROM (
  SELECT `_time`, mapFromArrays(`__h1`, arrayMap(l -> ifNull(`__h15`[l], 0), `__h1`)) AS `_series`
  FROM (
    SELECT `_time`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h0`)) AS `__h15`, arraySort(l -> (indexOf([{p6:String}, {p7:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h0`)) OVER ()) AS `__h1`
    FROM (
      SELECT `_time`, groupArray(tuple(`__split`, `count`)) AS `__h0`
      FROM (
        SELECT toDateTime64(`__h12`, 3, 'UTC') AS `_time`, `__h13` AS `__split`, `__h14` AS `count`
        FROM (
          SELECT toStartOfHour(`_time`, {p5:String}) AS `__h12`, if(ifNull(coalesce(`roles`, {p6:String}) IN (SELECT `__split` FROM (
            SELECT `__split`, `__rank`
            FROM (
              SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h8`, `__rank` AS `__h9`, isNull(`__split`) AS `__h10`, `__split` AS `__h11`
              FROM (
                SELECT coalesce(`roles`, {p6:String}) AS `__split`, count() AS `__rank`
                FROM (
                  SELECT `_time`, `index`, `_fields.role_list`, arrayDistinct(`roles`) AS `__h5`, arrayJoin(if(empty(`__h5`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h5`, arrayEnumerate(`__h5`)))) AS `__h6`, tupleElement(`__h6`, 2) AS `roles`, tupleElement(`__h6`, 1) AS `__h7`
                  FROM (
                    SELECT `_time`, `index`, `_fields.role_list`, if(isNull(CAST(`_fields`.`role_list` AS Nullable(String))), CAST([] AS Array(Nullable(String))), CAST(splitByString({p4:String}, assumeNotNull(CAST(`_fields`.`role_list` AS Nullable(String)))) AS Array(Nullable(String)))) AS `roles`
                    FROM (
                      SELECT `_time`, `index`, `fields`.`role_list` AS `_fields.role_list`
                      FROM `logs`
                      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                    )
                  )
                )
                WHERE isNotNull(toDateTime64(toStartOfHour(`_time`, {p5:String}), 3, 'UTC'))
                GROUP BY `__split`
              )
              ORDER BY `__h8` ASC, `__h9` DESC, `__h10` ASC, `__h11` ASC
              LIMIT 1
            )
          ) LIMIT 1), false), coalesce(`roles`, {p6:String}), {p7:String}) AS `__h13`, count() AS `__h14`
          FROM (
            SELECT `_time`, `index`, `_fields.role_list`, arrayDistinct(`roles`) AS `__h2`, arrayJoin(if(empty(`__h2`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h2`, arrayEnumerate(`__h2`)))) AS `__h3`, tupleElement(`__h3`, 2) AS `roles`, tupleElement(`__h3`, 1) AS `__h4`
            FROM (
              SELECT `_time`, `index`, `_fields.role_list`, if(isNull(CAST(`_fields`.`role_list` AS Nullable(String))), CAST([] AS Array(Nullable(String))), CAST(splitByString({p4:String}, assumeNotNull(CAST(`_fields`.`role_list` AS Nullable(String)))) AS Array(Nullable(String)))) AS `roles`
              FROM (
                SELECT `_time`, `index`, `fields`.`role_list` AS `_fields.role_list`
                FROM `logs`
                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
              )
            )
          )
          WHERE isNotNull(toDateTime64(toStartOfHour(`_time`, {p5:String}), 3, 'UTC'))
          GROUP BY `__h12`, `__h13`
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
