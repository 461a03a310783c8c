SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `count`, `_fields`
FROM (
  SELECT l.`_time` AS `_time`, l.`index` AS `index`, coalesce(r.`host`, l.`host`) AS `host`, l.`source` AS `source`, l.`sourcetype` AS `sourcetype`, l.`_raw` AS `_raw`, coalesce(r.`count`, l.`count`) AS `count`, coalesce(l.`__h0`, r.`__h0`) AS `__h1`, l.`_fields` AS `_fields`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `count`, `_fields`, row_number() OVER (ORDER BY `_time` DESC) AS `__h0`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, CAST(`_fields`.`count` AS Nullable(String)) AS `count`, `_fields`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
        FROM `logs`
        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
      )
    )
  ) AS l
  FULL OUTER JOIN (
    SELECT `host`, `count`, row_number() OVER (ORDER BY `host` ASC) AS `__h0`
    FROM (
      SELECT `host`, toString(`count`) AS `count`
      FROM (
        SELECT `host`, count() AS `count`
        FROM `logs`
        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND multiIf(dynamicElement(`fields`.`status`, 'String') IN ({p4:String}, {p6:String}, {p7:String}), true, length(dynamicElement(`fields`.`status`, 'String')) = 3, false, (ifNull((CAST(`fields`.`status` AS Nullable(String)) = {p4:String}) OR toFloat64OrNull(CAST(`fields`.`status` AS Nullable(String))) = {p5:Float64}, false) OR arrayExists(v -> ifNull((v = {p4:String}) OR toFloat64OrNull(v) = {p5:Float64}, false), dynamicElement(`fields`.`status`, 'Array(Nullable(String))')))))
        GROUP BY `host`
      )
      ORDER BY `host` ASC
      LIMIT 100
    )
  ) AS r ON l.`__h0` = r.`__h0`
)
ORDER BY `__h1` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
