SELECT `column`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`
FROM (
  SELECT `column`, `_series`, `__tp_order` AS `__h5`
  FROM (
    SELECT `__tp_order`, `column`, mapFromArrays(`__h1`, arrayMap(l -> `__h4`[l], `__h1`)) AS `_series`
    FROM (
      SELECT `__tp_order`, `column`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> toNullable(toString(tupleElement(c, 2))), `__h0`)) AS `__h4`, arraySort(l -> (0, isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h0`)) OVER ()) AS `__h1`
      FROM (
        SELECT `__tp_order`, `column`, groupArray(tuple(`__tp_row`, `__tp_value`)) AS `__h0`
        FROM (
          SELECT `__tp_row`, `sourcetype`, `__h2`, `column`, `__tp_value`, `__h3`, multiIf((`column` = {p5:String}), toFloat64(0), (`column` = {p6:String}), toFloat64(1), NULL) AS `__tp_order`
          FROM (
            SELECT `__tp_row`, `sourcetype`, arrayJoin(arrayFilter(e -> e.1 <= 2 OR isNotNull(e.2.2), arrayMap((e, i) -> (i, e), arrayConcat([({p5:String}, toNullable(toString(`sourcetype`)))], [({p6:String}, toNullable(toString(`count`)))]), arrayEnumerate(arrayConcat([({p5:String}, toNullable(toString(`sourcetype`)))], [({p6:String}, toNullable(toString(`count`)))]))))) AS `__h2`, tupleElement(tupleElement(`__h2`, 2), 1) AS `column`, tupleElement(tupleElement(`__h2`, 2), 2) AS `__tp_value`, tupleElement(`__h2`, 1) AS `__h3`
            FROM (
              SELECT `sourcetype`, `count`, `__ss_pos`, concat({p4:String}, toString(`__ss_pos`)) AS `__tp_row`
              FROM (
                SELECT `sourcetype`, `count`, count() OVER (ORDER BY `sourcetype` ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__ss_pos`
                FROM (
                  SELECT `sourcetype`, count() AS `count`
                  FROM `logs`
                  WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                  GROUP BY `sourcetype`
                  ORDER BY `sourcetype` ASC
                  LIMIT 5
                )
              )
            )
          )
        )
        GROUP BY `__tp_order`, `column`
      )
    )
  )
)
ORDER BY `__h5` ASC, `column` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
