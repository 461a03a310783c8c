SELECT `geobin`, `latitude`, `longitude`, `count`, `avg(bytes)`
FROM (
  SELECT `geobin`, `latitude`, `longitude`, `count`, `avg(bytes)`, `geostats__zl` AS `__h3`, `geostats__y` AS `__h4`, `geostats__x` AS `__h5`
  FROM (
    SELECT `geostats__zl`, `geostats__y`, `geostats__x`, `count`, `avg(bytes)`, `latitude`, `longitude`, concat(concat(concat(concat(concat({p8:String}, toString(`geostats__zl`)), {p9:String}), toString(`geostats__y`)), {p10:String}), toString(`geostats__x`)) AS `geobin`
    FROM (
      SELECT `geostats__zl`, `geostats__y`, `geostats__x`, count() AS `count`, avgOrNull(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String)))) AS `avg(bytes)`, avgOrNull(`geostats__lat`) AS `latitude`, avgOrNull(`geostats__lon`) AS `longitude`
      FROM (
        SELECT `_time`, `_fields.bytes`, `geostats__lat`, `geostats__lon`, `__h0`, `__h1`, `__h2`, `geostats__zl`, floor(((`geostats__lat` + 90) / nullIf((toFloat64(22.5) / nullIf(pow(2, `geostats__zl`), 0)), 0))) AS `geostats__y`, floor(((`geostats__lon` + 180) / nullIf((45 / nullIf(pow(2, `geostats__zl`), 0)), 0))) AS `geostats__x`
        FROM (
          SELECT `_time`, `_fields.bytes`, `geostats__lat`, `geostats__lon`, `__h0`, `__h1`, `__h2`, toFloat64OrNull(`geostats__zl`) AS `geostats__zl`
          FROM (
            SELECT `_time`, `_fields.bytes`, `geostats__lat`, `geostats__lon`, `geostats__zl` AS `__h0`, arrayJoin(if(empty(`__h0`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h0`, arrayEnumerate(`__h0`)))) AS `__h1`, tupleElement(`__h1`, 2) AS `geostats__zl`, tupleElement(`__h1`, 1) AS `__h2`
            FROM (
              SELECT `_time`, `_fields.bytes`, `geostats__zl`, `geostats__lat`, `geostats__lon`
              FROM (
                SELECT `_time`, `_fields.bytes`, `geostats__zl`, toFloat64OrNull(`lat`) AS `geostats__lat`, toFloat64OrNull(`lon`) AS `geostats__lon`
                FROM (
                  SELECT `_time`, `_fields.bytes`, NULL AS `lat`, NULL AS `lon`, if(isNull(toUInt64(least(greatest(ceil((3 - 0) / nullIf(1, 0)), 0), 10000))), CAST([] AS Array(Nullable(String))), CAST(arrayMap(i -> toString(0 + i * 1), range(assumeNotNull(toUInt64(least(greatest(ceil((3 - 0) / nullIf(1, 0)), 0), 10000))))) AS Array(Nullable(String)))) AS `geostats__zl`
                  FROM (
                    SELECT `_time`, `fields`.`clientip` AS `_fields.clientip`, `fields`.`bytes` AS `_fields.bytes`
                    FROM `logs`
                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                  )
                )
              )
              WHERE and(isNotNull(`geostats__lat`), isNotNull(`geostats__lon`))
            )
          )
        )
      )
      WHERE isNotNull(`geostats__zl`) AND isNotNull(`geostats__y`) AND isNotNull(`geostats__x`)
      GROUP BY `geostats__zl`, `geostats__y`, `geostats__x`
    )
  )
)
ORDER BY `__h3` ASC, `__h4` ASC, `__h5` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
