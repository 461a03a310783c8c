SELECT `host`, `bytes`
FROM (
  SELECT `host`, if(startsWith(dynamicType(`_fields`.`bytes`), 'Array'), if(empty(if(startsWith(dynamicType(`_fields`.`bytes`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`bytes`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String))))), NULL, CAST(if(startsWith(dynamicType(`_fields`.`bytes`), 'Array'), JSONExtract(ifNull(toJSONString(`_fields`.`bytes`), '[]'), 'Array(Nullable(String))'), CAST([] AS Array(Nullable(String)))) AS Variant(Array(Nullable(String)), String))), CAST(CAST(`_fields`.`bytes` AS Nullable(String)) AS Variant(Array(Nullable(String)), String))) AS `bytes`, `__h0` AS `__h1`
  FROM (
    SELECT `host`, `_time` AS `__h0`, `_fields`
    FROM (
      SELECT `_time`, `_fields`, `__mvcombine_values` AS `host`
      FROM (
        SELECT `_time`, `_fields`, `__mvcombine_values`, `__mvcombine_n`, if(isNull(arrayStringConcat(arrayMap(p -> if(isNull(if(isNull(p.2), NULL, replaceAll(toJSONString(p.2), '\\/', '/'))), '', concat(',', replaceAll(toJSONString(p.1), '\\/', '/'), ':', if(isNull(p.2), NULL, replaceAll(toJSONString(p.2), '\\/', '/')))), arrayFilter(p -> NOT has({p6:Array(String)}, p.1), arraySort(p -> p.1, arrayZip(JSONAllPaths(`_fields`), JSONAllValues(`_fields`))))), '')), NULL, count() OVER (PARTITION BY coalesce(`index`, {p4:String}), coalesce(`source`, {p4:String}), coalesce(`sourcetype`, {p4:String}), arrayStringConcat(arrayMap(p -> if(isNull(if(isNull(p.2), NULL, replaceAll(toJSONString(p.2), '\\/', '/'))), '', concat(',', replaceAll(toJSONString(p.1), '\\/', '/'), ':', if(isNull(p.2), NULL, replaceAll(toJSONString(p.2), '\\/', '/')))), arrayFilter(p -> NOT has({p6:Array(String)}, p.1), arraySort(p -> p.1, arrayZip(JSONAllPaths(`_fields`), JSONAllValues(`_fields`))))), ''))) AS `__mvcombine_total`
        FROM (
          SELECT `_time`, `index`, `source`, `sourcetype`, `_fields`, if(isNull(arrayStringConcat(arrayMap(p -> if(isNull(if(isNull(p.2), NULL, replaceAll(toJSONString(p.2), '\\/', '/'))), '', concat(',', replaceAll(toJSONString(p.1), '\\/', '/'), ':', if(isNull(p.2), NULL, replaceAll(toJSONString(p.2), '\\/', '/')))), arrayFilter(p -> NOT has({p6:Array(String)}, p.1), arraySort(p -> p.1, arrayZip(JSONAllPaths(`_fields`), JSONAllValues(`_fields`))))), '')), [], groupArrayArray(if(isNull(`host`), CAST([] AS Array(Nullable(String))), [toNullable(toString(`host`))])) OVER (PARTITION BY coalesce(`index`, {p4:String}), coalesce(`source`, {p4:String}), coalesce(`sourcetype`, {p4:String}), arrayStringConcat(arrayMap(p -> if(isNull(if(isNull(p.2), NULL, replaceAll(toJSONString(p.2), '\\/', '/'))), '', concat(',', replaceAll(toJSONString(p.1), '\\/', '/'), ':', if(isNull(p.2), NULL, replaceAll(toJSONString(p.2), '\\/', '/')))), arrayFilter(p -> NOT has({p6:Array(String)}, p.1), arraySort(p -> p.1, arrayZip(JSONAllPaths(`_fields`), JSONAllValues(`_fields`))))), '') ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) AS `__mvcombine_values`, if(isNull(arrayStringConcat(arrayMap(p -> if(isNull(if(isNull(p.2), NULL, replaceAll(toJSONString(p.2), '\\/', '/'))), '', concat(',', replaceAll(toJSONString(p.1), '\\/', '/'), ':', if(isNull(p.2), NULL, replaceAll(toJSONString(p.2), '\\/', '/')))), arrayFilter(p -> NOT has({p6:Array(String)}, p.1), arraySort(p -> p.1, arrayZip(JSONAllPaths(`_fields`), JSONAllValues(`_fields`))))), '')), NULL, count() OVER (PARTITION BY coalesce(`index`, {p4:String}), coalesce(`source`, {p4:String}), coalesce(`sourcetype`, {p4:String}), arrayStringConcat(arrayMap(p -> if(isNull(if(isNull(p.2), NULL, replaceAll(toJSONString(p.2), '\\/', '/'))), '', concat(',', replaceAll(toJSONString(p.1), '\\/', '/'), ':', if(isNull(p.2), NULL, replaceAll(toJSONString(p.2), '\\/', '/')))), arrayFilter(p -> NOT has({p6:Array(String)}, p.1), arraySort(p -> p.1, arrayZip(JSONAllPaths(`_fields`), JSONAllValues(`_fields`))))), '') ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) AS `__mvcombine_n`
          FROM (
            SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_fields`, count() OVER (ORDER BY `_time` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__ss_pos`
            FROM (
              SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `fields` AS `_fields`
              FROM `logs`
              WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
            )
          )
        )
      )
      WHERE (`__mvcombine_n` = `__mvcombine_total`)
    )
  )
)
ORDER BY `__h1` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
