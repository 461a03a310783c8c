SELECT `_time`, `_raw`, `index`, `host`, `source`, `sourcetype`, CAST(JSONMergePatch(toJSONString(`_fields`), toJSONString(CAST(mapFromArrays(arrayMap(n -> assumeNotNull(n), arrayFilter(n -> isNotNull(n) AND NOT has(JSONAllPaths(`_fields`), assumeNotNull(n)), `__nexus_fillnull_311`)), arrayMap(n -> {p6:String}, arrayMap(n -> assumeNotNull(n), arrayFilter(n -> isNotNull(n) AND NOT has(JSONAllPaths(`_fields`), assumeNotNull(n)), `__nexus_fillnull_311`)))) AS Map(String, String)))) AS JSON) AS `_fields`
FROM (
  SELECT `_time`, `_raw`, `index`, `host`, `source`, `sourcetype`, `_fields`, arraySort(groupUniqArrayArray(arraySort(JSONAllPaths(`_fields`))) OVER ()) AS `__nexus_fillnull_311`
  FROM (
    SELECT `_time`, `_raw`, `index`, `host`, `source`, `sourcetype`, CAST(JSONMergePatch(ifNull(toJSONString(`_fields`), '{}'), toJSONString(CAST(toJSONString(CAST(mapFromArrays(arrayMap(p -> p.1, arrayFilter(p -> multiIf(match(p.2, {p4:String}), replaceRegexpOne(p.2, {p4:String}, {p5:String}), p.2) != p.2, arrayMap(p -> (p.1, ifNull(CAST(p.2 AS Nullable(String)), '')), arrayFilter(p -> NOT startsWith(JSONAllPathsWithTypes(`_fields`)[p.1], 'Array'), arrayZip(JSONAllPaths(`_fields`), JSONAllValues(`_fields`)))))), arrayMap(p -> multiIf(match(p.2, {p4:String}), replaceRegexpOne(p.2, {p4:String}, {p5:String}), p.2), arrayFilter(p -> multiIf(match(p.2, {p4:String}), replaceRegexpOne(p.2, {p4:String}, {p5:String}), p.2) != p.2, arrayMap(p -> (p.1, ifNull(CAST(p.2 AS Nullable(String)), '')), arrayFilter(p -> NOT startsWith(JSONAllPathsWithTypes(`_fields`)[p.1], 'Array'), arrayZip(JSONAllPaths(`_fields`), JSONAllValues(`_fields`))))))) AS Map(String, String))) AS JSON)), toJSONString(CAST(toJSONString(CAST(mapFromArrays(arrayMap(p -> p.1, arrayMap(p -> (p.1, arrayMap(x -> ifNull(x, ''), CAST(p.2 AS Array(Nullable(String))))), arrayFilter(p -> startsWith(JSONAllPathsWithTypes(`_fields`)[p.1], 'Array'), arrayZip(JSONAllPaths(`_fields`), JSONAllValues(`_fields`))))), arrayMap(p -> arrayMap(x -> multiIf(match(x, {p4:String}), replaceRegexpOne(x, {p4:String}, {p5:String}), x), p.2), arrayMap(p -> (p.1, arrayMap(x -> ifNull(x, ''), CAST(p.2 AS Array(Nullable(String))))), arrayFilter(p -> startsWith(JSONAllPathsWithTypes(`_fields`)[p.1], 'Array'), arrayZip(JSONAllPaths(`_fields`), JSONAllValues(`_fields`)))))) AS Map(String, Array(String)))) AS JSON))) AS JSON) AS `_fields`
    FROM (
      SELECT `_time`, `_raw`, `index`, `host`, `source`, `sourcetype`, CAST(JSONMergePatch(ifNull(toJSONString(`__nexus_filldown_278`), '{}'), ifNull(toJSONString(`_fields`), '{}')) AS JSON) AS `_fields`
      FROM (
        SELECT `_time`, `_raw`, `__nexus_filldown_278`, `_fields`, if(coalesce(match(`index`, {p4:String}), false), replaceRegexpOne(`index`, {p4:String}, {p5:String}), `index`) AS `index`, if(coalesce(match(`host`, {p4:String}), false), replaceRegexpOne(`host`, {p4:String}, {p5:String}), `host`) AS `host`, if(coalesce(match(`source`, {p4:String}), false), replaceRegexpOne(`source`, {p4:String}, {p5:String}), `source`) AS `source`, if(coalesce(match(`sourcetype`, {p4:String}), false), replaceRegexpOne(`sourcetype`, {p4:String}, {p5:String}), `sourcetype`) AS `sourcetype`
        FROM (
          SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `__nexus_filldown_278`, `_fields`
          FROM (
            SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, CAST(mapApply((k, v) -> (k, v.2), maxMap(mapApply((k, v) -> (k, (`__ss_pos`, v)), mapFromArrays(JSONAllPaths(`_fields`), JSONAllValues(`_fields`)))) OVER (ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) AS JSON) AS `__nexus_filldown_278`
            FROM (
              SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, count() OVER (ORDER BY `_time` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__ss_pos`
              FROM (
                SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, CAST(toJSONString(`_fields`) AS JSON(SKIP `session`)) AS `_fields`
                FROM (
                  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`
                  FROM (
                    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
                    FROM `logs`
                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                  )
                )
              )
            )
          )
        )
      )
    )
  )
)
ORDER BY `_time` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
