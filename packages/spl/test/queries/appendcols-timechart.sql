SELECT `_time`, `count`, `errors`
FROM (
  SELECT l.`_time` AS `_time`, l.`count` AS `count`, r.`errors` AS `errors`, coalesce(l.`__h0`, r.`__h0`) AS `__h6`
  FROM (
    SELECT `_time`, `count`, row_number() OVER (ORDER BY `_time` ASC) AS `__h0`
    FROM (
      SELECT `_time`, `count`
      FROM (
        SELECT toDateTime64(`__h1`, 3, 'UTC') AS `_time`, `__h2` AS `count`
        FROM (
          SELECT toStartOfHour(`_time`, {p4:String}) AS `__h1`, count() AS `__h2`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
          GROUP BY `__h1`
        )
        ORDER BY `_time` ASC WITH FILL FROM toDateTime64(toStartOfInterval(fromUnixTimestamp64Milli({p1:Int64}, {p4:String}), INTERVAL 1 HOUR, {p4:String}), 3, 'UTC') TO fromUnixTimestamp64Milli({p2:Int64}, 'UTC') STEP INTERVAL 1 HOUR
      )
    )
  ) AS l
  FULL OUTER JOIN (
    SELECT `errors`, `__h5`, row_number() OVER (ORDER BY `__h5` ASC) AS `__h0`
    FROM (
      SELECT `errors`, `_time` AS `__h5`
      FROM (
        SELECT toDateTime64(`__h3`, 3, 'UTC') AS `_time`, `__h4` AS `errors`
        FROM (
          SELECT toStartOfHour(`_time`, {p4:String}) AS `__h3`, count() AS `__h4`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ((`index` = {p3:String}) AND multiIf(dynamicElement(`fields`.`status`, 'String') IN ({p5:String}, {p7:String}, {p8:String}), true, length(dynamicElement(`fields`.`status`, 'String')) = 3, false, (ifNull((CAST(`fields`.`status` AS Nullable(String)) = {p5:String}) OR toFloat64OrNull(CAST(`fields`.`status` AS Nullable(String))) = {p6:Float64}, false) OR arrayExists(v -> ifNull((v = {p5:String}) OR toFloat64OrNull(v) = {p6:Float64}, false), dynamicElement(`fields`.`status`, 'Array(Nullable(String))')))))
          GROUP BY `__h3`
        )
        ORDER BY `_time` ASC WITH FILL FROM toDateTime64(toStartOfInterval(fromUnixTimestamp64Milli({p1:Int64}, {p4:String}), INTERVAL 1 HOUR, {p4:String}), 3, 'UTC') TO fromUnixTimestamp64Milli({p2:Int64}, 'UTC') STEP INTERVAL 1 HOUR
      )
      ORDER BY `__h5` ASC
      LIMIT 50000
    )
  ) AS r ON l.`__h0` = r.`__h0`
)
ORDER BY `__h6` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
