SELECT `_raw`, `host`, `user`
FROM (
  SELECT `_raw`, `host`, coalesce(if(isNull(CAST(`_fields`.`user` AS Nullable(String))), NULL, arrayStringConcat(arrayMap(t -> multiIf(match(t, {p5:String}), arrayStringConcat(arrayMap(i -> toString(cityHash64({p0:String}, t, i) % 10), range(1, lengthUTF8(t) + 1))), match(t, {p6:String}), arrayStringConcat(arrayMap(i -> if(substringUTF8(t, i, 1) != lowerUTF8(substringUTF8(t, i, 1)), upper(char(97 + cityHash64({p0:String}, t, i) % 26)), char(97 + cityHash64({p0:String}, t, i) % 26)), range(1, lengthUTF8(t) + 1))), t), extractAll(ifNull(CAST(`_fields`.`user` AS Nullable(String)), ''), {p4:String})), '')), CAST(`_fields`.`user` AS Nullable(String))) AS `user`, `_time` AS `__h0`
  FROM (
    SELECT `_time`, `_fields.user`, if(isNull(`host`), NULL, arrayStringConcat(arrayMap(t -> multiIf(match(t, {p5:String}), arrayStringConcat(arrayMap(i -> toString(cityHash64({p0:String}, t, i) % 10), range(1, lengthUTF8(t) + 1))), match(t, {p6:String}), arrayStringConcat(arrayMap(i -> if(substringUTF8(t, i, 1) != lowerUTF8(substringUTF8(t, i, 1)), upper(char(97 + cityHash64({p0:String}, t, i) % 26)), char(97 + cityHash64({p0:String}, t, i) % 26)), range(1, lengthUTF8(t) + 1))), t), extractAll(ifNull(`host`, ''), {p4:String})), '')) AS `host`, if(isNull(`_raw`), NULL, arrayStringConcat(arrayMap(t -> multiIf(match(t, {p5:String}), arrayStringConcat(arrayMap(i -> toString(cityHash64({p0:String}, t, i) % 10), range(1, lengthUTF8(t) + 1))), match(t, {p6:String}), arrayStringConcat(arrayMap(i -> if(substringUTF8(t, i, 1) != lowerUTF8(substringUTF8(t, i, 1)), upper(char(97 + cityHash64({p0:String}, t, i) % 26)), char(97 + cityHash64({p0:String}, t, i) % 26)), range(1, lengthUTF8(t) + 1))), t), extractAll(ifNull(`_raw`, ''), {p4:String})), '')) AS `_raw`
    FROM (
      SELECT `_time`, `host`, `source`, `_raw`, `fields`.`user` AS `_fields.user`
      FROM `logs`
      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
    )
  )
)
ORDER BY `__h0` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
