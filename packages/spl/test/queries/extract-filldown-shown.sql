SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, CAST(JSONMergePatch(ifNull(toJSONString(`__nexus_filldown_23`), '{}'), ifNull(toJSONString(`_fields`), '{}')) AS JSON) AS `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `__nexus_filldown_23`, `_fields`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, CAST(mapApply((k, v) -> (k, v.2), maxMap(mapApply((k, v) -> (k, (`__ss_pos`, v)), mapFromArrays(JSONAllPaths(`_fields`), JSONAllValues(`_fields`)))) OVER (ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) AS JSON) AS `__nexus_filldown_23`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, count() OVER (ORDER BY `_time` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__ss_pos`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, arrayMap(m -> CAST(concat('{', arrayStringConcat(arrayMap((k, v) -> concat(toJSONString(k), ':', if(length(v) = 1, toJSONString(v[1]), toJSONString(v))), mapKeys(m), mapValues(m)), ','), '}') AS JSON), [mapFilter((k, v) -> notEmpty(v), mapUpdate(CAST(arrayFilter(p -> NOT has({p6:Array(String)}, p.1), arrayMap(p -> (replaceRegexpOne(p.1, {p4:String}, {p5:String}), if(startsWith(JSONAllPathsWithTypes(`_fields`)[p.1], 'Array'), CAST(CAST(if(startsWith(JSONAllPathsWithTypes(`_fields`)[p.1], 'Array'), p.2, '[]') AS Array(Dynamic)) AS Array(Nullable(String))), [toNullable(p.2)])), arrayFilter(p -> match(p.1, {p4:String}) AND NOT has({p6:Array(String)}, p.1), arrayZip(JSONAllPaths(`_fields`), JSONAllValues(`_fields`))))) AS Map(String, Array(Nullable(String)))), arrayMap(l -> CAST(mapFromArrays(arrayDistinct(arrayMap(p -> p.1, l)), arrayMap(n -> [arrayFirst(p -> p.1 = n, l).2], arrayDistinct(arrayMap(p -> p.1, l)))) AS Map(String, Array(Nullable(String)))), [arrayFilter(p -> match(p.1, {p12:String}), arrayMap(g -> (replaceRegexpAll(g[1], {p8:String}, {p9:String}), replaceRegexpOne(g[2], {p10:String}, {p11:String})), extractAllGroupsVertical(ifNull(substringUTF8(`_raw`, if(toInt64(1) = 0, 1, toInt64(1)), toInt64(greatest(10240, 0))), ''), {p7:String})))])[1]))])[1] AS `_fields`
        FROM (
          SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
        )
      )
    )
  )
)
ORDER BY `_time` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
