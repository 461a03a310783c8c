SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__h0`, `__h1`, `__h2`, `__h3`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__h0`, `__h1`, `__h2`, maxIf(`__h1`, `__h2`) OVER (ORDER BY `__h1` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__h3`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__h0`, `__h1`, ifNull(NOT (`__h1` > 1 AND `__h0` = tuple(`source`)), true) AS `__h2`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, lagInFrame(tuple(`source`), 1) OVER (ORDER BY `_time` DESC ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS `__h0`, row_number() OVER (ORDER BY `_time` DESC ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS `__h1`
        FROM (
          SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
        )
        WHERE isNotNull(`source`)
      )
    )
  )
  WHERE `__h1` - `__h3` < 3
)
ORDER BY `_time` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
