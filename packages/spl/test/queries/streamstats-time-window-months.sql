SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `s`, `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `s`, `__h0` AS `__h2`, `__h1` AS `__h3`, `_fields`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__h0`, `__h1`, if(isNull(`host`), NULL, arrayReduce('sumOrNullMerge', [sumOrNullState(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String)))) OVER (PARTITION BY `host` ORDER BY toFloat64(intDiv(toInt64(`__ss_key`), 1000)) + (toInt64(`__ss_key`) % 1000) / 1024 RANGE BETWEEN 5529600 PRECEDING AND 1 PRECEDING), sumOrNullState(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String)))) OVER (PARTITION BY `host` ORDER BY toInt64(`__ss_key`) RANGE BETWEEN 999 PRECEDING AND 1 PRECEDING), sumOrNullState(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String)))) OVER (PARTITION BY `host`, toInt64(`__ss_key`) ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)])) AS `s`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__h0`, `__h1`, `__ss_pos`, if(throwIf(ifNull(or(isNull(`__ss_key`), (`__ss_key` < `__ss_last`)), false), {p5:String}) = 0, `__ss_key`, `__ss_key`) AS `__ss_key`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__h0`, `__h1`, `__ss_pos`, `__ss_key`, maxOrNull(`__ss_key`) OVER (ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS `__ss_last`
        FROM (
          SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__h0`, `__h1`, `__ss_pos`, abs((`__ss_ms` - `__ss_first`)) AS `__ss_key`
          FROM (
            SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__h0`, `__h1`, `__ss_pos`, `__ss_ms`, argMin(`__ss_ms`, `__ss_pos`) OVER () AS `__ss_first`
            FROM (
              SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__h0`, `__h1`, `__ss_pos`, ((toInt64(toYear(toDateTime64((toUnixTimestamp64Milli(`_time`) / 1000), 3, {p4:String}))) * 12 + toMonth(toDateTime64((toUnixTimestamp64Milli(`_time`) / 1000), 3, {p4:String})) - 1) * 2764800000 + toUnixTimestamp64Milli(toDateTime64((toUnixTimestamp64Milli(`_time`) / 1000), 3, {p4:String})) - toUnixTimestamp64Milli(toDateTime64(toStartOfMonth(toDateTime64((toUnixTimestamp64Milli(`_time`) / 1000), 3, {p4:String})), 3, {p4:String}))) AS `__ss_ms`
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
