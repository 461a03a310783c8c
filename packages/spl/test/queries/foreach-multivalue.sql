SELECT `_time`, `mv`, arrayFold((`total`, `__foreach`) -> CAST((`total` + toFloat64OrNull(if(toInt64(toFloat64OrNull(`__foreach`)) >= length(`mv`) OR -toInt64(toFloat64OrNull(`__foreach`)) > length(`mv`), NULL, arrayElement(`mv`, if(toInt64(toFloat64OrNull(`__foreach`)) >= 0, toInt64(toFloat64OrNull(`__foreach`)) + 1, toInt64(toFloat64OrNull(`__foreach`))))))) AS Nullable(Float64)), if(isNull(toUInt64(least(greatest(ceil((coalesce(toFloat64(if(empty(`mv`), NULL, length(`mv`))), toFloat64(0)) - 0) / nullIf(1, 0)), 0), 10000))), CAST([] AS Array(Nullable(String))), CAST(arrayMap(i -> toString(0 + i * 1), range(assumeNotNull(toUInt64(least(greatest(ceil((coalesce(toFloat64(if(empty(`mv`), NULL, length(`mv`))), toFloat64(0)) - 0) / nullIf(1, 0)), 0), 10000))))) AS Array(Nullable(String)))), CAST(`total` AS Nullable(Float64))) AS `total`
FROM (
  SELECT `_time`, arrayConcat(if(isNull({p1:String}), CAST([] AS Array(Nullable(String))), [toNullable(toString({p1:String}))]), if(isNull({p2:String}), CAST([] AS Array(Nullable(String))), [toNullable(toString({p2:String}))]), if(isNull({p3:String}), CAST([] AS Array(Nullable(String))), [toNullable(toString({p3:String}))])) AS `mv`, 0 AS `total`
  FROM (
    SELECT fromUnixTimestamp64Milli({p0:Int64}, 'UTC') AS `_time`
    FROM numbers(1)
  )
)
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
