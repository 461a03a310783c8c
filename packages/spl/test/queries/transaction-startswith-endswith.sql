SELECT `clientip`, `duration`, `eventcount`, `productId`
FROM (
  SELECT `clientip`, `duration`, `eventcount`, if(startsWith(dynamicType(`_fields`.`productId`), 'Array'), if(empty(if(startsWith(dynamicType(`_fields`.`productId`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`productId`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), NULL, CAST(if(startsWith(dynamicType(`_fields`.`productId`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`productId`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))) AS Variant(Array(Nullable(String)), String))), CAST(CAST(`_fields`.`productId` AS Nullable(String)) AS Variant(Array(Nullable(String)), String))) AS `productId`, `_time` AS `__h16`
  FROM (
    SELECT `_time`, `clientip`, `duration`, `eventcount`, `_fields`
    FROM (
      SELECT fromUnixTimestamp64Milli(min(`__h1`), 'UTC') AS `_time`, arrayStringConcat(arrayMap(x -> x.2, arrayReverseSort(x -> x.1, groupArray((`__h6`, `__h2`)))), '\n') AS `_raw`, `__h0` AS `clientip`, (max(`__h1`) - min(`__h1`)) / 1000 AS `duration`, count() AS `eventcount`, toUInt8((argMax(`__h3`, `__h6`) OR argMax(`__h12`, `__h6`))) AS `closed_txn`, CAST(concat('{', arrayStringConcat(arrayMap(e -> concat(toJSONString(e.1), ':', if(length(e.2) = 1, toJSONString(e.2[1]), toJSONString(e.2))), arrayMap(f -> (f, arrayFlatten(arrayMap(m -> if(has(arrayMap(x -> x.1, m), f), arrayMap(x -> x.2, arrayFilter(x -> x.1 = f, m)), [toNullable({p11:String})]), arrayMap(x -> x.2, arrayReverseSort(x -> x.1, groupArray((`__h6`, `__h5`))))))), arraySort(arrayDistinct(arrayFlatten(arrayMap(m -> arrayMap(x -> x.1, m), arrayMap(x -> x.2, arrayReverseSort(x -> x.1, groupArray((`__h6`, `__h5`)))))))))), ','), '}') AS JSON) AS `_fields`
      FROM (
        SELECT `__h0`, `__h1`, `__h2`, `__h3`, `__h5`, `__h6`, (`__h13`, intDiv((`__h6` - `__h14`), 1000)) AS `__h11`, any((`__h10` OR ((`__h6` - `__h14`) > 0 AND (`__h6` - `__h14`) % 1000 = 0))) OVER (PARTITION BY `__h0` ORDER BY `__h6` ROWS BETWEEN 1 FOLLOWING AND 1 FOLLOWING) AS `__h12`
        FROM (
          SELECT `__h0`, `__h1`, `__h2`, `__h3`, `__h5`, `__h6`, false AS `__h10`, sum(toUInt64(`__h6` = 1 OR `__h4` OR `__h8`)) OVER (PARTITION BY `__h0` ORDER BY `__h6` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__h13`, max(if(`__h6` = 1 OR `__h4` OR `__h8`, `__h6`, 0)) OVER (PARTITION BY `__h0` ORDER BY `__h6` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__h14`
          FROM (
            SELECT `__h0`, `__h1`, `__h2`, `__h3`, `__h5`, `__h4`, row_number() OVER (PARTITION BY `__h0` ORDER BY `__h1` DESC) AS `__h6`, any(`__h3`) OVER (PARTITION BY `__h0` ORDER BY `__h1` DESC ROWS BETWEEN 1 PRECEDING AND 1 PRECEDING) AS `__h8`
            FROM (
              SELECT CAST(`_fields`.`clientip` AS Nullable(String)) AS `__h0`, toUnixTimestamp64Milli(`_time`) AS `__h1`, ifNull(toString(`_raw`), '') AS `__h2`, multiIf(isNotNull(dynamicElement(`_fields`.`action`, 'String')), ifNull((lowerUTF8(dynamicElement(`_fields`.`action`, 'String')) = {p4:String}), false), (ifNull((lowerUTF8(CAST(`_fields`.`action` AS Nullable(String))) = {p4:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p4:String}), false), dynamicElement(`_fields`.`action`, 'Array(Nullable(String))')))) AS `__h3`, coalesce((CAST(`_fields`.`action` AS Nullable(String)) = {p5:String}), false) AS `__h4`, arrayFilter(x -> isNotNull(x.2) AND x.2 != '', arrayConcat(arrayMap(v -> ({p6:String}, v), if(isNull(`index`), CAST([] AS Array(Nullable(String))), [toNullable(toString(`index`))])), arrayMap(v -> ({p7:String}, v), if(isNull(`host`), CAST([] AS Array(Nullable(String))), [toNullable(toString(`host`))])), arrayMap(v -> ({p8:String}, v), if(isNull(`source`), CAST([] AS Array(Nullable(String))), [toNullable(toString(`source`))])), arrayMap(v -> ({p9:String}, v), if(isNull(`sourcetype`), CAST([] AS Array(Nullable(String))), [toNullable(toString(`sourcetype`))])), arrayFilter(x -> NOT has({p10:Array(String)}, x.1), arrayFlatten(arrayMap((f, x) -> if(startsWith(JSONAllPathsWithTypes(`_fields`)[f], 'Array('), arrayMap(v -> (f, toNullable(toString(v))), CAST(x AS Array(Dynamic))), [(f, toNullable(x))]), JSONAllPaths(`_fields`), JSONAllValues(`_fields`)))))) AS `__h5`
              FROM (
                SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
                FROM `logs`
                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ifNull(ilike(`sourcetype`, {p3:String}), false)
              )
              WHERE NOT (isNull(`__h0`))
            )
          )
        )
      )
      GROUP BY `__h0`, `__h11`
    )
    WHERE (`closed_txn` = 1)
  )
)
ORDER BY `__h16` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
