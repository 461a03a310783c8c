SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `CLUSTERNUM`, `centroid_date_hour`, `centroid_date_minute`, `_fields`
FROM (
  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `CLUSTERNUM`, `centroid_date_hour`, `centroid_date_minute`, `__h3` AS `__h7`, `__h4` AS `__h8`, `__h5` AS `__h9`, `__h6` AS `__h10`, `_fields`
  FROM (
    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `__h2`, `_fields`, `CLUSTERNUM`, `centroid_date_hour`, `centroid_date_minute`, isNull(`CLUSTERNUM`) AS `__h3`, `CLUSTERNUM` AS `__h4`, isNull(`__kmeans_pos`) AS `__h5`, `__kmeans_pos` AS `__h6`
    FROM (
      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `__kmeans_pos`, `__h2`, `_fields`, `CLUSTERNUM`, arrayElement(arrayElement(`__kmeans_centroids`, toUInt64(`CLUSTERNUM`)), 1) AS `centroid_date_hour`, arrayElement(arrayElement(`__kmeans_centroids`, toUInt64(`CLUSTERNUM`)), 2) AS `centroid_date_minute`
      FROM (
        SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `__kmeans_pos`, `__kmeans_centroids`, `__h2`, `_fields`, arrayMap(__mds -> indexOf(__mds, arrayMin(__mds)), [arrayMap(__mc -> L2SquaredDistance([toFloat64(ifNull(toFloat64OrNull(CAST(`_fields`.`date_hour` AS Nullable(String))), nan)), toFloat64(ifNull(toFloat64OrNull(CAST(`_fields`.`date_minute` AS Nullable(String))), nan))], __mc), `__kmeans_centroids`)])[1] AS `CLUSTERNUM`
        FROM (
          SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `__kmeans_pos`, `__kmeans_centroids`, `__h1` AS `__h2`, `_fields`
          FROM (
            SELECT l.`_time` AS `_time`, l.`index` AS `index`, l.`host` AS `host`, l.`source` AS `source`, l.`sourcetype` AS `sourcetype`, l.`_raw` AS `_raw`, l.`__kmeans_pos` AS `__kmeans_pos`, r.`__kmeans_centroids` AS `__kmeans_centroids`, l.`_time` AS `__h1`, l.`_fields` AS `_fields`
            FROM (
              SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__kmeans_pos`, `__model_key`
              FROM (
                SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, `__kmeans_pos`, 1 AS `__model_key`
                FROM (
                  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, count() OVER (ORDER BY `_time` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__kmeans_pos`
                  FROM (
                    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
                    FROM `logs`
                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String}) AND and(isNotNull(toFloat64OrNull(CAST(`fields`.`date_hour` AS Nullable(String)))), isNotNull(toFloat64OrNull(CAST(`fields`.`date_minute` AS Nullable(String)))))
                  )
                )
              )
            ) AS l
            ANY LEFT JOIN (
              SELECT `__model_key`, `__kmeans_centroids`, 1 AS `__h0`
              FROM (
                SELECT 1 AS `__model_key`, arrayMap(__mS -> arrayFold((__ms, __mi) -> if(__ms.2, __ms, CAST(arrayMap(__mC -> arrayMap(__mN -> (__mN, arrayMax(arrayMap((__ma, __mb) -> L2SquaredDistance(__ma, __mb), __mC, __mN)) <= {p5:Float64}), [arrayMap(__mA -> arraySort(arrayMap(__mj -> arrayMap(__mm -> if(empty(__mm), __mC[__mj], arrayMap(__mx -> __mx / length(__mm), arrayReduce('sumForEach', __mm))), [arrayFilter((__mp, __ma) -> __ma = __mj, __mS, __mA)])[1], range(1, length(__mC) + 1))), [arrayMap(__mp -> arrayMap(__mds -> indexOf(__mds, arrayMin(__mds)), [arrayMap(__mc -> L2SquaredDistance(__mp, __mc), __mC)])[1], __mS)])[1]])[1], [__ms.1])[1] AS Tuple(Array(Array(Float64)), Bool))), range(10000), CAST((arraySort(arrayFold((__mC, __mi) -> arrayPushBack(__mC, arrayMap(__mf -> __mS[indexOf(__mf, arrayMax(__mf))], [arrayMap(__mp -> if(has(__mC, __mp), -1, arrayMin(arrayMap(__mc -> L2SquaredDistance(__mp, __mc), __mC))), __mS)])[1]), range(toUInt64(least(3, length(arrayDistinct(__mS))) - 1)), CAST([__mS[1]] AS Array(Array(Float64))))), false) AS Tuple(Array(Array(Float64)), Bool))).1, [arraySort(`__kmeans_points`)])[1] AS `__kmeans_centroids`
                FROM (
                  SELECT `__kmeans_points`
                  FROM (
                    SELECT groupArray([toFloat64(ifNull(toFloat64OrNull(CAST(`fields`.`date_hour` AS Nullable(String))), nan)), toFloat64(ifNull(toFloat64OrNull(CAST(`fields`.`date_minute` AS Nullable(String))), nan))]) AS `__kmeans_points`, count() AS `__kmeans_n`
                    FROM `logs`
                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String}) AND and(isNotNull(toFloat64OrNull(CAST(`fields`.`date_hour` AS Nullable(String)))), isNotNull(toFloat64OrNull(CAST(`fields`.`date_minute` AS Nullable(String)))))
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
)
ORDER BY `__h7` ASC, `__h8` ASC, `__h9` ASC, `__h10` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
