SELECT `total`, `n`, `avg`
FROM (
  SELECT `total`, `n`, `avg`
  FROM (
    SELECT tupleElement(`__nexus_foreach_fold`, 1) AS `total`, tupleElement(`__nexus_foreach_fold`, 2) AS `n`, tupleElement(`__nexus_foreach_fold`, 3) AS `avg`
    FROM (
      SELECT arrayFold((`__nexus_foreach_acc`, `__foreach`) -> tuple(CAST((tupleElement(`__nexus_foreach_acc`, 1) + toFloat64OrNull(if(toInt64(toFloat64OrNull(`__foreach`)) >= length(`mv`) OR -toInt64(toFloat64OrNull(`__foreach`)) > length(`mv`), NULL, arrayElement(`mv`, if(toInt64(toFloat64OrNull(`__foreach`)) >= 0, toInt64(toFloat64OrNull(`__foreach`)) + 1, toInt64(toFloat64OrNull(`__foreach`))))))) AS Nullable(Float64)), CAST((tupleElement(`__nexus_foreach_acc`, 2) + 1) AS Nullable(Float64)), CAST(((tupleElement(`__nexus_foreach_acc`, 1) + toFloat64OrNull(if(toInt64(toFloat64OrNull(`__foreach`)) >= length(`mv`) OR -toInt64(toFloat64OrNull(`__foreach`)) > length(`mv`), NULL, arrayElement(`mv`, if(toInt64(toFloat64OrNull(`__foreach`)) >= 0, toInt64(toFloat64OrNull(`__foreach`)) + 1, toInt64(toFloat64OrNull(`__foreach`))))))) / nullIf((tupleElement(`__nexus_foreach_acc`, 2) + 1), 0)) AS Nullable(Float64))), if(isNull(toUInt64(least(greatest(ceil((coalesce(toFloat64(if(empty(`mv`), NULL, length(`mv`))), toFloat64(0)) - 0) / nullIf(1, 0)), 0), 10000))), CAST([] AS Array(Nullable(String))), CAST(arrayMap(i -> toString(0 + i * 1), range(assumeNotNull(toUInt64(least(greatest(ceil((coalesce(toFloat64(if(empty(`mv`), NULL, length(`mv`))), toFloat64(0)) - 0) / nullIf(1, 0)), 0), 10000))))) AS Array(Nullable(String)))), tuple(CAST(`total` AS Nullable(Float64)), CAST(`n` AS Nullable(Float64)), CAST(NULL AS Nullable(Float64)))) AS `__nexus_foreach_fold`
      FROM (
        SELECT if(isNull({p1:String}), CAST([] AS Array(Nullable(String))), CAST(splitByString({p2:String}, assumeNotNull({p1:String})) AS Array(Nullable(String)))) AS `mv`, 0 AS `total`, 0 AS `n`
        FROM (
          SELECT fromUnixTimestamp64Milli({p0:Int64}, 'UTC') AS `_time`
          FROM numbers(1)
        )
      )
    )
  )
)
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
