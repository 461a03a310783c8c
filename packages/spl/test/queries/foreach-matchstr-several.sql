SELECT `_time`, {p1:String} AS `test1ab2`, {p2:String} AS `test2ab3`
FROM (
  SELECT fromUnixTimestamp64Milli({p0:Int64}, 'UTC') AS `_time`
  FROM numbers(1)
)
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
