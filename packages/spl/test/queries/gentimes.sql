SELECT `starttime`, `starthuman`, `endtime`, `endhuman`
FROM (
  SELECT `starttime`, `starthuman`, `endtime`, `endhuman`, `__h2` AS `__h3`
  FROM (
    SELECT `__h0`, `__h1`, `__h2`, `starttime`, `starthuman`, `endtime`, formatDateTime(toDateTime64(`endtime`, 3, {p2:String}), {p1:String}, {p2:String}) AS `endhuman`
    FROM (
      SELECT `__h0`, `__h1`, `__h2`, `starttime`, formatDateTime(toDateTime64(`starttime`, 3, {p2:String}), {p1:String}, {p2:String}) AS `starthuman`, (`starttime` + 86399) AS `endtime`
      FROM (
        SELECT `__h0`, `__h1`, `__h2`, toFloat64OrNull(`starttime`) AS `starttime`
        FROM (
          SELECT `__gentimes` AS `__h0`, arrayJoin(if(empty(`__h0`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h0`, arrayEnumerate(`__h0`)))) AS `__h1`, tupleElement(`__h1`, 2) AS `starttime`, tupleElement(`__h1`, 1) AS `__h2`
          FROM (
            SELECT if(isNull(toUInt64(least(greatest(ceil((1507161600 - 1506816000) / nullIf(86400, 0)), 0), 10000))), CAST([] AS Array(Nullable(String))), CAST(arrayMap(i -> toString(1506816000 + i * 86400), range(assumeNotNull(toUInt64(least(greatest(ceil((1507161600 - 1506816000) / nullIf(86400, 0)), 0), 10000))))) AS Array(Nullable(String)))) AS `__gentimes`
            FROM (
              SELECT fromUnixTimestamp64Milli({p0:Int64}, 'UTC') AS `_time`
              FROM numbers(1)
            )
          )
        )
      )
    )
  )
)
ORDER BY `__h3` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
