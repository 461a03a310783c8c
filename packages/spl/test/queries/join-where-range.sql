SELECT `L.host`, `L.bytes`, `R.low`, `R.high`, `R.band`
FROM (
  SELECT l.`L.host` AS `L.host`, l.`L.bytes` AS `L.bytes`, r.`R.low` AS `R.low`, r.`R.high` AS `R.high`, r.`R.band` AS `R.band`, l.`__h1` AS `__h5`
  FROM (
    SELECT `__nexus_join_all`, `__nexus_join_key0`, `__nexus_join_key1`, `L.host`, `L.bytes`, `__h1`
    FROM (
      SELECT 0 AS `__nexus_join_all`, `bytes` AS `__nexus_join_key0`, `bytes` AS `__nexus_join_key1`, `host` AS `L.host`, `bytes` AS `L.bytes`, `__h0` AS `__h1`
      FROM (
        SELECT `host`, CAST(`_fields`.`bytes` AS Nullable(String)) AS `bytes`, `_time` AS `__h0`
        FROM (
          SELECT `_time`, `host`, `fields`.`bytes` AS `_fields.bytes`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
        )
      )
    )
  ) AS l
  ANY LEFT JOIN (
    SELECT `__nexus_join_all`, `__nexus_join_key0`, `__nexus_join_key1`, `R.low`, `R.high`, `R.band`, `__h3`, 1 AS `__h4`
    FROM (
      SELECT 0 AS `__nexus_join_all`, `low` AS `__nexus_join_key0`, `high` AS `__nexus_join_key1`, `low` AS `R.low`, `high` AS `R.high`, `band` AS `R.band`, `__h2` AS `__h3`
      FROM (
        SELECT CAST(`_fields`.`low` AS Nullable(String)) AS `low`, CAST(`_fields`.`high` AS Nullable(String)) AS `high`, CAST(`_fields`.`band` AS Nullable(String)) AS `band`, `_time` AS `__h2`
        FROM (
          SELECT `_time`, `fields`.`low` AS `_fields.low`, `fields`.`high` AS `_fields.high`, `fields`.`band` AS `_fields.band`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p4:String})
        )
      )
      ORDER BY `__h3` DESC
      LIMIT 50000
    )
  ) AS r ON l.`__nexus_join_all` = r.`__nexus_join_all` AND if(isNotNull(toFloat64OrNull(toString(l.`__nexus_join_key0`))) AND isNotNull(toFloat64OrNull(toString(r.`__nexus_join_key0`))), toFloat64OrNull(toString(l.`__nexus_join_key0`)) >= toFloat64OrNull(toString(r.`__nexus_join_key0`)), toString(l.`__nexus_join_key0`) >= toString(r.`__nexus_join_key0`)) AND if(isNotNull(toFloat64OrNull(toString(l.`__nexus_join_key1`))) AND isNotNull(toFloat64OrNull(toString(r.`__nexus_join_key1`))), toFloat64OrNull(toString(l.`__nexus_join_key1`)) < toFloat64OrNull(toString(r.`__nexus_join_key1`)), toString(l.`__nexus_join_key1`) < toString(r.`__nexus_join_key1`))
)
ORDER BY `__h5` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
