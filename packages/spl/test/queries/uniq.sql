SELECT `host`, `sourcetype`
FROM (
  SELECT `host`, `sourcetype`, `__h0`, `__h1`, `__h2`
  FROM (
    SELECT `host`, `sourcetype`, `__h0`, lagInFrame(tuple(coalesce(`host`, {p4:String}), coalesce(`sourcetype`, {p4:String})), 1) OVER (ORDER BY `__h0` DESC ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS `__h1`, row_number() OVER (ORDER BY `__h0` DESC ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS `__h2`
    FROM (
      SELECT `host`, `sourcetype`, `_time` AS `__h0`
      FROM (
        SELECT `_time`, `host`, `sourcetype`
        FROM `logs`
        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
      )
    )
  )
  WHERE ifNull((isNull(coalesce(`host`, {p4:String})) OR isNull(coalesce(`sourcetype`, {p4:String}))) OR NOT (`__h2` > 1 AND `__h1` = tuple(coalesce(`host`, {p4:String}), coalesce(`sourcetype`, {p4:String}))), true)
)
ORDER BY `__h0` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
