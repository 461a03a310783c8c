SELECT `totalUsers`, `variableA`, `variableB`
FROM (
  SELECT `totalUsers`, `variableA`, `__h1`, (`variableA` / nullIf(`totalUsers`, 0)) AS `variableB`
  FROM (
    SELECT l.`totalUsers` AS `totalUsers`, r.`variableA` AS `variableA`, coalesce(l.`__h0`, r.`__h0`) AS `__h1`
    FROM (
      SELECT `totalUsers`, row_number() OVER () AS `__h0`
      FROM (
        SELECT `totalUsers`
        FROM (
          SELECT uniqExactArray(if(notEmpty(if(startsWith(dynamicType(`fields`.`userID`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`userID`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), if(startsWith(dynamicType(`fields`.`userID`), 'Array'), JSONExtract(ifNull(toJSONString(`fields`.`userID`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))), if(isNull(CAST(`fields`.`userID` AS Nullable(String))), CAST([] AS Array(Nullable(String))), [toNullable(toString(CAST(`fields`.`userID` AS Nullable(String))))]))) AS `totalUsers`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
        )
      )
    ) AS l
    FULL OUTER JOIN (
      SELECT `variableA`, row_number() OVER () AS `__h0`
      FROM (
        SELECT `variableA`
        FROM (
          SELECT count(CAST(`fields`.`field` AS Nullable(String))) AS `variableA`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND hasToken(lower(`_raw`), {p4:String}))
        )
        LIMIT 50000
      )
    ) AS r ON l.`__h0` = r.`__h0`
  )
)
ORDER BY `__h1` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
