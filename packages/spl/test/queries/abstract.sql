SELECT `_raw`
FROM (
  SELECT `_raw`, `_time` AS `__h0`
  FROM (
    SELECT `_time`, if(isNull(`_raw`) OR length(splitByChar('\n', ifNull(`_raw`, ''))) <= 2, `_raw`, arrayStringConcat(arrayMap((i, k) -> concat(if(i != k AND (k = 1 OR i != arraySort(arraySlice(arraySort((i, l) -> (-length(extractAll(l, {p4:String})), i), arrayEnumerate(splitByChar('\n', ifNull(`_raw`, ''))), splitByChar('\n', ifNull(`_raw`, ''))), 1, 2))[k - 1] + 1), '...', ''), splitByChar('\n', ifNull(`_raw`, ''))[i]), arraySort(arraySlice(arraySort((i, l) -> (-length(extractAll(l, {p4:String})), i), arrayEnumerate(splitByChar('\n', ifNull(`_raw`, ''))), splitByChar('\n', ifNull(`_raw`, ''))), 1, 2)), arrayEnumerate(arraySort(arraySlice(arraySort((i, l) -> (-length(extractAll(l, {p4:String})), i), arrayEnumerate(splitByChar('\n', ifNull(`_raw`, ''))), splitByChar('\n', ifNull(`_raw`, ''))), 1, 2)))), '\n')) AS `_raw`
    FROM (
      SELECT `_time`, `_raw`
      FROM `logs`
      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
    )
  )
)
ORDER BY `__h0` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
