SELECT `host`, count() AS `count`
FROM (
  SELECT `host`, `_time` AS `__h0`
  FROM (
    SELECT `_time`, `host`
    FROM `logs`
    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND ifNull(ilike(`sourcetype`, {p4:String}), false) AND hasToken(lower(`_raw`), {p5:String}))
  )
)
WHERE isNotNull(`host`)
GROUP BY `host`
ORDER BY `host` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
