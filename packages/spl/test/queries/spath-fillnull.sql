SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `header`, `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, coalesce(arrayStringConcat(`header`, ' '), {p7:String}) AS `header`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, CAST(arrayFilter(v -> isNotNull(v), arrayMap(v -> if(startsWith(v, '"'), JSONExtractString(v), nullIf(v, '')), arrayMap(x -> JSONExtractRaw(x, {p6:String}), JSONExtractArrayRaw(JSONExtractRaw(JSONExtractRaw(ifNull(`_raw`, ''), {p4:String}), {p5:String}))))) AS Array(Nullable(String))) AS `header`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
      FROM `logs`
      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
    )
  )
)
ORDER BY `_time` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
