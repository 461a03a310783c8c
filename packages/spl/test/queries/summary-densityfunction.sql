SELECT if(`__summary_row` = 0, NULL, arrayElement({p1:Array(String)}, toUInt64(`__summary_row`))) AS `host`, {p2:String} AS `type`, if(`__summary_row` = 0, NULL, arrayElement({p3:Array(Float64)}, toUInt64(`__summary_row`))) AS `min`, if(`__summary_row` = 0, NULL, arrayElement({p4:Array(Float64)}, toUInt64(`__summary_row`))) AS `max`, if(`__summary_row` = 0, NULL, arrayElement({p5:Array(Float64)}, toUInt64(`__summary_row`))) AS `mean`, if(`__summary_row` = 0, NULL, arrayElement({p6:Array(Float64)}, toUInt64(`__summary_row`))) AS `std`, if(`__summary_row` = 0, NULL, arrayElement({p7:Array(Float64)}, toUInt64(`__summary_row`))) AS `cardinality`
FROM (
  SELECT count() OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__summary_row`
  FROM (
    SELECT fromUnixTimestamp64Milli({p0:Int64}, 'UTC') AS `_time`
    FROM numbers(2)
  )
)
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
