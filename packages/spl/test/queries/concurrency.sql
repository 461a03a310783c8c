SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `new_start`, `foo`, `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `new_start`, `foo`, `__h6` AS `__h8`, `__h7` AS `__h9`, `_fields`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `new_start`, `__h0`, `__h1`, `__h2`, `__h3`, `__h4`, `__h5`, `foo`, isNull(`__ss_pos`) AS `__h6`, `__ss_pos` AS `__h7`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `new_start`, `__ss_pos`, `__h0`, `__h1`, `__h2`, `__h3`, `__h4`, `__h5`, if(or(isNull(`new_start`), isNull(`__cc_duration`)), toFloat64(NULL), toFloat64((`__cc_n` + if((`__cc_duration` <= 0), toFloat64(1), toFloat64(0))))) AS `foo`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `new_start`, `__cc_duration`, `__ss_pos`, `__h0`, `__cc_point`, `__h1`, `__h2`, `__h3`, `__h4`, `__h5`, sumOrNull(`__cc_step`) OVER (ORDER BY `__h2` ASC, `__h3` ASC, `__h4` ASC, `__h5` ASC RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__cc_n`
        FROM (
          SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `new_start`, `__cc_duration`, `__ss_pos`, `__h0`, `__cc_point`, `__h1`, `__cc_step`, isNull(`__cc_t`) AS `__h2`, `__cc_t` AS `__h3`, isNull(`__cc_step`) AS `__h4`, `__cc_step` AS `__h5`
          FROM (
            SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `new_start`, `__cc_duration`, `__ss_pos`, `__h0`, `__cc_point`, `__h1`, if((`__cc_point` = {p6:String}), toFloat64(`new_start`), toFloat64((`new_start` + `__cc_duration`))) AS `__cc_t`, if(or(isNull(`new_start`), isNull(`__cc_duration`)), toFloat64(0), toFloat64(if((`__cc_point` = {p6:String}), toFloat64(1), toFloat64(-1)))) AS `__cc_step`
            FROM (
              SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `new_start`, `__cc_duration`, `__ss_pos`, arrayJoin(if(empty(if(isNull({p4:String}), CAST([] AS Array(Nullable(String))), CAST(splitByString({p5:String}, assumeNotNull({p4:String})) AS Array(Nullable(String))))), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), if(isNull({p4:String}), CAST([] AS Array(Nullable(String))), CAST(splitByString({p5:String}, assumeNotNull({p4:String})) AS Array(Nullable(String)))), arrayEnumerate(if(isNull({p4:String}), CAST([] AS Array(Nullable(String))), CAST(splitByString({p5:String}, assumeNotNull({p4:String})) AS Array(Nullable(String)))))))) AS `__h0`, tupleElement(`__h0`, 2) AS `__cc_point`, tupleElement(`__h0`, 1) AS `__h1`
              FROM (
                SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `new_start`, `__cc_duration`, count() OVER (ORDER BY `_time` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__ss_pos`
                FROM (
                  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, ((toUnixTimestamp64Milli(`_time`) / 1000) - toFloat64OrNull(CAST(`_fields`.`total_time` AS Nullable(String)))) AS `new_start`, toFloat64OrNull(CAST(`_fields`.`total_time` AS Nullable(String))) AS `__cc_duration`
                  FROM (
                    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
                    FROM `logs`
                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                  )
                )
              )
            )
          )
        )
      )
      WHERE (`__cc_point` = {p6:String})
    )
  )
)
ORDER BY `__h8` ASC, `__h9` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
