SELECT `field`, `count`, `cocur`, `acc`, `balacc`
FROM (
  SELECT `field`, `count`, `cocur`, `acc`, `balacc`, `__h0`, `__h1`
  FROM (
    SELECT `field`, toFloat64(`count`) AS `count`, toFloat64(`cocur`) AS `cocur`, toFloat64(`acc`) AS `acc`, toFloat64(`balacc`) AS `balacc`, 0 AS `__h0`, row_number() OVER () AS `__h1`
    FROM (
      SELECT `field`, `count`, `cocur`, `acc`, `balacc`
      FROM (
        SELECT `field`, `count`, `cocur`, `acc`, `balacc`
        FROM (
          SELECT {p5:String} AS `field`, `count`, (`both` / nullIf(`with_class`, 0)) AS `cocur`, `acc`, ((`acc0` + `acc1`) / nullIf(2, 0)) AS `balacc`
          FROM (
            SELECT count(toFloat64OrNull(`bytes`)) AS `count`, count(`is_error`) AS `with_class`, count(`__af_right`) AS `both`, avgOrNull(`__af_right`) AS `acc`, avgOrNull(if((`is_error` = `__af_c0`), toFloat64(`__af_right`), toFloat64(NULL))) AS `acc0`, avgOrNull(if((`is_error` = `__af_c1`), toFloat64(`__af_right`), toFloat64(NULL))) AS `acc1`
            FROM (
              SELECT `bytes`, `is_error`, `__h2`, `__af_c0`, `__af_c1`, if(and(isNotNull(toFloat64OrNull(`bytes`)), isNotNull(`is_error`)), toFloat64(if(coalesce((if((if((coalesce(toFloat64(`__af_s0`), toFloat64(0)) > 0), toFloat64(erfc((abs((toFloat64OrNull(`bytes`) - `__af_m0`)) / nullIf((`__af_s0` * toFloat64(1.4142135623730951)), 0)))), toFloat64(if((toFloat64OrNull(`bytes`) = `__af_m0`), toFloat64(1), toFloat64(0)))) >= if((coalesce(toFloat64(`__af_s1`), toFloat64(0)) > 0), toFloat64(erfc((abs((toFloat64OrNull(`bytes`) - `__af_m1`)) / nullIf((`__af_s1` * toFloat64(1.4142135623730951)), 0)))), toFloat64(if((toFloat64OrNull(`bytes`) = `__af_m1`), toFloat64(1), toFloat64(0))))), `__af_c0`, `__af_c1`) = `is_error`), false), toFloat64(1), toFloat64(0))), toFloat64(NULL)) AS `__af_right`
              FROM (
                SELECT `bytes`, `is_error`, `__h2`, `__af_c0`, `__af_c1`, avgOrNull(if((`is_error` = `__af_c0`), toFloat64(toFloat64OrNull(`bytes`)), toFloat64(NULL))) OVER () AS `__af_m0`, stddevSampOrNull(if((`is_error` = `__af_c0`), toFloat64(toFloat64OrNull(`bytes`)), toFloat64(NULL))) OVER () AS `__af_s0`, avgOrNull(if((`is_error` = `__af_c1`), toFloat64(toFloat64OrNull(`bytes`)), toFloat64(NULL))) OVER () AS `__af_m1`, stddevSampOrNull(if((`is_error` = `__af_c1`), toFloat64(toFloat64OrNull(`bytes`)), toFloat64(NULL))) OVER () AS `__af_s1`
                FROM (
                  SELECT `bytes`, `duration`, `is_error`, `__h2`, if(toInt64(0) >= length(`__af_classes`) OR -toInt64(0) > length(`__af_classes`), NULL, arrayElement(`__af_classes`, if(toInt64(0) >= 0, toInt64(0) + 1, toInt64(0)))) AS `__af_c0`, if(toInt64(1) >= length(`__af_classes`) OR -toInt64(1) > length(`__af_classes`), NULL, arrayElement(`__af_classes`, if(toInt64(1) >= 0, toInt64(1) + 1, toInt64(1)))) AS `__af_c1`
                  FROM (
                    SELECT `bytes`, `duration`, `is_error`, `__h2`, if(throwIf(ifNull((coalesce(toFloat64(if(empty(`__af_classes`), NULL, length(`__af_classes`))), toFloat64(0)) != 2), false), {p4:String}) = 0, `__af_classes`, `__af_classes`) AS `__af_classes`
                    FROM (
                      SELECT `bytes`, `duration`, `is_error`, `__h2`, arraySort(groupUniqArray(CAST(`is_error` AS Nullable(String))) OVER ()) AS `__af_classes`
                      FROM (
                        SELECT CAST(`_fields`.`bytes` AS Nullable(String)) AS `bytes`, CAST(`_fields`.`duration` AS Nullable(String)) AS `duration`, CAST(`_fields`.`is_error` AS Nullable(String)) AS `is_error`, `_time` AS `__h2`
                        FROM (
                          SELECT `_time`, `fields`.`bytes` AS `_fields.bytes`, `fields`.`duration` AS `_fields.duration`, `fields`.`is_error` AS `_fields.is_error`
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
        WHERE (`count` > 0)
      )
    )
    UNION ALL
    SELECT `field`, toFloat64(`count`) AS `count`, toFloat64(`cocur`) AS `cocur`, toFloat64(`acc`) AS `acc`, toFloat64(`balacc`) AS `balacc`, 1 AS `__h0`, row_number() OVER () AS `__h1`
    FROM (
      SELECT `field`, `count`, `cocur`, `acc`, `balacc`
      FROM (
        SELECT `field`, `count`, `cocur`, `acc`, `balacc`
        FROM (
          SELECT {p6:String} AS `field`, `count`, (`both` / nullIf(`with_class`, 0)) AS `cocur`, `acc`, ((`acc0` + `acc1`) / nullIf(2, 0)) AS `balacc`
          FROM (
            SELECT count(toFloat64OrNull(`duration`)) AS `count`, count(`is_error`) AS `with_class`, count(`__af_right`) AS `both`, avgOrNull(`__af_right`) AS `acc`, avgOrNull(if((`is_error` = `__af_c0`), toFloat64(`__af_right`), toFloat64(NULL))) AS `acc0`, avgOrNull(if((`is_error` = `__af_c1`), toFloat64(`__af_right`), toFloat64(NULL))) AS `acc1`
            FROM (
              SELECT `duration`, `is_error`, `__h3`, `__af_c0`, `__af_c1`, if(and(isNotNull(toFloat64OrNull(`duration`)), isNotNull(`is_error`)), toFloat64(if(coalesce((if((if((coalesce(toFloat64(`__af_s0`), toFloat64(0)) > 0), toFloat64(erfc((abs((toFloat64OrNull(`duration`) - `__af_m0`)) / nullIf((`__af_s0` * toFloat64(1.4142135623730951)), 0)))), toFloat64(if((toFloat64OrNull(`duration`) = `__af_m0`), toFloat64(1), toFloat64(0)))) >= if((coalesce(toFloat64(`__af_s1`), toFloat64(0)) > 0), toFloat64(erfc((abs((toFloat64OrNull(`duration`) - `__af_m1`)) / nullIf((`__af_s1` * toFloat64(1.4142135623730951)), 0)))), toFloat64(if((toFloat64OrNull(`duration`) = `__af_m1`), toFloat64(1), toFloat64(0))))), `__af_c0`, `__af_c1`) = `is_error`), false), toFloat64(1), toFloat64(0))), toFloat64(NULL)) AS `__af_right`
              FROM (
                SELECT `duration`, `is_error`, `__h3`, `__af_c0`, `__af_c1`, avgOrNull(if((`is_error` = `__af_c0`), toFloat64(toFloat64OrNull(`duration`)), toFloat64(NULL))) OVER () AS `__af_m0`, stddevSampOrNull(if((`is_error` = `__af_c0`), toFloat64(toFloat64OrNull(`duration`)), toFloat64(NULL))) OVER () AS `__af_s0`, avgOrNull(if((`is_error` = `__af_c1`), toFloat64(toFloat64OrNull(`duration`)), toFloat64(NULL))) OVER () AS `__af_m1`, stddevSampOrNull(if((`is_error` = `__af_c1`), toFloat64(toFloat64OrNull(`duration`)), toFloat64(NULL))) OVER () AS `__af_s1`
                FROM (
                  SELECT `bytes`, `duration`, `is_error`, `__h3`, if(toInt64(0) >= length(`__af_classes`) OR -toInt64(0) > length(`__af_classes`), NULL, arrayElement(`__af_classes`, if(toInt64(0) >= 0, toInt64(0) + 1, toInt64(0)))) AS `__af_c0`, if(toInt64(1) >= length(`__af_classes`) OR -toInt64(1) > length(`__af_classes`), NULL, arrayElement(`__af_classes`, if(toInt64(1) >= 0, toInt64(1) + 1, toInt64(1)))) AS `__af_c1`
                  FROM (
                    SELECT `bytes`, `duration`, `is_error`, `__h3`, if(throwIf(ifNull((coalesce(toFloat64(if(empty(`__af_classes`), NULL, length(`__af_classes`))), toFloat64(0)) != 2), false), {p4:String}) = 0, `__af_classes`, `__af_classes`) AS `__af_classes`
                    FROM (
                      SELECT `bytes`, `duration`, `is_error`, `__h3`, arraySort(groupUniqArray(CAST(`is_error` AS Nullable(String))) OVER ()) AS `__af_classes`
                      FROM (
                        SELECT CAST(`_fields`.`bytes` AS Nullable(String)) AS `bytes`, CAST(`_fields`.`duration` AS Nullable(String)) AS `duration`, CAST(`_fields`.`is_error` AS Nullable(String)) AS `is_error`, `_time` AS `__h3`
                        FROM (
                          SELECT `_time`, `fields`.`bytes` AS `_fields.bytes`, `fields`.`duration` AS `_fields.duration`, `fields`.`is_error` AS `_fields.is_error`
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
        WHERE (`count` > 0)
      )
    )
  )
)
ORDER BY `__h0` ASC, `__h1` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
