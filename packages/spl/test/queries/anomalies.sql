SELECT `_time`, `unexpectedness`, `_raw`
FROM (
  SELECT `_time`, `_raw`, `unexpectedness`
  FROM (
    SELECT `_time`, `_raw`, `unexpectedness`
    FROM (
      SELECT `_time`, `_raw`, if(isNull(`_raw`), toFloat64(NULL), toFloat64(((`__anom_px` - `__anom_p`) / nullIf((`__anom_p` + length(`__anom_grams`)), 0)))) AS `unexpectedness`
      FROM (
        SELECT `_time`, `_raw`, `__anom_grams`, `__anom_p`, uniqExactArray(`__anom_grams`) OVER (PARTITION BY isNull(`_raw`) ORDER BY `__ss_pos` ROWS BETWEEN 50 PRECEDING AND CURRENT ROW) AS `__anom_px`
        FROM (
          SELECT `_time`, `_raw`, `__anom_grams`, `__ss_pos`, uniqExactArray(`__anom_grams`) OVER (PARTITION BY isNull(`_raw`) ORDER BY `__ss_pos` ROWS BETWEEN 50 PRECEDING AND 1 PRECEDING) AS `__anom_p`
          FROM (
            SELECT `_time`, `_raw`, `__anom_grams`, count() OVER (ORDER BY `_time` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__ss_pos`
            FROM (
              SELECT `_time`, `_raw`, arrayDistinct(arrayMap(g -> cityHash64(g), ngrams(concat({p7:String}, replaceRegexpAll(substringUTF8(ifNull(`_raw`, ''), 1, 1000), {p5:String}, {p6:String}), {p7:String}), 3))) AS `__anom_grams`
              FROM (
                SELECT `_time`, `_raw`
                FROM `logs`
                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND ifNull((lowerUTF8(`sourcetype`) = {p4:String}), false))
              )
            )
          )
        )
      )
    )
    WHERE coalesce((`unexpectedness` > toFloat64(0.03)), false)
  )
)
ORDER BY `_time` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
