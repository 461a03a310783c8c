SELECT `RowField`, `host`, `status`, `user`
FROM (
  SELECT `RowField`, `host`, `status`, `user`, `__h0`, `__h1`
  FROM (
    SELECT `RowField`, toFloat64(`host`) AS `host`, toFloat64(`status`) AS `status`, toFloat64(`user`) AS `user`, 0 AS `__h0`, row_number() OVER () AS `__h1`
    FROM (
      SELECT `RowField`, `host`, `status`, `user`
      FROM (
        SELECT {p4:String} AS `RowField`, (`both_0_0` / nullIf(`either_0_0`, 0)) AS `host`, (`both_0_1` / nullIf(`either_0_1`, 0)) AS `status`, (`both_0_2` / nullIf(`either_0_2`, 0)) AS `user`
        FROM (
          SELECT sumOrNull(if(and(isNotNull(`host`), isNotNull(`host`)), toFloat64(1), toFloat64(0))) AS `both_0_0`, sumOrNull(if(or(isNotNull(`host`), isNotNull(`host`)), toFloat64(1), toFloat64(0))) AS `either_0_0`, sumOrNull(if(and(isNotNull(`host`), isNotNull(`status`)), toFloat64(1), toFloat64(0))) AS `both_0_1`, sumOrNull(if(or(isNotNull(`host`), isNotNull(`status`)), toFloat64(1), toFloat64(0))) AS `either_0_1`, sumOrNull(if(and(isNotNull(`host`), isNotNull(`user`)), toFloat64(1), toFloat64(0))) AS `both_0_2`, sumOrNull(if(or(isNotNull(`host`), isNotNull(`user`)), toFloat64(1), toFloat64(0))) AS `either_0_2`, sumOrNull(if(and(isNotNull(`status`), isNotNull(`status`)), toFloat64(1), toFloat64(0))) AS `both_1_1`, sumOrNull(if(or(isNotNull(`status`), isNotNull(`status`)), toFloat64(1), toFloat64(0))) AS `either_1_1`, sumOrNull(if(and(isNotNull(`status`), isNotNull(`user`)), toFloat64(1), toFloat64(0))) AS `both_1_2`, sumOrNull(if(or(isNotNull(`status`), isNotNull(`user`)), toFloat64(1), toFloat64(0))) AS `either_1_2`, sumOrNull(if(and(isNotNull(`user`), isNotNull(`user`)), toFloat64(1), toFloat64(0))) AS `both_2_2`, sumOrNull(if(or(isNotNull(`user`), isNotNull(`user`)), toFloat64(1), toFloat64(0))) AS `either_2_2`
          FROM (
            SELECT `host`, CAST(`_fields`.`status` AS Nullable(String)) AS `status`, CAST(`_fields`.`user` AS Nullable(String)) AS `user`, `_time` AS `__h2`
            FROM (
              SELECT `_time`, `host`, `fields`.`status` AS `_fields.status`, `fields`.`user` AS `_fields.user`
              FROM `logs`
              WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
            )
          )
        )
      )
    )
    UNION ALL
    SELECT `RowField`, toFloat64(`host`) AS `host`, toFloat64(`status`) AS `status`, toFloat64(`user`) AS `user`, 1 AS `__h0`, row_number() OVER () AS `__h1`
    FROM (
      SELECT `RowField`, `host`, `status`, `user`
      FROM (
        SELECT {p5:String} AS `RowField`, (`both_0_1` / nullIf(`either_0_1`, 0)) AS `host`, (`both_1_1` / nullIf(`either_1_1`, 0)) AS `status`, (`both_1_2` / nullIf(`either_1_2`, 0)) AS `user`
        FROM (
          SELECT sumOrNull(if(and(isNotNull(`host`), isNotNull(`host`)), toFloat64(1), toFloat64(0))) AS `both_0_0`, sumOrNull(if(or(isNotNull(`host`), isNotNull(`host`)), toFloat64(1), toFloat64(0))) AS `either_0_0`, sumOrNull(if(and(isNotNull(`host`), isNotNull(`status`)), toFloat64(1), toFloat64(0))) AS `both_0_1`, sumOrNull(if(or(isNotNull(`host`), isNotNull(`status`)), toFloat64(1), toFloat64(0))) AS `either_0_1`, sumOrNull(if(and(isNotNull(`host`), isNotNull(`user`)), toFloat64(1), toFloat64(0))) AS `both_0_2`, sumOrNull(if(or(isNotNull(`host`), isNotNull(`user`)), toFloat64(1), toFloat64(0))) AS `either_0_2`, sumOrNull(if(and(isNotNull(`status`), isNotNull(`status`)), toFloat64(1), toFloat64(0))) AS `both_1_1`, sumOrNull(if(or(isNotNull(`status`), isNotNull(`status`)), toFloat64(1), toFloat64(0))) AS `either_1_1`, sumOrNull(if(and(isNotNull(`status`), isNotNull(`user`)), toFloat64(1), toFloat64(0))) AS `both_1_2`, sumOrNull(if(or(isNotNull(`status`), isNotNull(`user`)), toFloat64(1), toFloat64(0))) AS `either_1_2`, sumOrNull(if(and(isNotNull(`user`), isNotNull(`user`)), toFloat64(1), toFloat64(0))) AS `both_2_2`, sumOrNull(if(or(isNotNull(`user`), isNotNull(`user`)), toFloat64(1), toFloat64(0))) AS `either_2_2`
          FROM (
            SELECT `host`, CAST(`_fields`.`status` AS Nullable(String)) AS `status`, CAST(`_fields`.`user` AS Nullable(String)) AS `user`, `_time` AS `__h3`
            FROM (
              SELECT `_time`, `host`, `fields`.`status` AS `_fields.status`, `fields`.`user` AS `_fields.user`
              FROM `logs`
              WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
            )
          )
        )
      )
    )
    UNION ALL
    SELECT `RowField`, toFloat64(`host`) AS `host`, toFloat64(`status`) AS `status`, toFloat64(`user`) AS `user`, 2 AS `__h0`, row_number() OVER () AS `__h1`
    FROM (
      SELECT `RowField`, `host`, `status`, `user`
      FROM (
        SELECT {p6:String} AS `RowField`, (`both_0_2` / nullIf(`either_0_2`, 0)) AS `host`, (`both_1_2` / nullIf(`either_1_2`, 0)) AS `status`, (`both_2_2` / nullIf(`either_2_2`, 0)) AS `user`
        FROM (
          SELECT sumOrNull(if(and(isNotNull(`host`), isNotNull(`host`)), toFloat64(1), toFloat64(0))) AS `both_0_0`, sumOrNull(if(or(isNotNull(`host`), isNotNull(`host`)), toFloat64(1), toFloat64(0))) AS `either_0_0`, sumOrNull(if(and(isNotNull(`host`), isNotNull(`status`)), toFloat64(1), toFloat64(0))) AS `both_0_1`, sumOrNull(if(or(isNotNull(`host`), isNotNull(`status`)), toFloat64(1), toFloat64(0))) AS `either_0_1`, sumOrNull(if(and(isNotNull(`host`), isNotNull(`user`)), toFloat64(1), toFloat64(0))) AS `both_0_2`, sumOrNull(if(or(isNotNull(`host`), isNotNull(`user`)), toFloat64(1), toFloat64(0))) AS `either_0_2`, sumOrNull(if(and(isNotNull(`status`), isNotNull(`status`)), toFloat64(1), toFloat64(0))) AS `both_1_1`, sumOrNull(if(or(isNotNull(`status`), isNotNull(`status`)), toFloat64(1), toFloat64(0))) AS `either_1_1`, sumOrNull(if(and(isNotNull(`status`), isNotNull(`user`)), toFloat64(1), toFloat64(0))) AS `both_1_2`, sumOrNull(if(or(isNotNull(`status`), isNotNull(`user`)), toFloat64(1), toFloat64(0))) AS `either_1_2`, sumOrNull(if(and(isNotNull(`user`), isNotNull(`user`)), toFloat64(1), toFloat64(0))) AS `both_2_2`, sumOrNull(if(or(isNotNull(`user`), isNotNull(`user`)), toFloat64(1), toFloat64(0))) AS `either_2_2`
          FROM (
            SELECT `host`, CAST(`_fields`.`status` AS Nullable(String)) AS `status`, CAST(`_fields`.`user` AS Nullable(String)) AS `user`, `_time` AS `__h4`
            FROM (
              SELECT `_time`, `host`, `fields`.`status` AS `_fields.status`, `fields`.`user` AS `_fields.user`
              FROM `logs`
              WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
            )
          )
        )
      )
    )
  )
)
ORDER BY `__h0` ASC, `__h1` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
