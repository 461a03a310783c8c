SELECT `totalCount`, `half`
FROM (
  SELECT `half`, if(isNull(`totalCount`), NULL, if(empty(extractGroups(toString((sign(`totalCount`) * floor(abs(`totalCount`) * 100 + 0.5) / 100)), '^([^0-9]*)([0-9]+)(.*)$')), toString((sign(`totalCount`) * floor(abs(`totalCount`) * 100 + 0.5) / 100)), concat(arrayElement(extractGroups(toString((sign(`totalCount`) * floor(abs(`totalCount`) * 100 + 0.5) / 100)), '^([^0-9]*)([0-9]+)(.*)$'), 1), reverse(trimRight(replaceRegexpAll(reverse(arrayElement(extractGroups(toString((sign(`totalCount`) * floor(abs(`totalCount`) * 100 + 0.5) / 100)), '^([^0-9]*)([0-9]+)(.*)$'), 2)), '([0-9]{3})', '\\1,'), ',')), arrayElement(extractGroups(toString((sign(`totalCount`) * floor(abs(`totalCount`) * 100 + 0.5) / 100)), '^([^0-9]*)([0-9]+)(.*)$'), 3)))) AS `totalCount`
  FROM (
    SELECT `totalCount`, (`totalCount` / nullIf(2, 0)) AS `half`
    FROM (
      SELECT count() AS `totalCount`
      FROM `logs`
      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
    )
  )
)
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
