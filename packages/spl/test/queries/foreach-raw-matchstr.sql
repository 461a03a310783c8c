SELECT `m`
FROM (
  SELECT `m`, `_time` AS `__h0`
  FROM (
    SELECT `_time`, arrayFold((`m`, `__foreach`) -> CAST(concat(concat(concat(`m`, concat(replaceRegexpAll(`__foreach`, {p5:String}, {p8:String}), {p9:String})), arrayElement(CAST(arrayFilter(p -> NOT has({p7:Array(String)}, p.1), arrayMap(p -> (replaceRegexpOne(p.1, {p10:String}, {p6:String}), if(startsWith(JSONAllPathsWithTypes(`_fields`)[p.1], 'Array'), CAST(CAST(if(startsWith(JSONAllPathsWithTypes(`_fields`)[p.1], 'Array'), p.2, '[]') AS Array(Dynamic)) AS Array(Nullable(String))), [toNullable(p.2)])), arrayFilter(p -> match(p.1, {p10:String}) AND NOT has({p7:Array(String)}, p.1), arrayZip(JSONAllPaths(`_fields`), JSONAllValues(`_fields`))))) AS Map(String, Array(Nullable(String))))[`__foreach`], 1)), {p11:String}) AS Nullable(String)), arrayMap(k -> replaceRegexpOne(k, {p5:String}, {p6:String}), arraySort(arrayFilter(k -> match(k, {p5:String}), mapKeys(CAST(arrayFilter(p -> NOT has({p7:Array(String)}, p.1), arrayMap(p -> (replaceRegexpOne(p.1, {p5:String}, {p6:String}), if(startsWith(JSONAllPathsWithTypes(`_fields`)[p.1], 'Array'), CAST(CAST(if(startsWith(JSONAllPathsWithTypes(`_fields`)[p.1], 'Array'), p.2, '[]') AS Array(Dynamic)) AS Array(Nullable(String))), [toNullable(p.2)])), arrayFilter(p -> match(p.1, {p5:String}) AND NOT has({p7:Array(String)}, p.1) AND NOT startsWith(p.1, '_'), arrayZip(JSONAllPaths(`_fields`), JSONAllValues(`_fields`))))) AS Map(String, Array(Nullable(String)))))))), CAST(`m` AS Nullable(String))) AS `m`
    FROM (
      SELECT `_time`, `_fields`, {p4:String} AS `m`
      FROM (
        SELECT `_time`, `fields` AS `_fields`
        FROM `logs`
        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
      )
    )
  )
)
ORDER BY `__h0` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
