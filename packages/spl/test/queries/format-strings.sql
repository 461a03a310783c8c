SELECT coalesce(concat(concat({p10:String}, if(empty(`__format_rows`), NULL, arrayStringConcat(`__format_rows`, {p13:String}))), {p12:String}), {p14:String}) AS `search`
FROM (
  SELECT arrayMap(t -> t.2, arrayReverseSort(t -> t.1, groupArrayIf(((-`__format_n`), `__format_row`), isNotNull(`__format_row`)))) AS `__format_rows`
  FROM (
    SELECT `__h0`, `__format_n`, concat(concat({p10:String}, if(empty(arrayConcat(if(isNull(`__format_term0`), CAST([] AS Array(Nullable(String))), [toNullable(toString(`__format_term0`))]), if(isNull(`__format_term1`), CAST([] AS Array(Nullable(String))), [toNullable(toString(`__format_term1`))]), if(isNull(`__format_term2`), CAST([] AS Array(Nullable(String))), [toNullable(toString(`__format_term2`))]))), NULL, arrayStringConcat(arrayConcat(if(isNull(`__format_term0`), CAST([] AS Array(Nullable(String))), [toNullable(toString(`__format_term0`))]), if(isNull(`__format_term1`), CAST([] AS Array(Nullable(String))), [toNullable(toString(`__format_term1`))]), if(isNull(`__format_term2`), CAST([] AS Array(Nullable(String))), [toNullable(toString(`__format_term2`))])), {p11:String}))), {p12:String}) AS `__format_row`
    FROM (
      SELECT `__h0`, `__format_n`, concat(concat({p4:String}, replaceRegexpAll(`host`, {p5:String}, {p6:String})), {p7:String}) AS `__format_term0`, concat(concat({p8:String}, replaceRegexpAll(`source`, {p5:String}, {p6:String})), {p7:String}) AS `__format_term1`, concat(concat({p9:String}, replaceRegexpAll(`sourcetype`, {p5:String}, {p6:String})), {p7:String}) AS `__format_term2`
      FROM (
        SELECT `source`, `sourcetype`, `host`, `__h0`, count() OVER (ORDER BY `__h0` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__format_n`
        FROM (
          SELECT `source`, `sourcetype`, `host`, `_time` AS `__h0`
          FROM (
            SELECT `_time`, `host`, `source`, `sourcetype`
            FROM `logs`
            WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
            ORDER BY `_time` DESC
            LIMIT 2
          )
        )
      )
    )
  )
)
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
