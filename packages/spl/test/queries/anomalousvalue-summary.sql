SELECT `fieldname`, `count`, `distinct_count`, `mean`, `stdev`, `isNum`, `anoFreq%`, `supportFreq%`, `use`
FROM (
  SELECT `fieldname`, `count`, `distinct_count`, `mean`, `stdev`, `isNum`, `anoFreq%`, `supportFreq%`, `use`, `__h0`, `__h1`
  FROM (
    SELECT `fieldname`, toFloat64(`count`) AS `count`, toFloat64(`distinct_count`) AS `distinct_count`, toFloat64(`mean`) AS `mean`, toFloat64(`stdev`) AS `stdev`, `isNum`, toFloat64(`anoFreq%`) AS `anoFreq%`, toFloat64(`supportFreq%`) AS `supportFreq%`, `use`, 0 AS `__h0`, row_number() OVER () AS `__h1`
    FROM (
      SELECT `fieldname`, `count`, `distinct_count`, `mean`, `stdev`, `isNum`, `anoFreq%`, `supportFreq%`, `use`
      FROM (
        SELECT {p4:String} AS `fieldname`, `n` AS `count`, `dc` AS `distinct_count`, if((`num` = `n`), toFloat64(`mean`), toFloat64(NULL)) AS `mean`, if((`num` = `n`), toFloat64(`sd`), toFloat64(NULL)) AS `stdev`, if((`num` = `n`), {p5:String}, {p6:String}) AS `isNum`, ((`anon` / nullIf(`n`, 0)) * 100) AS `anoFreq%`, ((`n` / nullIf(`total`, 0)) * 100) AS `supportFreq%`, if((`use` = 1), {p5:String}, {p6:String}) AS `use`
        FROM (
          SELECT maxOrNull(`__av0_n`) AS `n`, uniqExact(`bytes`) AS `dc`, maxOrNull(`__av0_mean`) AS `mean`, maxOrNull(`__av0_sd`) AS `sd`, maxOrNull(`__av0_num`) AS `num`, maxOrNull(`__av0_anon`) AS `anon`, count() AS `total`, maxOrNull(if(`__av0_use`, toFloat64(1), toFloat64(0))) AS `use`
          FROM (
            SELECT `bytes`, `__h2`, `__av0_n`, `__av0_num`, `__av0_mean`, `__av0_sd`, `__av0_anon`, `__av0_use`
            FROM (
              SELECT `bytes`, `__h2`, `__av0_n`, `__av0_num`, `__av0_mean`, `__av0_sd`, `__av0_p`, `__av0_ano`, `__av0_anon`, and(and(and(and((`__av0_n` > 0), (`__av0_n` >= 100)), ((`__av0_n` / nullIf(`__av_total`, 0)) >= toFloat64(0.05))), ((`__av0_anon` / nullIf(`__av0_n`, 0)) <= toFloat64(0.05))), ((1 - (`__av0_anon` / nullIf(`__av0_n`, 0))) >= toFloat64(0.01))) AS `__av0_use`
              FROM (
                SELECT `bytes`, `__h2`, `__av_total`, `__av0_n`, `__av0_num`, `__av0_mean`, `__av0_sd`, `__av0_p`, `__av0_ano`, sumOrNull(`__av0_ano`) OVER () AS `__av0_anon`
                FROM (
                  SELECT `bytes`, `__h2`, `__av_total`, `__av0_n`, `__av0_num`, `__av0_mean`, `__av0_sd`, `__av0_p`, if(and(isNotNull(`bytes`), (`__av0_p` < toFloat64(0.01))), toFloat64(1), toFloat64(0)) AS `__av0_ano`
                  FROM (
                    SELECT `bytes`, `__h2`, `__av_total`, `__av0_n`, `__av0_num`, `__av0_mean`, `__av0_sd`, if((`__av0_num` = `__av0_n`), toFloat64(if((coalesce(toFloat64(`__av0_sd`), toFloat64(0)) > 0), toFloat64(erfc((abs((toFloat64OrNull(`bytes`) - `__av0_mean`)) / nullIf((`__av0_sd` * toFloat64(1.4142135623730951)), 0)))), toFloat64(if((toFloat64OrNull(`bytes`) = `__av0_mean`), toFloat64(1), toFloat64(0))))), toFloat64((`__av0_vn` / nullIf(`__av0_n`, 0)))) AS `__av0_p`
                    FROM (
                      SELECT `bytes`, `__h2`, `__av_total`, `__av0_n`, `__av0_num`, `__av0_mean`, `__av0_sd`, if(isNull(`bytes`), NULL, count(`bytes`) OVER (PARTITION BY `bytes`)) AS `__av0_vn`
                      FROM (
                        SELECT `bytes`, `__h2`, count() OVER () AS `__av_total`, count(`bytes`) OVER () AS `__av0_n`, count(toFloat64OrNull(`bytes`)) OVER () AS `__av0_num`, avgOrNull(toFloat64OrNull(`bytes`)) OVER () AS `__av0_mean`, stddevSampOrNull(toFloat64OrNull(`bytes`)) OVER () AS `__av0_sd`
                        FROM (
                          SELECT CAST(`_fields`.`bytes` AS Nullable(String)) AS `bytes`, `_time` AS `__h2`
                          FROM (
                            SELECT `_time`, `fields`.`bytes` AS `_fields.bytes`
                            FROM `logs`
                            WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                          )
                        )
                      )
                    )
                  )
                )
              )
            )
          )
        )
      )
    )
  )
)
ORDER BY `__h0` ASC, `__h1` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
