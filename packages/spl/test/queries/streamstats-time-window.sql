SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `count`, `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, arrayReduce('countMerge', [countState() OVER (ORDER BY toInt64(`__ss_key`) RANGE BETWEEN 300000 PRECEDING AND 1 PRECEDING), countState() OVER (PARTITION BY toInt64(`__ss_key`) ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)]) AS `count`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__ss_pos`, if(throwIf(ifNull(or(isNull(`__ss_key`), (`__ss_key` < `__ss_last`)), false), {p4:String}) = 0, `__ss_key`, `__ss_key`) AS `__ss_key`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__ss_pos`, `__ss_key`, maxOrNull(`__ss_key`) OVER (ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS `__ss_last`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__ss_pos`, abs((`__ss_ms` - `__ss_first`)) AS `__ss_key`
        FROM (
          SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__ss_pos`, `__ss_ms`, argMin(`__ss_ms`, `__ss_pos`) OVER () AS `__ss_first`
          FROM (
            SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__ss_pos`, (sign(((toUnixTimestamp64Milli(`_time`) / 1000) * 1000)) * floor(abs(((toUnixTimestamp64Milli(`_time`) / 1000) * 1000)) * exp10(0) + 0.5) / exp10(0)) AS `__ss_ms`
            FROM (
              SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, count() OVER (ORDER BY `_time` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__ss_pos`
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
ORDER BY `_time` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
