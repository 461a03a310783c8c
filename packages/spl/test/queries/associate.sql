SELECT `Reference_Key`, `Reference_Value`, `Target_Key`, `Unconditional_Entropy`, `Conditional_Entropy`, `Entropy_Improvement`, `Description`, `Support`, `Top_Conditional_Value`
FROM (
  SELECT `Reference_Key`, `Reference_Value`, `Target_Key`, `Unconditional_Entropy`, `Conditional_Entropy`, `Entropy_Improvement`, `Description`, `Support`, `Top_Conditional_Value`, `__h25`, `__h26`, `__h27`, isNull(`Entropy_Improvement`) AS `__h28`, `Entropy_Improvement` AS `__h29`, isNull(`Reference_Key`) AS `__h30`, `Reference_Key` AS `__h31`, isNull(`Reference_Value`) AS `__h32`, `Reference_Value` AS `__h33`, isNull(`Target_Key`) AS `__h34`, `Target_Key` AS `__h35`
  FROM (
    SELECT `__k` AS `Reference_Key`, `__v` AS `Reference_Value`, `__tk` AS `Target_Key`, `__h` AS `Unconditional_Entropy`, `__hc` AS `Conditional_Entropy`, (`__h` - `__hc`) AS `Entropy_Improvement`, concat(concat(concat(concat(concat(concat(concat(concat(concat(concat({p6:String}, `__k`), {p7:String}), `__v`), {p8:String}), `__tk`), {p9:String}), printf('%.3f', toFloat64(`__h`))), {p10:String}), printf('%.3f', toFloat64(`__hc`))), {p11:String}) AS `Description`, (`__c` / nullIf(`__total`, 0)) AS `Support`, concat(concat(concat(concat(concat(`__top`, {p12:String}), printf('%.3f', toFloat64(((countEqual(`__all`, `__top`) / length(`__all`)) * 100)))), {p13:String}), printf('%.3f', toFloat64(((countEqual(`__tvs`, `__top`) / length(`__tvs`)) * 100)))), {p14:String}) AS `Top_Conditional_Value`, `__h22` AS `__h25`, `__h23` AS `__h26`, `__h24` AS `__h27`
    FROM (
      SELECT `__k`, `__v`, `__tk`, `__c`, `__total`, `__tvs`, `__all`, `__h22`, `__h23`, `__h24`, `__h`, `__hc`, `__top`
      FROM (
        SELECT `__k`, `__v`, `__tk`, `__c`, `__total`, `__tvs`, `__all`, `__h22`, `__h23`, `__h24`, arraySum(arrayMap(c -> (c / length(`__all`)) * log2(length(`__all`) / c), arrayMap(v -> countEqual(`__all`, v), arrayDistinct(`__all`)))) AS `__h`, arraySum(arrayMap(c -> (c / length(`__tvs`)) * log2(length(`__tvs`) / c), arrayMap(v -> countEqual(`__tvs`, v), arrayDistinct(`__tvs`)))) AS `__hc`, arraySort(v -> (-countEqual(`__tvs`, v), v), arrayDistinct(`__tvs`))[1] AS `__top`
        FROM (
          SELECT l.`__k` AS `__k`, l.`__v` AS `__v`, l.`__tk` AS `__tk`, l.`__c` AS `__c`, l.`__total` AS `__total`, l.`__tvs` AS `__tvs`, r.`__all` AS `__all`, l.`__k` AS `__h22`, l.`__v` AS `__h23`, l.`__tk` AS `__h24`
          FROM (
            SELECT `__k`, `__v`, `__tk`, `__c`, `__total`, `__tvs`
            FROM (
              SELECT `__k`, `__v`, `__tk`, maxOrNull(`__c`) AS `__c`, maxOrNull(`__total`) AS `__total`, groupArray(`__tv`) AS `__tvs`
              FROM (
                SELECT l.`__total` AS `__total`, l.`__k` AS `__k`, l.`__v` AS `__v`, l.`__c` AS `__c`, r.`__tk` AS `__tk`, r.`__tv` AS `__tv`, l.`__h13` AS `__h13`, r.`__h14` AS `__h14`
                FROM (
                  SELECT `__rid`, `__total`, `__k`, `__v`, `__c`, rowNumberInAllBlocks() AS `__h13`
                  FROM (
                    SELECT `__rid`, `__total`, `__k`, `__v`, if(isNull(`__k`) OR isNull(`__v`), NULL, count() OVER (PARTITION BY `__k`, `__v`)) AS `__c`
                    FROM (
                      SELECT `__rid`, `__total`, `__k`, `__v`
                      FROM (
                        SELECT toFloat64(`__rid`) AS `__rid`, toFloat64(`__total`) AS `__total`, `__k`, `__v`
                        FROM (
                          SELECT `__rid`, `__total`, `__k`, `__v`, `__h3`
                          FROM (
                            SELECT `__rid`, `__total`, {p4:String} AS `__k`, `host` AS `__v`, `__h2` AS `__h3`
                            FROM (
                              SELECT `host`, `status`, `__h2`, `__rid`, count() OVER () AS `__total`
                              FROM (
                                SELECT `host`, `status`, `__h2`, count() OVER (ORDER BY `__h2` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__rid`
                                FROM (
                                  SELECT `host`, CAST(`_fields`.`status` AS Nullable(String)) AS `status`, `_time` AS `__h2`
                                  FROM (
                                    SELECT `_time`, `host`, `fields`.`status` AS `_fields.status`
                                    FROM `logs`
                                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                                  )
                                )
                              )
                            )
                          )
                          WHERE isNotNull(`__v`)
                        )
                        UNION ALL
                        SELECT toFloat64(`__rid`) AS `__rid`, toFloat64(`__total`) AS `__total`, `__k`, `__v`
                        FROM (
                          SELECT `__rid`, `__total`, `__k`, `__v`, `__h5`
                          FROM (
                            SELECT `__rid`, `__total`, {p5:String} AS `__k`, `status` AS `__v`, `__h4` AS `__h5`
                            FROM (
                              SELECT `host`, `status`, `__h4`, `__rid`, count() OVER () AS `__total`
                              FROM (
                                SELECT `host`, `status`, `__h4`, count() OVER (ORDER BY `__h4` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__rid`
                                FROM (
                                  SELECT `host`, CAST(`_fields`.`status` AS Nullable(String)) AS `status`, `_time` AS `__h4`
                                  FROM (
                                    SELECT `_time`, `host`, `fields`.`status` AS `_fields.status`
                                    FROM `logs`
                                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                                  )
                                )
                              )
                            )
                          )
                          WHERE isNotNull(`__v`)
                        )
                      )
                    )
                  )
                ) AS l
                ALL LEFT JOIN (
                  SELECT `__rid`, `__tk`, `__tv`, 1 AS `__h12`, rowNumberInAllBlocks() AS `__h14`
                  FROM (
                    SELECT `__rid`, `__k` AS `__tk`, `__v` AS `__tv`
                    FROM (
                      SELECT `__rid`, `__total`, `__k`, `__v`
                      FROM (
                        SELECT toFloat64(`__rid`) AS `__rid`, toFloat64(`__total`) AS `__total`, `__k`, `__v`
                        FROM (
                          SELECT `__rid`, `__total`, `__k`, `__v`, `__h9`
                          FROM (
                            SELECT `__rid`, `__total`, {p4:String} AS `__k`, `host` AS `__v`, `__h8` AS `__h9`
                            FROM (
                              SELECT `host`, `status`, `__h8`, `__rid`, count() OVER () AS `__total`
                              FROM (
                                SELECT `host`, `status`, `__h8`, count() OVER (ORDER BY `__h8` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__rid`
                                FROM (
                                  SELECT `host`, CAST(`_fields`.`status` AS Nullable(String)) AS `status`, `_time` AS `__h8`
                                  FROM (
                                    SELECT `_time`, `host`, `fields`.`status` AS `_fields.status`
                                    FROM `logs`
                                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                                  )
                                )
                              )
                            )
                          )
                          WHERE isNotNull(`__v`)
                        )
                        UNION ALL
                        SELECT toFloat64(`__rid`) AS `__rid`, toFloat64(`__total`) AS `__total`, `__k`, `__v`
                        FROM (
                          SELECT `__rid`, `__total`, `__k`, `__v`, `__h11`
                          FROM (
                            SELECT `__rid`, `__total`, {p5:String} AS `__k`, `status` AS `__v`, `__h10` AS `__h11`
                            FROM (
                              SELECT `host`, `status`, `__h10`, `__rid`, count() OVER () AS `__total`
                              FROM (
                                SELECT `host`, `status`, `__h10`, count() OVER (ORDER BY `__h10` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__rid`
                                FROM (
                                  SELECT `host`, CAST(`_fields`.`status` AS Nullable(String)) AS `status`, `_time` AS `__h10`
                                  FROM (
                                    SELECT `_time`, `host`, `fields`.`status` AS `_fields.status`
                                    FROM `logs`
                                    WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                                  )
                                )
                              )
                            )
                          )
                          WHERE isNotNull(`__v`)
                        )
                      )
                    )
                  )
                ) AS r ON l.`__rid` = r.`__rid`
                WHERE isNotNull(r.`__h12`)
              )
              WHERE (`__k` != `__tk`) AND isNotNull(`__k`) AND isNotNull(`__v`) AND isNotNull(`__tk`)
              GROUP BY `__k`, `__v`, `__tk`
            )
          ) AS l
          ANY LEFT JOIN (
            SELECT `__tk`, `__all`, 1 AS `__h21`
            FROM (
              SELECT `__tk`, groupArray(`__tv`) AS `__all`
              FROM (
                SELECT `__rid`, `__k` AS `__tk`, `__v` AS `__tv`
                FROM (
                  SELECT `__rid`, `__total`, `__k`, `__v`
                  FROM (
                    SELECT toFloat64(`__rid`) AS `__rid`, toFloat64(`__total`) AS `__total`, `__k`, `__v`
                    FROM (
                      SELECT `__rid`, `__total`, `__k`, `__v`, `__h18`
                      FROM (
                        SELECT `__rid`, `__total`, {p4:String} AS `__k`, `host` AS `__v`, `__h17` AS `__h18`
                        FROM (
                          SELECT `host`, `status`, `__h17`, `__rid`, count() OVER () AS `__total`
                          FROM (
                            SELECT `host`, `status`, `__h17`, count() OVER (ORDER BY `__h17` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__rid`
                            FROM (
                              SELECT `host`, CAST(`_fields`.`status` AS Nullable(String)) AS `status`, `_time` AS `__h17`
                              FROM (
                                SELECT `_time`, `host`, `fields`.`status` AS `_fields.status`
                                FROM `logs`
                                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                              )
                            )
                          )
                        )
                      )
                      WHERE isNotNull(`__v`)
                    )
                    UNION ALL
                    SELECT toFloat64(`__rid`) AS `__rid`, toFloat64(`__total`) AS `__total`, `__k`, `__v`
                    FROM (
                      SELECT `__rid`, `__total`, `__k`, `__v`, `__h20`
                      FROM (
                        SELECT `__rid`, `__total`, {p5:String} AS `__k`, `status` AS `__v`, `__h19` AS `__h20`
                        FROM (
                          SELECT `host`, `status`, `__h19`, `__rid`, count() OVER () AS `__total`
                          FROM (
                            SELECT `host`, `status`, `__h19`, count() OVER (ORDER BY `__h19` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__rid`
                            FROM (
                              SELECT `host`, CAST(`_fields`.`status` AS Nullable(String)) AS `status`, `_time` AS `__h19`
                              FROM (
                                SELECT `_time`, `host`, `fields`.`status` AS `_fields.status`
                                FROM `logs`
                                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                              )
                            )
                          )
                        )
                      )
                      WHERE isNotNull(`__v`)
                    )
                  )
                )
              )
              WHERE isNotNull(`__tk`)
              GROUP BY `__tk`
            )
          ) AS r ON l.`__tk` = r.`__tk`
          WHERE isNotNull(r.`__h21`)
        )
      )
      WHERE and((`__c` >= 1), and(((`__c` / nullIf(`__total`, 0)) >= 0), ((`__h` - `__hc`) >= 0)))
    )
  )
)
ORDER BY `__h28` ASC, `__h29` DESC, `__h30` ASC, `__h31` ASC, `__h32` ASC, `__h33` ASC, `__h34` ASC, `__h35` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
