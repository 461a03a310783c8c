SELECT `host`, `anomalies`
FROM (
  SELECT `host`, `anomalies`, `__h1` AS `__h2`
  FROM (
    SELECT `host`, `__h1`, arrayFold((`anomalies`, `__foreach`) -> CAST(if((`_series`[replaceRegexpAll(`__foreach`, {p11:String}, {p13:String})] > (`_series`[concat({p14:String}, replaceRegexpAll(`__foreach`, {p11:String}, {p13:String}))] + (3 * `_series`[`__foreach`]))), concat(`anomalies`, concat(replaceRegexpAll(`__foreach`, {p11:String}, {p13:String}), {p15:String})), `anomalies`) AS Nullable(String)), arrayMap(k -> replaceRegexpOne(k, {p11:String}, {p12:String}), arraySort(arrayFilter(k -> match(k, {p11:String}), mapKeys(`_series`)))), CAST(`anomalies` AS Nullable(String))) AS `anomalies`
    FROM (
      SELECT `host`, `__h1`, {p9:String} AS `anomalies`, mapFilter((k, v) -> multiIf(match(k, {p10:String}), 1, 0) = 0, `_series`) AS `_series`
      FROM (
        SELECT l.`host` AS `host`, if(isNotNull(r.`__h0`), mapUpdate(l.`_series`, r.`_series`), l.`_series`) AS `_series`, l.`host` AS `__h1`
        FROM (
          SELECT `host`, `_series`
          FROM (
            SELECT `host`, `_series`
            FROM (
              SELECT `__g0` AS `host`, `__s` AS `_series`
              FROM (
                SELECT `labels`[{p5:String}] AS `__g0`, CAST(avgOrNullMapIf(map(replaceRegexpOne(`metric_name`, {p3:String}, {p6:String}), `value`), match(`metric_name`, {p3:String})) AS Map(String, Nullable(Float64))) AS `__s`
                FROM `metrics`
                WHERE `org_id` = {p0:String} AND `timestamp` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `timestamp` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND match(`metric_name`, {p3:String}) AND (lower(`index`) = lower({p4:String})) AND mapContains(`labels`, {p5:String})
                GROUP BY `__g0`
              )
            )
          )
        ) AS l
        ANY LEFT JOIN (
          SELECT `host`, `_series`, 1 AS `__h0`
          FROM (
            SELECT `host`, `_series`
            FROM (
              SELECT `__g0` AS `host`, `__s` AS `_series`
              FROM (
                SELECT `labels`[{p5:String}] AS `__g0`, mapUpdate(CAST(avgOrNullMapIf(map(replaceRegexpOne(`metric_name`, {p3:String}, {p7:String}), `value`), match(`metric_name`, {p3:String})) AS Map(String, Nullable(Float64))), CAST(stddevSampOrNullMapIf(map(replaceRegexpOne(`metric_name`, {p3:String}, {p8:String}), `value`), match(`metric_name`, {p3:String})) AS Map(String, Nullable(Float64)))) AS `__s`
                FROM `metrics`
                WHERE `org_id` = {p0:String} AND `timestamp` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `timestamp` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND match(`metric_name`, {p3:String}) AND (lower(`index`) = lower({p4:String})) AND mapContains(`labels`, {p5:String})
                GROUP BY `__g0`
              )
            )
            ORDER BY `host` ASC
            LIMIT 50000
          )
        ) AS r ON l.`host` = r.`host`
      )
    )
  )
)
ORDER BY `__h2` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
