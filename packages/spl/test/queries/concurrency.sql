SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `new_start`, `foo`, `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `new_start`, `foo`, `__h7` AS `__h9`, `__h8` AS `__h10`, `_fields`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `new_start`, `__h0`, `__h1`, `__h2`, `__h3`, `__h4`, `__h5`, `__h6`, `foo`, isNull(`__ss_pos`) AS `__h7`, `__ss_pos` AS `__h8`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `new_start`, `__ss_pos`, `__h0`, `__h1`, `__h2`, `__h3`, `__h4`, `__h5`, `__h6`, if(or(isNull(`new_start`), isNull(`__cc_duration`)), toFloat64(NULL), toFloat64((`__cc_n` + if((`__cc_duration` <= 0), toFloat64(1), toFloat64(0))))) AS `foo`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `new_start`, `__cc_duration`, `__ss_pos`, `__h0`, `__h1`, `__cc_point`, `__h2`, `__h3`, `__h4`, `__h5`, `__h6`, sumOrNull(`__cc_step`) OVER (ORDER BY `__h3` ASC, `__h4` ASC, `__h5` ASC, `__h6` ASC RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__cc_n`
        FROM (
          SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `new_start`, `__cc_duration`, `__ss_pos`, `__h0`, `__h1`, `__cc_point`, `__h2`, `__cc_step`, isNull(`__cc_t`) AS `__h3`, `__cc_t` AS `__h4`, isNull(`__cc_step`) AS `__h5`, `__cc_step` AS `__h6`
          FROM (
            SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `new_start`, `__cc_duration`, `__ss_pos`, `__h0`, `__h1`, `__cc_point`, `__h2`, if((`__cc_point` = {p6:String}), toFloat64(`new_start`), toFloat64((`new_start` + `__cc_duration`))) AS `__cc_t`, if(or(isNull(`new_start`), isNull(`__cc_duration`)), toFloat64(0), toFloat64(if((`__cc_point` = {p6:String}), toFloat64(1), toFloat64(-1)))) AS `__cc_step`
            FROM (
              SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `new_start`, `__cc_duration`, `__ss_pos`, if(isNull({p4:String}), CAST([] AS Array(Nullable(String))), CAST(splitByString({p5:String}, assumeNotNull({p4:String})) AS Array(Nullable(String)))) AS `__h0`, arrayJoin(if(empty(`__h0`), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), `__h0`, arrayEnumerate(`__h0`)))) AS `__h1`, tupleElement(`__h1`, 2) AS `__cc_point`, tupleElement(`__h1`, 1) AS `__h2`
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
ORDER BY `__h9` ASC, `__h10` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
