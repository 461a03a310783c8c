SELECT `_time`, `starttime`, `endtime`, `duration`, `eventcount`, `density`
FROM (
  SELECT `__localize_time` AS `_time`, (`__localize_first` - 30) AS `starttime`, (`__localize_last` + 60) AS `endtime`, (`__localize_last` - `__localize_first`) AS `duration`, `eventcount`, if(((`__localize_last` - `__localize_first`) > 0), toFloat64((`eventcount` / nullIf((`__localize_last` - `__localize_first`), 0))), toFloat64(`eventcount`)) AS `density`, `__h0` AS `__h2`, `__h1` AS `__h3`
  FROM (
    SELECT `__localize_first`, `__localize_time`, `__localize_last`, `eventcount`, isNull(`__localize_region`) AS `__h0`, `__localize_region` AS `__h1`
    FROM (
      SELECT `__localize_region`, minOrNull(`__localize_t`) AS `__localize_first`, minOrNull(`_time`) AS `__localize_time`, maxOrNull(`__localize_t`) AS `__localize_last`, count() AS `eventcount`
      FROM (
        SELECT `_time`, `__localize_t`, sumOrNull(`__localize_new`) OVER (ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__localize_region`
        FROM (
          SELECT `_time`, `__localize_t`, `__ss_pos`, if(or(isNull(`__localize_prev`), (abs((`__localize_prev` - `__localize_t`)) > 300)), toFloat64(1), toFloat64(0)) AS `__localize_new`
          FROM (
            SELECT `_time`, `__localize_t`, `__ss_pos`, maxOrNull(`__localize_t`) OVER (ORDER BY `__ss_pos` ROWS BETWEEN 1 PRECEDING AND 1 PRECEDING) AS `__localize_prev`
            FROM (
              SELECT `_time`, `__localize_t`, count() OVER (ORDER BY `_time` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__ss_pos`
              FROM (
                SELECT `_time`, (toUnixTimestamp64Milli(`_time`) / 1000) AS `__localize_t`
                FROM (
                  SELECT `_time`
                  FROM `logs`
                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND hasToken(lower(`_raw`), {p4:String}))
                )
              )
            )
          )
        )
      )
      WHERE isNotNull(`__localize_region`)
      GROUP BY `__localize_region`
    )
  )
)
ORDER BY `__h2` ASC, `__h3` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
