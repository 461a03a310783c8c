SELECT `firstfive`, `off`
FROM (
  SELECT if(isNotNull(if(empty(extractGroups(`list`, {p2:String})), NULL, arrayElement(extractGroups(`list`, {p2:String}), 1))), concat({p3:String}, toString(((0 + lengthUTF8(if(empty(extractGroups(`list`, {p2:String})), NULL, arrayElement(extractGroups(`list`, {p2:String}), 1)))) + lengthUTF8(if(empty(extractGroups(`list`, {p2:String})), NULL, arrayElement(extractGroups(`list`, {p2:String}), 2))))), {p4:String}, toString(((((0 + lengthUTF8(if(empty(extractGroups(`list`, {p2:String})), NULL, arrayElement(extractGroups(`list`, {p2:String}), 1)))) + lengthUTF8(if(empty(extractGroups(`list`, {p2:String})), NULL, arrayElement(extractGroups(`list`, {p2:String}), 2)))) + lengthUTF8(if(empty(extractGroups(`list`, {p2:String})), NULL, arrayElement(extractGroups(`list`, {p2:String}), 3)))) - 1))), NULL) AS `off`, if(empty(extractGroups(`list`, {p5:String})), NULL, arrayElement(extractGroups(`list`, {p5:String}), 1)) AS `firstfive`
  FROM (
    SELECT {p1:String} AS `list`
    FROM (
      SELECT fromUnixTimestamp64Milli({p0:Int64}, 'UTC') AS `_time`
      FROM numbers(1)
    )
  )
)
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
