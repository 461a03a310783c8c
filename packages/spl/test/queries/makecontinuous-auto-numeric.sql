SELECT `bytes`, `count`
FROM (
  SELECT `bytes`, `count`, `__mc_i` AS `__h0`
  FROM (
    SELECT `count`, `__mc_i`, `__mc_x` AS `bytes`
    FROM (
      SELECT `count`, `__mc_i`, (`__mc_base_all` + (`__mc_i` * `__mc_w_all`)) AS `__mc_x`
      FROM (
        SELECT `count`, `__mc_i`, maxOrNull(`__mc_base`) OVER () AS `__mc_base_all`, maxOrNull(`__mc_w`) OVER () AS `__mc_w_all`
        FROM (
          SELECT `__mc_w`, `count`, `__mc_base`, (sign(((`__mc_x` - `__mc_base`) / nullIf(`__mc_w`, 0))) * floor(abs(((`__mc_x` - `__mc_base`) / nullIf(`__mc_w`, 0))) * exp10(0) + 0.5) / exp10(0)) AS `__mc_i`
          FROM (
            SELECT `bytes`, `__mc_lo`, `__mc_hi`, `__mc_w`, (floor((toFloat64OrNull(`bytes`) / nullIf(`__mc_w`, 0))) * `__mc_w`) AS `__mc_x`, if(true, toFloat64(`count`), toFloat64(NULL)) AS `count`, if(true, toFloat64((floor((0 / nullIf(`__mc_w`, 0))) * `__mc_w`)), toFloat64(NULL)) AS `__mc_base`
            FROM (
              SELECT `bytes`, `count`, `__mc_lo`, `__mc_hi`, if(true, toFloat64(if(((`__mc_hi` - 0) > 0), toFloat64(pow(10, ceil(if(((`__mc_hi` - 0) / nullIf(20, 0)) <= 0 OR 10 <= 0 OR 10 = 1, NULL, log(((`__mc_hi` - 0) / nullIf(20, 0))) / log(10))))), toFloat64(1))), toFloat64(NULL)) AS `__mc_w`
              FROM (
                SELECT `bytes`, `count`, minOrNull(toFloat64OrNull(`bytes`)) OVER () AS `__mc_lo`, maxOrNull(toFloat64OrNull(`bytes`)) OVER () AS `__mc_hi`
                FROM (
                  SELECT `bytes`, `count`
                  FROM (
                    SELECT CAST(`fields`.`bytes` AS Nullable(String)) AS `bytes`, count() AS `count`
                    FROM `logs`
                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String}) AND isNotNull(CAST(`fields`.`bytes` AS Nullable(String)))
                    GROUP BY `bytes`
                  )
                  WHERE not(coalesce((toFloat64OrNull(`bytes`) < 0), false))
                )
              )
            )
          )
          ORDER BY `__mc_i` ASC WITH FILL FROM {p4:Float64} STEP {p5:Float64}
        )
      )
    )
  )
)
ORDER BY `__h0` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
