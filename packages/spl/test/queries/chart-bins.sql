SELECT `size`, `max(delay)`
FROM (
  SELECT `size`, `max(delay)`, `__nexus_bin_index` AS `__h2`, `__nexus_bin_width` AS `__h3`, `__h1` AS `__h4`
  FROM (
    SELECT `__nexus_bin_index`, `__nexus_bin_width`, `max(delay)`, `size` AS `__h1`, coalesce(`size`, if(isNull(((`__nexus_bin_index` + toFloat64(0.5)) * `__nexus_bin_width_all`)), NULL, concat(toString((floor(((`__nexus_bin_index` + toFloat64(0.5)) * `__nexus_bin_width_all`) / (`__nexus_bin_width_all`)) * (`__nexus_bin_width_all`))), '-', toString((floor(((`__nexus_bin_index` + toFloat64(0.5)) * `__nexus_bin_width_all`) / (`__nexus_bin_width_all`)) * (`__nexus_bin_width_all`)) + (`__nexus_bin_width_all`))))) AS `size`
    FROM (
      SELECT `__nexus_bin_index`, `__nexus_bin_width`, `size`, `max(delay)`, maxOrNull(`__nexus_bin_width`) OVER () AS `__nexus_bin_width_all`
      FROM (
        SELECT `__nexus_bin_index`, `__nexus_bin_width`, `size`, maxOrNull(toFloat64OrNull(CAST(`_fields`.`delay` AS Nullable(String)))) AS `max(delay)`
        FROM (
          SELECT `size`, `__nexus_bin_index`, `__nexus_bin_width`, `_time` AS `__h0`, `_fields.delay`
          FROM (
            SELECT `_time`, `_fields.delay`, if(true, toFloat64(floor((toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String))) / nullIf(`__bin_width`, 0)))), toFloat64(NULL)) AS `__nexus_bin_index`, `__bin_width` AS `__nexus_bin_width`, if(isNull(toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String)))), CAST(`_fields`.`size` AS Nullable(String)), if(isNull(toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String)))), NULL, concat(toString((floor(toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String))) / (`__bin_width`)) * (`__bin_width`))), '-', toString((floor(toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String))) / (`__bin_width`)) * (`__bin_width`)) + (`__bin_width`))))) AS `size`
            FROM (
              SELECT `_time`, `_fields.size`, `_fields.delay`, if(((`__bin_hi` - `__bin_lo`) > 0), toFloat64(pow(10, ceil(if(((`__bin_hi` - `__bin_lo`) / nullIf(10, 0)) <= 0 OR 10 <= 0 OR 10 = 1, NULL, log(((`__bin_hi` - `__bin_lo`) / nullIf(10, 0))) / log(10))))), toFloat64(1)) AS `__bin_width`
              FROM (
                SELECT `_time`, `_fields.size`, `_fields.delay`, minOrNull(toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String)))) OVER () AS `__bin_lo`, maxOrNull(toFloat64OrNull(CAST(`_fields`.`size` AS Nullable(String)))) OVER () AS `__bin_hi`
                FROM (
                  SELECT `_time`, `fields`.`size` AS `_fields.size`, `fields`.`delay` AS `_fields.delay`
                  FROM `logs`
                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                )
              )
            )
          )
        )
        WHERE isNotNull(`size`)
        GROUP BY `__nexus_bin_index`, `__nexus_bin_width`, `size`
        ORDER BY `__nexus_bin_index` ASC WITH FILL STEP {p4:Float64}, `__nexus_bin_width` ASC, `size` ASC
      )
    )
  )
)
ORDER BY `__h2` ASC, `__h3` ASC, `__h4` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
