SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, CAST(JSONMergePatch(ifNull(toJSONString(`_fields`), '{}'), ifNull(toJSONString(`__nexus_stats_397`), '{}')) AS JSON) AS `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, CAST(toJSONString(maxArrayMap(mapFilter((k, v) -> notEmpty(v), mapApply((k, v) -> (k, arrayMap(x -> assumeNotNull(x), arrayFilter(x -> isNotNull(x), arrayMap(x -> toFloat64OrNull(x), v)))), CAST(arrayFilter(p -> NOT has({p7:Array(String)}, p.1), arrayMap(p -> (replaceRegexpOne(p.1, {p4:String}, {p5:String}), if(startsWith(JSONAllPathsWithTypes(`_fields`)[p.1], 'Array'), CAST(CAST(if(startsWith(JSONAllPathsWithTypes(`_fields`)[p.1], 'Array'), p.2, '[]') AS Array(Dynamic)) AS Array(Nullable(String))), [toNullable(p.2)])), arrayFilter(p -> match(p.1, {p4:String}) AND NOT has({p6:Array(String)}, p.1) AND NOT startsWith(p.1, '_'), arrayZip(JSONAllPaths(`_fields`), JSONAllValues(`_fields`))))) AS Map(String, Array(Nullable(String))))))) OVER (PARTITION BY `host`)) AS JSON) AS `__nexus_stats_397`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
    FROM `logs`
    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
  )
)
ORDER BY `_time` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
