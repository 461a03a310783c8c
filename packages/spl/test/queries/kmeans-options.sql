SELECT `host`, `bytes`, `duration`, `group`
FROM (
  SELECT `host`, `bytes`, `duration`, `group`, `__h3` AS `__h7`, `__h4` AS `__h8`, `__h5` AS `__h9`, `__h6` AS `__h10`
  FROM (
    SELECT `host`, `bytes`, `duration`, `__h2`, `group`, isNull(`group`) AS `__h3`, `group` AS `__h4`, isNull(`__kmeans_pos`) AS `__h5`, `__kmeans_pos` AS `__h6`
    FROM (
      SELECT `host`, `bytes`, `duration`, `__kmeans_pos`, `__h2`, arrayMap(__mds -> indexOf(__mds, arrayMin(__mds)), [arrayMap(__mc -> L1Distance([toFloat64(ifNull(`bytes`, nan)), toFloat64(ifNull(`duration`, nan))], __mc), `__kmeans_centroids`)])[1] AS `group`
      FROM (
        SELECT `host`, `bytes`, `duration`, `__kmeans_pos`, `__kmeans_centroids`, `__h1` AS `__h2`
        FROM (
          SELECT l.`host` AS `host`, l.`bytes` AS `bytes`, l.`duration` AS `duration`, l.`__kmeans_pos` AS `__kmeans_pos`, r.`__kmeans_centroids` AS `__kmeans_centroids`, l.`host` AS `__h1`
          FROM (
            SELECT `host`, `bytes`, `duration`, `__kmeans_pos`, `__model_key`
            FROM (
              SELECT `host`, `bytes`, `duration`, `__kmeans_pos`, 1 AS `__model_key`
              FROM (
                SELECT `host`, `bytes`, `duration`, count() OVER (ORDER BY `host` ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__kmeans_pos`
                FROM (
                  SELECT `host`, `bytes`, `duration`
                  FROM (
                    SELECT `host`, avgOrNull(toFloat64OrNull(CAST(`fields`.`bytes` AS Nullable(String)))) AS `bytes`, avgOrNull(toFloat64OrNull(CAST(`fields`.`duration` AS Nullable(String)))) AS `duration`
                    FROM `logs`
                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                    GROUP BY `host`
                  )
                  WHERE and(isNotNull(`bytes`), isNotNull(`duration`))
                )
              )
            )
          ) AS l
          ANY LEFT JOIN (
            SELECT `__model_key`, `__kmeans_centroids`, 1 AS `__h0`
            FROM (
              SELECT 1 AS `__model_key`, arrayMap(__mS -> arrayFold((__ms, __mi) -> if(__ms.2, __ms, CAST(arrayMap(__mC -> arrayMap(__mN -> (__mN, arrayMax(arrayMap((__ma, __mb) -> L1Distance(__ma, __mb), __mC, __mN)) <= {p5:Float64}), [arrayMap(__mA -> arraySort(arrayMap(__mj -> arrayMap(__mm -> if(empty(__mm), __mC[__mj], arrayMap(__mx -> __mx / length(__mm), arrayReduce('sumForEach', __mm))), [arrayFilter((__mp, __ma) -> __ma = __mj, __mS, __mA)])[1], range(1, length(__mC) + 1))), [arrayMap(__mp -> arrayMap(__mds -> indexOf(__mds, arrayMin(__mds)), [arrayMap(__mc -> L1Distance(__mp, __mc), __mC)])[1], __mS)])[1]])[1], [__ms.1])[1] AS Tuple(Array(Array(Float64)), Bool))), range(50), CAST((arraySort(arrayFold((__mC, __mi) -> arrayPushBack(__mC, arrayMap(__mf -> __mS[indexOf(__mf, arrayMax(__mf))], [arrayMap(__mp -> if(has(__mC, __mp), -1, arrayMin(arrayMap(__mc -> L1Distance(__mp, __mc), __mC))), __mS)])[1]), range(toUInt64(least(2, length(arrayDistinct(__mS))) - 1)), CAST([__mS[1]] AS Array(Array(Float64))))), false) AS Tuple(Array(Array(Float64)), Bool))).1, [arraySort(`__kmeans_points`)])[1] AS `__kmeans_centroids`
              FROM (
                SELECT `__kmeans_points`
                FROM (
                  SELECT groupArray([toFloat64(ifNull(`bytes`, nan)), toFloat64(ifNull(`duration`, nan))]) AS `__kmeans_points`, count() AS `__kmeans_n`
                  FROM (
                    SELECT `host`, avgOrNull(toFloat64OrNull(CAST(`fields`.`bytes` AS Nullable(String)))) AS `bytes`, avgOrNull(toFloat64OrNull(CAST(`fields`.`duration` AS Nullable(String)))) AS `duration`
                    FROM `logs`
                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                    GROUP BY `host`
                  )
                  WHERE and(isNotNull(`bytes`), isNotNull(`duration`))
                )
                WHERE if(throwIf(ifNull((`__kmeans_n` > 50000), false), {p4:String}) = 0, (`__kmeans_n` > 0), (`__kmeans_n` > 0))
              )
            )
          ) AS r ON l.`__model_key` = r.`__model_key`
          WHERE isNotNull(r.`__h0`)
        )
      )
    )
  )
)
ORDER BY `__h7` ASC, `__h8` ASC, `__h9` ASC, `__h10` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
