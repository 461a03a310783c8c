SELECT `_time`, `bytes`, count() AS `count`
FROM (
  SELECT `_time`, `bytes`, `__h0` AS `__h1`
  FROM (
    SELECT `__h0`, `_time`, if(isNull(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String)))), CAST(`_fields`.`bytes` AS Nullable(String)), if(isNull(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String)))), NULL, concat(toString((floor(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String))) / (`__bin_width`)) * (`__bin_width`))), '-', toString((floor(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String))) / (`__bin_width`)) * (`__bin_width`)) + (`__bin_width`))))) AS `bytes`
    FROM (
      SELECT `_fields.bytes`, `__h0`, `_time`, if(((if((`__bin_hi` > 1000), toFloat64(`__bin_hi`), toFloat64(1000)) - if((`__bin_lo` < 0), toFloat64(`__bin_lo`), toFloat64(0))) > 0), toFloat64(pow(10, ceil(if(((if((`__bin_hi` > 1000), toFloat64(`__bin_hi`), toFloat64(1000)) - if((`__bin_lo` < 0), toFloat64(`__bin_lo`), toFloat64(0))) / nullIf(10, 0)) <= 0 OR 10 <= 0 OR 10 = 1, NULL, log(((if((`__bin_hi` > 1000), toFloat64(`__bin_hi`), toFloat64(1000)) - if((`__bin_lo` < 0), toFloat64(`__bin_lo`), toFloat64(0))) / nullIf(10, 0))) / log(10))))), toFloat64(1)) AS `__bin_width`
      FROM (
        SELECT `_fields.bytes`, `__h0`, `_time`, minOrNull(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String)))) OVER () AS `__bin_lo`, maxOrNull(toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String)))) OVER () AS `__bin_hi`
        FROM (
          SELECT `_fields.bytes`, `_time` AS `__h0`, toDateTime64(fromUnixTimestamp64Milli(intDiv(toUnixTimestamp64Milli(`_time`) - 1200000, 3600000) * 3600000 + 1200000, 'UTC'), 3, 'UTC') AS `_time`
          FROM (
            SELECT `_time`, `fields`.`bytes` AS `_fields.bytes`
            FROM `logs`
            WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
          )
        )
      )
    )
  )
)
WHERE isNotNull(`_time`) AND isNotNull(`bytes`)
GROUP BY `_time`, `bytes`
ORDER BY `_time` ASC, `bytes` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
