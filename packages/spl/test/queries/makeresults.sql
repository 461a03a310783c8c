SELECT `_time`, (sign(toFloat64(2.5)) * floor(abs(toFloat64(2.5)) * exp10(0) + 0.5) / exp10(0)) AS `x`, substringUTF8({p1:String}, if(toInt64(2) = 0, 1, toInt64(2)), toInt64(greatest(3, 0))) AS `y`, formatDateTime(toDateTime64(1704888000, 3, {p3:String}), {p2:String}, {p3:String}) AS `t`
FROM (
  SELECT fromUnixTimestamp64Milli({p0:Int64}, 'UTC') AS `_time`
  FROM numbers(3)
)
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
