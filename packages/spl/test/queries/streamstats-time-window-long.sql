SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `m`, `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `m`, `__h0` AS `__h2`, `__h1` AS `__h3`, `_fields`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__h0`, `__h1`, arrayReduce('maxOrNullMerge', [maxOrNullState(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String)))) OVER (ORDER BY toFloat64(intDiv(toInt64(`__ss_key`), 1000)) + (toInt64(`__ss_key`) % 1000) / 1024 RANGE BETWEEN 2592000 PRECEDING AND 1 PRECEDING), maxOrNullState(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String)))) OVER (ORDER BY toInt64(`__ss_key`) RANGE BETWEEN 999 PRECEDING AND 1 PRECEDING), maxOrNullState(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String)))) OVER (PARTITION BY toInt64(`__ss_key`) ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)]) AS `m`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__h0`, `__h1`, `__ss_pos`, if(throwIf(ifNull(or(isNull(`__ss_key`), (`__ss_key` < `__ss_last`)), false), {p4:String}) = 0, `__ss_key`, `__ss_key`) AS `__ss_key`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__h0`, `__h1`, `__ss_pos`, `__ss_key`, maxOrNull(`__ss_key`) OVER (ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS `__ss_last`
        FROM (
          SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__h0`, `__h1`, `__ss_pos`, abs((`__ss_ms` - `__ss_first`)) AS `__ss_key`
          FROM (
            SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__h0`, `__h1`, `__ss_pos`, `__ss_ms`, argMin(`__ss_ms`, `__ss_pos`) OVER () AS `__ss_first`
            FROM (
              SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__h0`, `__h1`, `__ss_pos`, (sign(((toUnixTimestamp64Milli(`_time`) / 1000) * 1000)) * floor(abs(((toUnixTimestamp64Milli(`_time`) / 1000) * 1000)) * exp10(0) + 0.5) / exp10(0)) AS `__ss_ms`
              FROM (
                SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__h0`, `__h1`, count() OVER (ORDER BY `__h0` ASC, `__h1` ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__ss_pos`
                FROM (
                  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`, isNull(`_time`) AS `__h0`, `_time` AS `__h1`
                  FROM `logs`
                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                  ORDER BY `__h0` ASC, `__h1` ASC
                  LIMIT 10000
                )
              )
            )
          )
        )
      )
    )
  )
)
ORDER BY `__h2` ASC, `__h3` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
