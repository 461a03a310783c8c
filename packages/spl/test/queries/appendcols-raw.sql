SELECT `status`, `user`, `host`
FROM (
  SELECT coalesce(CAST(`_fields`.`status` AS Nullable(String)), CAST(`__nexus_appendcols_34`.`status` AS Nullable(String))) AS `status`, coalesce(CAST(`_fields`.`user` AS Nullable(String)), CAST(`__nexus_appendcols_34`.`user` AS Nullable(String))) AS `user`, `host`, `__h2` AS `__h3`
  FROM (
    SELECT coalesce(l.`host`, r.`host`) AS `host`, r.`__nexus_appendcols_34` AS `__nexus_appendcols_34`, coalesce(l.`__h0`, r.`__h0`) AS `__h2`, l.`_fields` AS `_fields`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, row_number() OVER (ORDER BY `_time` DESC) AS `__h0`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`
        FROM (
          SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String}) AND isNull(CAST(`fields`.`user` AS Nullable(String)))
        )
      )
    ) AS l
    FULL OUTER JOIN (
      SELECT `index`, `host`, `source`, `sourcetype`, `__nexus_appendcols_34`, `__h1`, row_number() OVER (ORDER BY `__h1` DESC) AS `__h0`
      FROM (
        SELECT `index`, `host`, `source`, `sourcetype`, `__nexus_appendcols_34`, `_time` AS `__h1`
        FROM (
          SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_fields` AS `__nexus_appendcols_34`
          FROM (
            SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `fields` AS `_fields`
            FROM `logs`
            WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND multiIf(dynamicElement(`fields`.`status`, 'String') IN ({p4:String}, {p6:String}, {p7:String}), true, length(dynamicElement(`fields`.`status`, 'String')) = 3, false, (ifNull((CAST(`fields`.`status` AS Nullable(String)) = {p4:String}) OR toFloat64OrNull(CAST(`fields`.`status` AS Nullable(String))) = {p5:Float64}, false) OR arrayExists(v -> ifNull((v = {p4:String}) OR toFloat64OrNull(v) = {p5:Float64}, false), dynamicElement(`fields`.`status`, 'Array(Nullable(String))')))))
          )
        )
        ORDER BY `__h1` DESC
        LIMIT 50000
      )
    ) AS r ON l.`__h0` = r.`__h0`
  )
)
ORDER BY `__h3` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
