SELECT `user`, `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `src_ip`, `_fields`
FROM (
  SELECT l.`user` AS `user`, l.`_time` AS `_time`, l.`index` AS `index`, l.`host` AS `host`, l.`source` AS `source`, l.`sourcetype` AS `sourcetype`, l.`_raw` AS `_raw`, if(isNotNull(r.`__h2`), r.`src_ip`, l.`src_ip`) AS `src_ip`, l.`_time` AS `__h3`, l.`__h4` AS `__h4`, r.`__h5` AS `__h5`, l.`_fields` AS `_fields`
  FROM (
    SELECT `user`, `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `src_ip`, `_fields`, rowNumberInAllBlocks() AS `__h4`
    FROM (
      SELECT CAST(`_fields`.`user` AS Nullable(String)) AS `user`, `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, CAST(`_fields`.`src_ip` AS Nullable(String)) AS `src_ip`, `_fields`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
        FROM `logs`
        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND ifNull((lowerUTF8(`sourcetype`) = {p4:String}), false))
      )
    )
  ) AS l
  ALL LEFT JOIN (
    SELECT `user`, `src_ip`, `__h1`, 1 AS `__h2`, row_number() OVER (ORDER BY `__h1` DESC) AS `__h5`
    FROM (
      SELECT `user`, `src_ip`, `__h0` AS `__h1`
      FROM (
        SELECT CAST(`_fields`.`user` AS Nullable(String)) AS `user`, CAST(`_fields`.`src_ip` AS Nullable(String)) AS `src_ip`, `_time` AS `__h0`
        FROM (
          SELECT `_time`, `fields` AS `_fields`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p5:String}) AND ifNull((lowerUTF8(`sourcetype`) = {p6:String}), false))
        )
      )
      ORDER BY `__h1` DESC
      LIMIT 50000
    )
  ) AS r ON l.`user` = r.`user`
)
ORDER BY `__h3` DESC, `__h4` ASC, `__h5` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
