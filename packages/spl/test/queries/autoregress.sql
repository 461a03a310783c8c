SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `rawlen`, `rawlen_p2`, `rawlen_p3`, `rawlen_p4`, `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `rawlen`, `rawlen_p2`, `rawlen_p3`, maxOrNull(`rawlen`) OVER (ORDER BY `_time` DESC ROWS BETWEEN 4 PRECEDING AND 4 PRECEDING) AS `rawlen_p4`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `rawlen`, `rawlen_p2`, maxOrNull(`rawlen`) OVER (ORDER BY `_time` DESC ROWS BETWEEN 3 PRECEDING AND 3 PRECEDING) AS `rawlen_p3`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `rawlen`, maxOrNull(`rawlen`) OVER (ORDER BY `_time` DESC ROWS BETWEEN 2 PRECEDING AND 2 PRECEDING) AS `rawlen_p2`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, lengthUTF8(`_raw`) AS `rawlen`
        FROM (
          SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
        )
      )
    )
  )
)
ORDER BY `_time` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
