SELECT `senders`
FROM (
  SELECT `senders`, `_time` AS `__h0`
  FROM (
    SELECT `_time`, if(empty(`senders`), NULL, arrayStringConcat(`senders`, {p5:String})) AS `senders`
    FROM (
      SELECT `_time`, arrayFilter(v -> ifNull(v, '') != '', if(isNull(CAST(`_fields`.`senders` AS Nullable(String))), CAST([] AS Array(Nullable(String))), CAST(splitByString({p4:String}, assumeNotNull(CAST(`_fields`.`senders` AS Nullable(String)))) AS Array(Nullable(String))))) AS `senders`
      FROM (
        SELECT `_time`, `fields`.`senders` AS `_fields.senders`
        FROM `logs`
        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
      )
    )
  )
)
ORDER BY `__h0` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
