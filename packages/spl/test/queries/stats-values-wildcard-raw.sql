SELECT `user`, `count`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`
FROM (
  SELECT CAST(`fields`.`user` AS Nullable(String)) AS `user`, count() AS `count`, mapSort(mapFilter((k, v) -> notEmpty(v), mapApply((k, v) -> (k, arraySort(arrayFilter(x -> isNotNull(x), v))), groupUniqArrayArrayMap(CAST(arrayFilter(p -> NOT has({p7:Array(String)}, p.1), arrayMap(p -> (replaceRegexpOne(p.1, {p4:String}, {p5:String}), if(startsWith(JSONAllPathsWithTypes(`fields`)[p.1], 'Array'), CAST(CAST(if(startsWith(JSONAllPathsWithTypes(`fields`)[p.1], 'Array'), p.2, '[]') AS Array(Dynamic)) AS Array(Nullable(String))), [toNullable(p.2)])), arrayFilter(p -> match(p.1, {p4:String}) AND NOT has({p6:Array(String)}, p.1) AND NOT startsWith(p.1, '_'), arrayZip(JSONAllPaths(`fields`), JSONAllValues(`fields`))))) AS Map(String, Array(Nullable(String)))))))) AS `_series`
  FROM `logs`
  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ifNull((lowerUTF8(`sourcetype`) = {p3:String}), false) AND isNotNull(CAST(`fields`.`user` AS Nullable(String)))
  GROUP BY `user`
)
ORDER BY `user` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
