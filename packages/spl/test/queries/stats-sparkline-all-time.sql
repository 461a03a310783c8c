SELECT `host`, arrayConcat([{p5:String}], arrayMap(__bucket -> ifNull(toString(countMap(map(intDiv(dateDiff('day', toDateTime(toStartOfInterval(toDateTime64(ifNull(`__spark_lo`, 0), 3, 'UTC'), INTERVAL 1 DAY, {p4:String}), {p4:String}), toDateTime(toStartOfInterval(`_time`, INTERVAL 1 DAY, {p4:String}), {p4:String}), {p4:String}), 1), toUInt8(1)))[__bucket]), ''), range(toUInt64(greatest(least(any(intDiv(dateDiff('day', toDateTime(toStartOfInterval(toDateTime64(ifNull(`__spark_lo`, 0), 3, 'UTC'), INTERVAL 1 DAY, {p4:String}), {p4:String}), toDateTime(toStartOfInterval(toDateTime64(ifNull(`__spark_hi`, 0), 3, 'UTC'), INTERVAL 1 DAY, {p4:String}), {p4:String}), {p4:String}), 1)) + 1, 10000), 0))))) AS `trend`
FROM (
  SELECT `_time`, `host`, minOrNull((toUnixTimestamp64Milli(`_time`) / 1000)) OVER () AS `__spark_lo`, maxOrNull((toUnixTimestamp64Milli(`_time`) / 1000)) OVER () AS `__spark_hi`
  FROM (
    SELECT `_time`, `host`
    FROM `logs`
    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
  )
)
WHERE isNotNull(`host`)
GROUP BY `host`
ORDER BY `host` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
