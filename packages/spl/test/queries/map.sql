SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__h0`, `__h1`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, 0 AS `__h0`, row_number() OVER (ORDER BY `_time` DESC) AS `__h1`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
        FROM `logs`
        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND ifNull(lowerUTF8(toString(CAST(`fields`.`username` AS Nullable(String)))) IN (SELECT lowerUTF8(toString(`__map_text`)) FROM (
          SELECT `__map_text`
          FROM (
            SELECT `user` AS `__map_text`, `user` AS `__h2`, `host` AS `__h3`
            FROM (
              SELECT `user`, `host`
              FROM (
                SELECT `user`, `host`, count() OVER (ORDER BY `user` ASC, `host` ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `_map_pos`
                FROM (
                  SELECT CAST(`fields`.`user` AS Nullable(String)) AS `user`, `host`, count() AS `count`
                  FROM `logs`
                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p4:String}) AND multiIf(isNotNull(dynamicElement(`fields`.`action`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`action`, 'String')) = {p5:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`action` AS Nullable(String))) = {p5:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p5:String}), false), dynamicElement(`fields`.`action`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`user` AS Nullable(String)))
                  GROUP BY `user`, `host`
                )
              )
              WHERE (`_map_pos` = 1)
            )
          )
        ) WHERE isNotNull(`__map_text`) LIMIT 1), false) AND multiIf(isNotNull(dynamicElement(`fields`.`type_logon`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`type_logon`, 'String')) = {p6:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`type_logon` AS Nullable(String))) = {p6:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p6:String}), false), dynamicElement(`fields`.`type_logon`, 'Array(Nullable(String))')))))
      )
    )
    UNION ALL
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, 1 AS `__h0`, row_number() OVER (ORDER BY `_time` DESC) AS `__h1`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
        FROM `logs`
        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND ifNull(lowerUTF8(toString(CAST(`fields`.`username` AS Nullable(String)))) IN (SELECT lowerUTF8(toString(`__map_text`)) FROM (
          SELECT `__map_text`
          FROM (
            SELECT `user` AS `__map_text`, `user` AS `__h4`, `host` AS `__h5`
            FROM (
              SELECT `user`, `host`
              FROM (
                SELECT `user`, `host`, count() OVER (ORDER BY `user` ASC, `host` ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `_map_pos`
                FROM (
                  SELECT CAST(`fields`.`user` AS Nullable(String)) AS `user`, `host`, count() AS `count`
                  FROM `logs`
                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p4:String}) AND multiIf(isNotNull(dynamicElement(`fields`.`action`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`action`, 'String')) = {p5:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`action` AS Nullable(String))) = {p5:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p5:String}), false), dynamicElement(`fields`.`action`, 'Array(Nullable(String))'))))) AND isNotNull(CAST(`fields`.`user` AS Nullable(String)))
                  GROUP BY `user`, `host`
                )
              )
              WHERE (`_map_pos` = 2)
            )
          )
        ) WHERE isNotNull(`__map_text`) LIMIT 1), false) AND multiIf(isNotNull(dynamicElement(`fields`.`type_logon`, 'String')), ifNull((lowerUTF8(dynamicElement(`fields`.`type_logon`, 'String')) = {p6:String}), false), (ifNull((lowerUTF8(CAST(`fields`.`type_logon` AS Nullable(String))) = {p6:String}), false) OR arrayExists(v -> ifNull((lowerUTF8(v) = {p6:String}), false), dynamicElement(`fields`.`type_logon`, 'Array(Nullable(String))')))))
      )
    )
  )
)
ORDER BY `__h0` ASC, `__h1` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
