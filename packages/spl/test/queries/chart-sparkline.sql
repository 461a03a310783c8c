SELECT `sourcetype`, arrayConcat([{p6:String}], arrayMap(__bucket -> ifNull(toString(countMap(map(intDiv(dateDiff('minute', toDateTime(toStartOfInterval(fromUnixTimestamp64Milli({p1:Int64}, 'UTC'), INTERVAL 30 MINUTE, {p4:String}), {p4:String}), toDateTime(toStartOfInterval(`_time`, INTERVAL 30 MINUTE, {p4:String}), {p4:String}), {p4:String}), 30), toUInt8(1)))[__bucket]), ''), range(toUInt64(greatest(intDiv(dateDiff('minute', toDateTime(toStartOfInterval(fromUnixTimestamp64Milli({p1:Int64}, 'UTC'), INTERVAL 30 MINUTE, {p4:String}), {p4:String}), toDateTime(toStartOfInterval(fromUnixTimestamp64Milli({p5:Int64}, 'UTC'), INTERVAL 30 MINUTE, {p4:String}), {p4:String}), {p4:String}), 30) + 1, 0))))) AS `sparkline`, count() AS `count`
FROM `logs`
WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
GROUP BY `sourcetype`
ORDER BY `sourcetype` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
