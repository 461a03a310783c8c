SELECT `__key0`, `__cardinality`, `__mean`, `__std`, `__min`, `__max`
FROM (
  SELECT `__key0`, `__cardinality`, `__mean`, `__std`, `__min`, `__max`, isNull(`__key0`) AS `__h1`, `__key0` AS `__h2`
  FROM (
    SELECT `host` AS `__key0`, count(`count`) AS `__cardinality`, avgOrNull(`count`) AS `__mean`, stddevPopOrNull(`count`) AS `__std`, minOrNull(`count`) AS `__min`, maxOrNull(`count`) AS `__max`
    FROM (
      SELECT `_time`, `host`, count() AS `count`
      FROM (
        SELECT `host`, `_time` AS `__h0`, toDateTime64(toStartOfHour(`_time`, {p4:String}), 3, 'UTC') AS `_time`
        FROM (
          SELECT `_time`, `host`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
        )
      )
      WHERE isNotNull(`_time`) AND isNotNull(`host`)
      GROUP BY `_time`, `host`
    )
    WHERE isNotNull(`count`) AND isNotNull(`host`)
    GROUP BY `__key0`
  )
  ORDER BY `__h1` ASC, `__h2` ASC
  LIMIT 1025
)
ORDER BY `__h1` ASC, `__h2` ASC
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
{
  "p0": "acme",
  "p1": 1704801600000,
  "p2": 1704888000000,
  "p3": "web",
  "p4": "UTC"
}
