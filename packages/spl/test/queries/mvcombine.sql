SELECT `host`, `max`
FROM (
  SELECT `host`, `max`, `__h0` AS `__h1`
  FROM (
    SELECT `max`, `host` AS `__h0`, `__mvcombine_values` AS `host`
    FROM (
      SELECT `host`, `max`, `__mvcombine_values`, `__mvcombine_n`, count() OVER (PARTITION BY coalesce(toString(`max`), {p4:String})) AS `__mvcombine_total`
      FROM (
        SELECT `host`, `max`, groupArrayArray(if(isNull(`host`), CAST([] AS Array(Nullable(String))), [toNullable(toString(`host`))])) OVER (PARTITION BY coalesce(toString(`max`), {p4:String}) ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__mvcombine_values`, count() OVER (PARTITION BY coalesce(toString(`max`), {p4:String}) ORDER BY `__ss_pos` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__mvcombine_n`
        FROM (
          SELECT `host`, `max`, count() OVER (ORDER BY `host` ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__ss_pos`
          FROM (
            SELECT `host`, maxOrNull(toFloat64OrNull(CAST(`fields`.`bytes` AS Nullable(String)))) AS `max`
            FROM `logs`
            WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
            GROUP BY `host`
          )
        )
      )
    )
    WHERE (`__mvcombine_n` = `__mvcombine_total`)
  )
)
ORDER BY `__h1` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
