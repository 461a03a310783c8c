SELECT `_raw`
FROM (
  SELECT `_raw`, `_time` AS `__h0`
  FROM (
    SELECT `_time`, concat(concat({p4:String}, substringUTF8(concat(concat(concat(concat(concat(concat({p5:String}, coalesce(concat({p6:String}, multiIf(isNull(`index`), NULL, match(`index`, {p7:String}), `index`, replaceAll(toJSONString(`index`), '\\/', '/'))), {p5:String})), coalesce(concat({p8:String}, multiIf(isNull(`host`), NULL, match(`host`, {p7:String}), `host`, replaceAll(toJSONString(`host`), '\\/', '/'))), {p5:String})), coalesce(concat({p9:String}, multiIf(isNull(`source`), NULL, match(`source`, {p7:String}), `source`, replaceAll(toJSONString(`source`), '\\/', '/'))), {p5:String})), coalesce(concat({p10:String}, multiIf(isNull(`sourcetype`), NULL, match(`sourcetype`, {p7:String}), `sourcetype`, replaceAll(toJSONString(`sourcetype`), '\\/', '/'))), {p5:String})), coalesce(concat({p11:String}, multiIf(isNull(toString(`n`)), NULL, match(toString(`n`), {p7:String}), toString(`n`), replaceAll(toJSONString(toString(`n`)), '\\/', '/'))), {p5:String})), arrayStringConcat(arrayMap(p -> if(isNull(multiIf(isNull(p.2), NULL, match(p.2, {p7:String}), p.2, replaceAll(toJSONString(p.2), '\\/', '/'))), '', concat(',', replaceAll(toJSONString(p.1), '\\/', '/'), ':', multiIf(isNull(p.2), NULL, match(p.2, {p7:String}), p.2, replaceAll(toJSONString(p.2), '\\/', '/')))), arrayFilter(p -> NOT has({p12:Array(String)}, p.1), arraySort(p -> p.1, arrayZip(JSONAllPaths(`_fields`), JSONAllValues(`_fields`))))), '')), if(toInt64(2) = 0, 1, toInt64(2)))), {p13:String}) AS `_raw`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_fields`, lengthUTF8(`_raw`) AS `n`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
        FROM `logs`
        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
      )
    )
  )
)
ORDER BY `__h0` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
