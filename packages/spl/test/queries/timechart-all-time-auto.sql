SELECT `_time`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`
FROM (
  SELECT `_time`, mapFromArrays(`__h1`, arrayMap(l -> ifNull(`__h9`[l], 0), `__h1`)) AS `_series`
  FROM (
    SELECT `_time`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h0`)) AS `__h9`, arraySort(l -> (indexOf([{p5:String}, {p6:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h0`)) OVER ()) AS `__h1`
    FROM (
      SELECT `_time`, groupArray(tuple(`__split`, `count`)) AS `__h0`
      FROM (
        SELECT `__h6` AS `_time`, `__h7` AS `__split`, `__h8` AS `count`
        FROM (
          SELECT multiIf((arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 1), toDateTime64(toStartOfInterval(`_time`, INTERVAL 1 SECOND, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 5), toDateTime64(toStartOfInterval(`_time`, INTERVAL 5 SECOND, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 10), toDateTime64(toStartOfInterval(`_time`, INTERVAL 10 SECOND, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 30), toDateTime64(toStartOfInterval(`_time`, INTERVAL 30 SECOND, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 60), toDateTime64(toStartOfMinute(`_time`, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 300), toDateTime64(toStartOfFiveMinutes(`_time`, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 600), toDateTime64(toStartOfTenMinutes(`_time`, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 1800), toDateTime64(toStartOfInterval(`_time`, INTERVAL 30 MINUTE, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 3600), toDateTime64(toStartOfHour(`_time`, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 86400), toDateTime64(toStartOfInterval(`_time`, INTERVAL 1 DAY, {p4:String}), 3, 'UTC'), true, toDateTime64(toStartOfInterval(`_time`, INTERVAL 1 MONTH, {p4:String}), 3, 'UTC'), NULL) AS `__h6`, if(ifNull(coalesce(`host`, {p5:String}) IN (SELECT `__split` FROM (
            SELECT `__split`, `__rank`
            FROM (
              SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h2`, `__rank` AS `__h3`, isNull(`__split`) AS `__h4`, `__split` AS `__h5`
              FROM (
                SELECT coalesce(`host`, {p5:String}) AS `__split`, count() AS `__rank`
                FROM (
                  SELECT `_time`, `host`, minOrNull((toUnixTimestamp64Milli(`_time`) / 1000)) OVER () AS `__span_lo`, maxOrNull((toUnixTimestamp64Milli(`_time`) / 1000)) OVER () AS `__span_hi`
                  FROM (
                    SELECT `_time`, `host`
                    FROM `logs`
                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                  )
                )
                WHERE isNotNull(multiIf((arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 1), toDateTime64(toStartOfInterval(`_time`, INTERVAL 1 SECOND, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 5), toDateTime64(toStartOfInterval(`_time`, INTERVAL 5 SECOND, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 10), toDateTime64(toStartOfInterval(`_time`, INTERVAL 10 SECOND, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 30), toDateTime64(toStartOfInterval(`_time`, INTERVAL 30 SECOND, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 60), toDateTime64(toStartOfMinute(`_time`, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 300), toDateTime64(toStartOfFiveMinutes(`_time`, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 600), toDateTime64(toStartOfTenMinutes(`_time`, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 1800), toDateTime64(toStartOfInterval(`_time`, INTERVAL 30 MINUTE, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 3600), toDateTime64(toStartOfHour(`_time`, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 86400), toDateTime64(toStartOfInterval(`_time`, INTERVAL 1 DAY, {p4:String}), 3, 'UTC'), true, toDateTime64(toStartOfInterval(`_time`, INTERVAL 1 MONTH, {p4:String}), 3, 'UTC'), NULL))
                GROUP BY `__split`
              )
              ORDER BY `__h2` ASC, `__h3` DESC, `__h4` ASC, `__h5` ASC
              LIMIT 10
            )
          ) LIMIT 10), false), coalesce(`host`, {p5:String}), {p6:String}) AS `__h7`, count() AS `__h8`
          FROM (
            SELECT `_time`, `host`, minOrNull((toUnixTimestamp64Milli(`_time`) / 1000)) OVER () AS `__span_lo`, maxOrNull((toUnixTimestamp64Milli(`_time`) / 1000)) OVER () AS `__span_hi`
            FROM (
              SELECT `_time`, `host`
              FROM `logs`
              WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
            )
          )
          WHERE isNotNull(multiIf((arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 1), toDateTime64(toStartOfInterval(`_time`, INTERVAL 1 SECOND, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 5), toDateTime64(toStartOfInterval(`_time`, INTERVAL 5 SECOND, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 10), toDateTime64(toStartOfInterval(`_time`, INTERVAL 10 SECOND, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 30), toDateTime64(toStartOfInterval(`_time`, INTERVAL 30 SECOND, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 60), toDateTime64(toStartOfMinute(`_time`, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 300), toDateTime64(toStartOfFiveMinutes(`_time`, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 600), toDateTime64(toStartOfTenMinutes(`_time`, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 1800), toDateTime64(toStartOfInterval(`_time`, INTERVAL 30 MINUTE, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 3600), toDateTime64(toStartOfHour(`_time`, {p4:String}), 3, 'UTC'), (arrayReduce('max', [toNullable(toFloat64(((`__span_hi` - `__span_lo`) / nullIf(100, 0)))), toNullable(toFloat64(0))]) <= 86400), toDateTime64(toStartOfInterval(`_time`, INTERVAL 1 DAY, {p4:String}), 3, 'UTC'), true, toDateTime64(toStartOfInterval(`_time`, INTERVAL 1 MONTH, {p4:String}), 3, 'UTC'), NULL))
          GROUP BY `__h6`, `__h7`
        )
      )
      GROUP BY `_time`
    )
  )
)
ORDER BY `_time` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
