SELECT `L.host`, `L.bytes`, `L._time`, `R.host`, `R.limit`, `R._time`
FROM (
  SELECT l.`L.host` AS `L.host`, l.`L.bytes` AS `L.bytes`, l.`L._time` AS `L._time`, r.`R.host` AS `R.host`, r.`R.limit` AS `R.limit`, r.`R._time` AS `R._time`, l.`__h0` AS `__h3`, l.`__h4` AS `__h4`, r.`__h5` AS `__h5`
  FROM (
    SELECT `__nexus_join_key0`, `__nexus_join_key1`, `__nexus_join_key2`, `L.host`, `L.bytes`, `L._time`, `__h0`, rowNumberInAllBlocks() AS `__h4`
    FROM (
      SELECT `host` AS `__nexus_join_key0`, `bytes` AS `__nexus_join_key1`, `_time` AS `__nexus_join_key2`, `host` AS `L.host`, `bytes` AS `L.bytes`, `_time` AS `L._time`, `_time` AS `__h0`
      FROM (
        SELECT `host`, CAST(`_fields`.`bytes` AS Nullable(String)) AS `bytes`, `_time`
        FROM (
          SELECT `_time`, `host`, `fields`.`bytes` AS `_fields.bytes`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
        )
      )
    )
  ) AS l
  ALL LEFT JOIN (
    SELECT `__nexus_join_key0`, `__nexus_join_key1`, `__nexus_join_key2`, `R.host`, `R.limit`, `R._time`, `__h1`, 1 AS `__h2`, row_number() OVER (ORDER BY `__h1` DESC) AS `__h5`
    FROM (
      SELECT `host` AS `__nexus_join_key0`, `limit` AS `__nexus_join_key1`, `_time` AS `__nexus_join_key2`, `host` AS `R.host`, `limit` AS `R.limit`, `_time` AS `R._time`, `_time` AS `__h1`
      FROM (
        SELECT `host`, CAST(`_fields`.`limit` AS Nullable(String)) AS `limit`, `_time`
        FROM (
          SELECT `_time`, `host`, `fields`.`limit` AS `_fields.limit`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p4:String})
        )
      )
      ORDER BY `__h1` DESC
      LIMIT 50000
    )
  ) AS r ON l.`__nexus_join_key0` = r.`__nexus_join_key0` AND if(isNotNull(toFloat64OrNull(toString(l.`__nexus_join_key1`))) AND isNotNull(toFloat64OrNull(toString(r.`__nexus_join_key1`))), toFloat64OrNull(toString(l.`__nexus_join_key1`)) < toFloat64OrNull(toString(r.`__nexus_join_key1`)), toString(l.`__nexus_join_key1`) < toString(r.`__nexus_join_key1`)) AND l.`__nexus_join_key2` <= r.`__nexus_join_key2`
  WHERE isNotNull(r.`__h2`)
)
ORDER BY `__h3` DESC, `__h4` ASC, `__h5` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
