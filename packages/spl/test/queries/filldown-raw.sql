SELECT `_raw`, `count`, `e`
FROM (
  SELECT `_raw`, coalesce(CAST(`_fields`.`count` AS Nullable(String)), CAST(`__nexus_filldown_48`.`count` AS Nullable(String))) AS `count`, `e`, `__h0` AS `__h1`
  FROM (
    SELECT `_raw`, `e`, `__nexus_filldown_48`, `_time` AS `__h0`, `_fields`
    FROM (
      SELECT `_time`, `_raw`, `_fields`, `__nexus_filldown_48`, `__fd0` AS `e`
      FROM (
        SELECT `_time`, `_raw`, `_fields`, CAST(mapApply((k, v) -> (k, v.2), maxMap(mapApply((k, v) -> (k, (`__ss_pos`, v)), mapFromArrays(JSONAllPaths(`_fields`), JSONAllValues(`_fields`)))) OVER (ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) AS JSON) AS `__nexus_filldown_48`, argMax(`e`, `__ss_pos`) OVER (ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__fd0`
        FROM (
          SELECT `_time`, `_raw`, `_fields`, `e`, count() OVER (ORDER BY `_time` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__ss_pos`
          FROM (
            SELECT `_time`, `_raw`, `_fields`, if((`_raw` = {p4:String}), {p5:String}, NULL) AS `e`
            FROM (
              SELECT `_time`, `_raw`, `fields` AS `_fields`
              FROM `logs`
              WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ifNull((lowerUTF8(`host`) = {p3:String}), false)
            )
          )
        )
      )
    )
  )
)
ORDER BY `__h1` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
