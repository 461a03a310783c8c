SELECT `L.product_id`, count() AS `count`
FROM (
  SELECT l.`L.product_id` AS `L.product_id`, l.`__h1` AS `__h5`, l.`__h6` AS `__h6`, r.`__h7` AS `__h7`
  FROM (
    SELECT `__nexus_join_key0`, `__nexus_join_key1`, `L.product_id`, `L.price`, `L.region`, `__h1`, rowNumberInAllBlocks() AS `__h6`
    FROM (
      SELECT `product_id` AS `__nexus_join_key0`, `region` AS `__nexus_join_key1`, `product_id` AS `L.product_id`, `price` AS `L.price`, `region` AS `L.region`, `__h0` AS `__h1`
      FROM (
        SELECT CAST(`_fields`.`product_id` AS Nullable(String)) AS `product_id`, CAST(`_fields`.`price` AS Nullable(String)) AS `price`, CAST(`_fields`.`region` AS Nullable(String)) AS `region`, `_time` AS `__h0`
        FROM (
          SELECT `_time`, `fields`.`product_id` AS `_fields.product_id`, `fields`.`price` AS `_fields.price`, `fields`.`region` AS `_fields.region`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
        )
      )
    )
  ) AS l
  ALL LEFT JOIN (
    SELECT `__nexus_join_key0`, `__nexus_join_key1`, `R.pid`, `R.vendor`, `R.region`, `__h3`, 1 AS `__h4`, row_number() OVER (ORDER BY `__h3` DESC) AS `__h7`
    FROM (
      SELECT `pid` AS `__nexus_join_key0`, `region` AS `__nexus_join_key1`, `pid` AS `R.pid`, `vendor` AS `R.vendor`, `region` AS `R.region`, `__h2` AS `__h3`
      FROM (
        SELECT CAST(`_fields`.`pid` AS Nullable(String)) AS `pid`, CAST(`_fields`.`vendor` AS Nullable(String)) AS `vendor`, CAST(`_fields`.`region` AS Nullable(String)) AS `region`, `_time` AS `__h2`
        FROM (
          SELECT `_time`, `fields`.`region` AS `_fields.region`, `fields`.`pid` AS `_fields.pid`, `fields`.`vendor` AS `_fields.vendor`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p4:String})
        )
      )
      ORDER BY `__h3` DESC
      LIMIT 50000
    )
  ) AS r ON l.`__nexus_join_key0` = r.`__nexus_join_key0` AND l.`__nexus_join_key1` = r.`__nexus_join_key1`
)
WHERE isNotNull(`L.product_id`)
GROUP BY `L.product_id`
ORDER BY `L.product_id` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
