SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
FROM `logs`
WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND arrayExists(t -> (isNull(t.1) OR ifNull(match(`_raw`, concat({p8:String}, replaceRegexpAll(t.1, {p6:String}, {p7:String}), {p9:String})), false)), (SELECT groupArray(tuple(lowerUTF8(toString(`$srcip`)))) FROM (SELECT * FROM (
  SELECT `$srcip`
  FROM (
    SELECT CAST(`_fields`.`srcip` AS Nullable(String)) AS `$srcip`, `_time` AS `__h0`
    FROM (
      SELECT `_time`, `fields` AS `_fields`
      FROM `logs`
      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p4:String}) AND multiIf(isNotNull(dynamicElement(`fields`.`action`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`action`, 'String')) = {p5:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`action` AS Nullable(String))) = {p5:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p5:String}), false), dynamicElement(`fields`.`action`, 'Array(Nullable(String))')))))
      ORDER BY `_time` DESC
      LIMIT 2
    )
  )
) LIMIT 10000))))
ORDER BY `_time` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
