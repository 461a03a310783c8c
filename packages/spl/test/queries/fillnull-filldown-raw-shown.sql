SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, CAST(JSONMergePatch(ifNull(toJSONString(`__nexus_filldown_384`), '{}'), ifNull(toJSONString(`_fields`), '{}')) AS JSON) AS `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `__nexus_filldown_384`, `_fields`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, CAST(mapApply((k, v) -> (k, v.2), maxMap(mapApply((k, v) -> (k, (`__ss_pos`, v)), mapFromArrays(JSONAllPaths(`_fields`), JSONAllValues(`_fields`)))) OVER (ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) AS JSON) AS `__nexus_filldown_384`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, count() OVER (ORDER BY `_time` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__ss_pos`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, CAST(JSONMergePatch(toJSONString(`_fields`), toJSONString(CAST(mapFromArrays(arrayMap(n -> assumeNotNull(n), arrayFilter(n -> isNotNull(n) AND NOT has(JSONAllPaths(`_fields`), assumeNotNull(n)), `__nexus_fillnull_364`)), arrayMap(n -> {p4:String}, arrayMap(n -> assumeNotNull(n), arrayFilter(n -> isNotNull(n) AND NOT has(JSONAllPaths(`_fields`), assumeNotNull(n)), `__nexus_fillnull_364`)))) AS Map(String, String)))) AS JSON) AS `_fields`
        FROM (
          SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, arraySort(groupUniqArrayArray(arraySort(JSONAllPaths(`_fields`))) OVER ()) AS `__nexus_fillnull_364`
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
ORDER BY `_time` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
