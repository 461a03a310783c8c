SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `kb`, `label`, `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `kb`, `label`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, (toFloat64OrNull(CAST(`_fields`.`bytes` AS Nullable(String))) / nullIf(1024, 0)) AS `kb`, concat(concat(upperUTF8(`host`), {p4:String}), CAST(`_fields`.`status` AS Nullable(String))) AS `label`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
      FROM `logs`
      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
    )
  )
  WHERE and((`kb` > 1), (`label` != {p5:String}))
)
ORDER BY `_time` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
