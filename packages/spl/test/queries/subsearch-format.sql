SELECT `host`, count() AS `count`
FROM `logs`
WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND arrayExists(t -> (ifNull(lowerUTF8(toString(`host`)) = t.1, false) OR ifNull(lowerUTF8(toString(CAST(`fields`.`user` AS Nullable(String)))) = t.2, false)), (SELECT groupArray(tuple(lowerUTF8(toString(`host`)), lowerUTF8(toString(`user`)))) FROM (SELECT * FROM (
  SELECT `host`, `user`, `_time`, `_raw`
  FROM (
    SELECT `host`, CAST(`_fields`.`user` AS Nullable(String)) AS `user`, `_time`, `_raw`
    FROM (
      SELECT `_time`, `host`, `_raw`, `fields`.`user` AS `_fields.user`
      FROM `logs`
      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p4:String})
    )
  )
) LIMIT 100))))
GROUP BY `host`
ORDER BY `host` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
