SELECT `size`, `count`
FROM (
  SELECT `size`, `count`, `__nexus_bin_index` AS `__h1`, `__h0` AS `__h2`
  FROM (
    SELECT `__nexus_bin_index`, `count`, `size` AS `__h0`, coalesce(`size`, if(isNull(((`__nexus_bin_index` + toFloat64(0.5)) * 10)), NULL, concat(toString((floor(((`__nexus_bin_index` + toFloat64(0.5)) * 10) / 10) * 10)), '-', toString((floor(((`__nexus_bin_index` + toFloat64(0.5)) * 10) / 10) * 10) + 10)))) AS `size`
    FROM (
      SELECT `__nexus_bin_index`, `size`, count() AS `count`
      FROM (
        SELECT `_time`, if(true, toFloat64(coalesce(toFloat64(floor((toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String))) / nullIf(10, 0)))), toFloat64(6))), toFloat64(NULL)) AS `__nexus_bin_index`, if(isNull(toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String)))), CAST(`_fields`.`size` AS Nullable(String)), if(isNull(toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String)))), NULL, concat(toString((floor(toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String))) / 10) * 10)), '-', toString((floor(toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String))) / 10) * 10) + 10)))) AS `size`
        FROM (
          SELECT `_time`, `fields`.`size` AS `_fields.size`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String}) AND or(isNull(toFloat64OrNull(CAST(`fields`.`size` AS Nullable(String)))), and((toFloat64OrNull(CAST(`fields`.`size` AS Nullable(String))) >= 10), (toFloat64OrNull(CAST(`fields`.`size` AS Nullable(String))) <= 50)))
        )
      )
      WHERE isNotNull(`size`)
      GROUP BY `__nexus_bin_index`, `size`
      ORDER BY `__nexus_bin_index` ASC WITH FILL FROM {p4:Float64} TO {p5:Float64} STEP {p4:Float64}, `size` ASC
    )
  )
)
ORDER BY `__h1` ASC, `__h2` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
