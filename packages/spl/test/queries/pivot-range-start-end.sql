SELECT `signature_id`, `n`
FROM (
  SELECT `__pivot_split0` AS `signature_id`, `n`, `__pivot_split0` AS `__h1`
  FROM (
    SELECT `__pivot_split0`, count() AS `n`
    FROM (
      SELECT `__pivot_split0`, `_time` AS `__h0`
      FROM (
        SELECT `_time`, if(isNull(toFloat64OrNull(CAST(`_fields`.`signature_id` AS Nullable(String)))), CAST(`_fields`.`signature_id` AS Nullable(String)), if(isNull(toFloat64OrNull(CAST(`_fields`.`signature_id` AS Nullable(String)))), NULL, concat(toString((floor(toFloat64OrNull(CAST(`_fields`.`signature_id` AS Nullable(String))) / (`__bin_width`)) * (`__bin_width`))), '-', toString((floor(toFloat64OrNull(CAST(`_fields`.`signature_id` AS Nullable(String))) / (`__bin_width`)) * (`__bin_width`)) + (`__bin_width`))))) AS `__pivot_split0`
        FROM (
          SELECT `_time`, `_fields.signature_id`, if(((`__bin_hi` - `__bin_lo`) > 0), toFloat64(pow(10, ceil(if(((`__bin_hi` - `__bin_lo`) / nullIf(100, 0)) <= 0 OR 10 <= 0 OR 10 = 1, NULL, log(((`__bin_hi` - `__bin_lo`) / nullIf(100, 0))) / log(10))))), toFloat64(1)) AS `__bin_width`
          FROM (
            SELECT `_time`, `_fields.signature_id`, minOrNull(toFloat64OrNull(CAST(`_fields`.`signature_id` AS Nullable(String)))) OVER () AS `__bin_lo`, maxOrNull(toFloat64OrNull(CAST(`_fields`.`signature_id` AS Nullable(String)))) OVER () AS `__bin_hi`
            FROM (
              SELECT `_time`, `fields`.`signature_id` AS `_fields.signature_id`
              FROM `logs`
              WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p3:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p3:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p3:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))')))) AND multiIf(isNotNull(dynamicElement(`fields`.`tag`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`tag`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`tag` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`fields`.`tag`, 'Array(Nullable(String))'))))) AND or(isNull(toFloat64OrNull(CAST(`fields`.`signature_id` AS Nullable(String)))), and((toFloat64OrNull(CAST(`fields`.`signature_id` AS Nullable(String))) >= 4000), (toFloat64OrNull(CAST(`fields`.`signature_id` AS Nullable(String))) <= 5000)))
            )
          )
        )
      )
    )
    WHERE isNotNull(`__pivot_split0`)
    GROUP BY `__pivot_split0`
  )
)
ORDER BY `__h1` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
