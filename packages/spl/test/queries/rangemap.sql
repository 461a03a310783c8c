SELECT `host`, `range`
FROM (
  SELECT `host`, `range`, `_time` AS `__h0`
  FROM (
    SELECT `_time`, `host`, if(empty(`range`), if(isNull({p7:String}), CAST([] AS Array(Nullable(String))), [toNullable(toString({p7:String}))]), `range`) AS `range`
    FROM (
      SELECT `_time`, `host`, arrayConcat(if(isNull(if(and((toFloat64OrNull(CAST(`_fields`.`date_second` AS Nullable(String))) >= 1), (toFloat64OrNull(CAST(`_fields`.`date_second` AS Nullable(String))) <= 30)), {p4:String}, NULL)), CAST([] AS Array(Nullable(String))), [toNullable(toString(if(and((toFloat64OrNull(CAST(`_fields`.`date_second` AS Nullable(String))) >= 1), (toFloat64OrNull(CAST(`_fields`.`date_second` AS Nullable(String))) <= 30)), {p4:String}, NULL)))]), if(isNull(if(and((toFloat64OrNull(CAST(`_fields`.`date_second` AS Nullable(String))) >= 31), (toFloat64OrNull(CAST(`_fields`.`date_second` AS Nullable(String))) <= 39)), {p5:String}, NULL)), CAST([] AS Array(Nullable(String))), [toNullable(toString(if(and((toFloat64OrNull(CAST(`_fields`.`date_second` AS Nullable(String))) >= 31), (toFloat64OrNull(CAST(`_fields`.`date_second` AS Nullable(String))) <= 39)), {p5:String}, NULL)))]), if(isNull(if(and((toFloat64OrNull(CAST(`_fields`.`date_second` AS Nullable(String))) >= 40), (toFloat64OrNull(CAST(`_fields`.`date_second` AS Nullable(String))) <= 59)), {p6:String}, NULL)), CAST([] AS Array(Nullable(String))), [toNullable(toString(if(and((toFloat64OrNull(CAST(`_fields`.`date_second` AS Nullable(String))) >= 40), (toFloat64OrNull(CAST(`_fields`.`date_second` AS Nullable(String))) <= 59)), {p6:String}, NULL)))])) AS `range`
      FROM (
        SELECT `_time`, `host`, `fields`.`date_second` AS `_fields.date_second`
        FROM `logs`
        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
      )
    )
  )
)
ORDER BY `__h0` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
