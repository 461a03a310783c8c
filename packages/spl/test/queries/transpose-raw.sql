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
          SELECT `__tp_row`, `_time`, `__h2`, `column`, `__tp_value`, `__h3`, coalesce(toFloat64(multiIf((`column` = {p6:String}), toFloat64(0), (`column` = {p7:String}), toFloat64(1), (`column` = {p8:String}), toFloat64(2), (`column` = {p9:String}), toFloat64(3), (`column` = {p10:String}), toFloat64(4), NULL)), toFloat64(5)) AS `__tp_order`
          FROM (
            SELECT `__tp_row`, `_time`, arrayJoin(arrayFilter(e -> e.1 <= 5 OR isNotNull(e.2.2), arrayMap((e, i) -> (i, e), arrayConcat([({p6:String}, toNullable(toString(`index`)))], [({p7:String}, toNullable(toString(`host`)))], [({p8:String}, toNullable(toString(`source`)))], [({p9:String}, toNullable(toString(`sourcetype`)))], [({p10:String}, toNullable(toString(`k`)))], arrayMap(k -> (k, toNullable(toString(`__nexus_transpose_23`[k]))), mapKeys(`__nexus_transpose_23`))), arrayEnumerate(arrayConcat([({p6:String}, toNullable(toString(`index`)))], [({p7:String}, toNullable(toString(`host`)))], [({p8:String}, toNullable(toString(`source`)))], [({p9:String}, toNullable(toString(`sourcetype`)))], [({p10:String}, toNullable(toString(`k`)))], arrayMap(k -> (k, toNullable(toString(`__nexus_transpose_23`[k]))), mapKeys(`__nexus_transpose_23`))))))) AS `__h2`, tupleElement(tupleElement(`__h2`, 2), 1) AS `column`, tupleElement(tupleElement(`__h2`, 2), 2) AS `__tp_value`, tupleElement(`__h2`, 1) AS `__h3`
            FROM (
              SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `k`, `_fields`, `__ss_pos`, concat({p5:String}, toString(`__ss_pos`)) AS `__tp_row`, CAST(mapFromArrays(JSONAllPaths(`_fields`), JSONAllValues(`_fields`)) AS Map(String, Nullable(String))) AS `__nexus_transpose_23`
              FROM (
                SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `k`, `_fields`, count() OVER (ORDER BY `_time` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__ss_pos`
                FROM (
                  SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `k`, `_fields`
                  FROM (
                    SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `_fields`, {p4:String} AS `k`
                    FROM (
                      SELECT `_time`, `index`, `host`, `source`, `sourcetype`, `_raw`, `fields` AS `_fields`
                      FROM `logs`
                      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND ifNull((lowerUTF8(`host`) = {p3:String}), false)
                    )
                  )
                  ORDER BY `_time` DESC
                  LIMIT 2
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
