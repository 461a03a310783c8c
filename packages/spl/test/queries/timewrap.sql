SELECT `_time`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`
FROM (
  SELECT `_time`, mapFromArrays(`__h1`, arrayMap(l -> `__h7`[l], `__h1`)) AS `_series`
  FROM (
    SELECT `_time`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h0`)) AS `__h7`, arraySort(l -> (0, isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h0`)) OVER ()) AS `__h1`
    FROM (
      SELECT `_time`, groupArray(tuple(`__tw_label`, `__tw_value`)) AS `__h0`
      FROM (
        SELECT `__tw_key`, `__h4`, `__tw_field`, `__tw_value`, `__h5`, `_time` AS `__h6`, toFloat64OrNull(if(toInt64(0) >= length(if(isNull(`__tw_key`), CAST([] AS Array(Nullable(String))), CAST(splitByString({p5:String}, assumeNotNull(`__tw_key`)) AS Array(Nullable(String))))) OR -toInt64(0) > length(if(isNull(`__tw_key`), CAST([] AS Array(Nullable(String))), CAST(splitByString({p5:String}, assumeNotNull(`__tw_key`)) AS Array(Nullable(String))))), NULL, arrayElement(if(isNull(`__tw_key`), CAST([] AS Array(Nullable(String))), CAST(splitByString({p5:String}, assumeNotNull(`__tw_key`)) AS Array(Nullable(String)))), if(toInt64(0) >= 0, toInt64(0) + 1, toInt64(0))))) AS `_time`, replaceRegexpAll(`__tw_key`, {p11:String}, {p12:String}) AS `__tw_label`
        FROM (
          SELECT `__tw_key`, `_time`, arrayJoin(arrayFilter(e -> isNotNull(e.2.2), arrayMap((e, i) -> (i, e), [({p10:String}, toNullable(toFloat64(`count`)))], arrayEnumerate([({p10:String}, toNullable(toFloat64(`count`)))])))) AS `__h4`, tupleElement(tupleElement(`__h4`, 2), 1) AS `__tw_field`, tupleElement(tupleElement(`__h4`, 2), 2) AS `__tw_value`, tupleElement(`__h4`, 1) AS `__h5`
          FROM (
            SELECT `_time`, `count`, `__tw_k`, concat(concat(toString(((toUnixTimestamp64Milli(`_time`) / 1000) + (`__tw_k` * 86400))), {p5:String}), if((`__tw_k` = 0), {p6:String}, concat(concat(toString((`__tw_k` * 1)), if(((`__tw_k` * 1) = 1), {p7:String}, {p8:String})), {p9:String}))) AS `__tw_key`
            FROM (
              SELECT `_time`, `count`, (ceil(((1704888000 - (toUnixTimestamp64Milli(`_time`) / 1000)) / nullIf(86400, 0))) - 1) AS `__tw_k`
              FROM (
                SELECT toDateTime64(`__h2`, 3, 'UTC') AS `_time`, `__h3` AS `count`
                FROM (
                  SELECT toStartOfHour(`_time`, {p4:String}) AS `__h2`, count() AS `__h3`
                  FROM `logs`
                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                  GROUP BY `__h2`
                )
                ORDER BY `_time` ASC WITH FILL FROM toDateTime64(toStartOfInterval(fromUnixTimestamp64Milli({p1:Int64}, {p4:String}), INTERVAL 1 HOUR, {p4:String}), 3, 'UTC') TO fromUnixTimestamp64Milli({p2:Int64}, 'UTC') STEP INTERVAL 1 HOUR
              )
            )
          )
        )
      )
      GROUP BY `_time`
    )
  )
)
ORDER BY `_time` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
