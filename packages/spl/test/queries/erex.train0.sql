SELECT `erex_trainer`
FROM (
  SELECT `_raw` AS `erex_trainer`, `_time` AS `__h0`
  FROM (
    SELECT `_time`, `_raw`
    FROM `logs`
    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND ifNull((lowerUTF8(`sourcetype`) = {p4:String}), false)) AND coalesce(match(`_raw`, {p5:String}), false)
    ORDER BY `_time` DESC
    LIMIT 50
  )
)
ORDER BY `__h0` DESC
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
{
  "p0": "acme",
  "p1": 1704801600000,
  "p2": 1704888000000,
  "p3": "main",
  "p4": "fw",
  "p5": "8080|443|22"
}
