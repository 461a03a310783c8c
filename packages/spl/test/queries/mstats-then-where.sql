SELECT `host`, `cpu`
FROM (
  SELECT `host`, `cpu`, isNull(`cpu`) AS `__h0`, `cpu` AS `__h1`
  FROM (
    SELECT `__g0` AS `host`, `__a0` AS `cpu`
    FROM (
      SELECT `labels`[{p5:String}] AS `__g0`, avgOrNullIf(`value`, `metric_name` = {p6:String}) AS `__a0`
      FROM `metrics`
      WHERE `org_id` = {p0:String} AND `timestamp` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `timestamp` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND `metric_name` IN {p3:Array(String)} AND (lower(`index`) = lower({p4:String})) AND mapContains(`labels`, {p5:String})
      GROUP BY `__g0`
    )
  )
  WHERE (`cpu` > 50)
  ORDER BY `__h0` ASC, `__h1` DESC
  LIMIT 10000
)
ORDER BY `__h0` ASC, `__h1` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
