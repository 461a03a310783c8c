SELECT `_time`, `test1`, `test2`, `test3`, (`total` + `test3`) AS `total`
FROM (
  SELECT `_time`, `test1`, `test2`, `test3`, (`total` + `test2`) AS `total`
  FROM (
    SELECT `_time`, `test1`, `test2`, `test3`, (`total` + `test1`) AS `total`
    FROM (
      SELECT `_time`, 0 AS `total`, 1 AS `test1`, 2 AS `test2`, 3 AS `test3`
      FROM (
        SELECT fromUnixTimestamp64Milli({p0:Int64}, 'UTC') AS `_time`
        FROM numbers(1)
      )
    )
  )
)
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
