SELECT `name`
FROM (
  SELECT `name`, `_time` AS `__h0`
  FROM (
    SELECT `_time`, if(empty(`name`), if(isNull({p7:String}), CAST([] AS Array(Nullable(String))), [toNullable(toString({p7:String}))]), `name`) AS `name`
    FROM (
      SELECT `_time`, CAST(arrayMap(k -> if(arrayMap(t -> multiIf(match(t, '^<[A-Za-z_][^>]*/>$'), 0, match(t, '^<[A-Za-z_]'), 1, match(t, '^</'), -1, 2), extractAll(ifNull(`_raw`, ''), {p4:String}))[k] = 0, '', decodeXMLComponent(arrayStringConcat(arraySlice(splitByRegexp({p4:String}, ifNull(`_raw`, '')), k + 1, arrayFirstIndex((dd, i) -> i > k AND dd = arrayCumSum(arrayMap(k -> if(k = 1 OR k = -1, k, 0), arrayMap(t -> multiIf(match(t, '^<[A-Za-z_][^>]*/>$'), 0, match(t, '^<[A-Za-z_]'), 1, match(t, '^</'), -1, 2), extractAll(ifNull(`_raw`, ''), {p4:String}))))[k] - 1, arrayCumSum(arrayMap(k -> if(k = 1 OR k = -1, k, 0), arrayMap(t -> multiIf(match(t, '^<[A-Za-z_][^>]*/>$'), 0, match(t, '^<[A-Za-z_]'), 1, match(t, '^</'), -1, 2), extractAll(ifNull(`_raw`, ''), {p4:String})))), arrayEnumerate(arrayMap(t -> multiIf(match(t, '^<[A-Za-z_][^>]*/>$'), 0, match(t, '^<[A-Za-z_]'), 1, match(t, '^</'), -1, 2), extractAll(ifNull(`_raw`, ''), {p4:String})))) - k)))), arrayFilter(k -> arrayMap(t -> multiIf(match(t, '^<[A-Za-z_][^>]*/>$'), 0, match(t, '^<[A-Za-z_]'), 1, match(t, '^</'), -1, 2), extractAll(ifNull(`_raw`, ''), {p4:String}))[k] IN (0, 1) AND match(concat('/', arrayStringConcat(arrayPushBack(arrayMap(d -> arrayMap(t -> extract(t, {p5:String}), extractAll(ifNull(`_raw`, ''), {p4:String}))[arrayLastIndex((dd, kk, i) -> i < k AND dd = d AND kk = 1, arrayCumSum(arrayMap(k -> if(k = 1 OR k = -1, k, 0), arrayMap(t -> multiIf(match(t, '^<[A-Za-z_][^>]*/>$'), 0, match(t, '^<[A-Za-z_]'), 1, match(t, '^</'), -1, 2), extractAll(ifNull(`_raw`, ''), {p4:String})))), arrayMap(t -> multiIf(match(t, '^<[A-Za-z_][^>]*/>$'), 0, match(t, '^<[A-Za-z_]'), 1, match(t, '^</'), -1, 2), extractAll(ifNull(`_raw`, ''), {p4:String})), arrayEnumerate(arrayMap(t -> multiIf(match(t, '^<[A-Za-z_][^>]*/>$'), 0, match(t, '^<[A-Za-z_]'), 1, match(t, '^</'), -1, 2), extractAll(ifNull(`_raw`, ''), {p4:String}))))], range(1, if(arrayMap(t -> multiIf(match(t, '^<[A-Za-z_][^>]*/>$'), 0, match(t, '^<[A-Za-z_]'), 1, match(t, '^</'), -1, 2), extractAll(ifNull(`_raw`, ''), {p4:String}))[k] = 1, arrayCumSum(arrayMap(k -> if(k = 1 OR k = -1, k, 0), arrayMap(t -> multiIf(match(t, '^<[A-Za-z_][^>]*/>$'), 0, match(t, '^<[A-Za-z_]'), 1, match(t, '^</'), -1, 2), extractAll(ifNull(`_raw`, ''), {p4:String}))))[k], arrayCumSum(arrayMap(k -> if(k = 1 OR k = -1, k, 0), arrayMap(t -> multiIf(match(t, '^<[A-Za-z_][^>]*/>$'), 0, match(t, '^<[A-Za-z_]'), 1, match(t, '^</'), -1, 2), extractAll(ifNull(`_raw`, ''), {p4:String}))))[k] + 1))), arrayMap(t -> extract(t, {p5:String}), extractAll(ifNull(`_raw`, ''), {p4:String}))[k]), '/')), {p6:String}), arrayEnumerate(arrayMap(t -> multiIf(match(t, '^<[A-Za-z_][^>]*/>$'), 0, match(t, '^<[A-Za-z_]'), 1, match(t, '^</'), -1, 2), extractAll(ifNull(`_raw`, ''), {p4:String}))))) AS Array(Nullable(String))) AS `name`
      FROM (
        SELECT `_time`, `_raw`
        FROM `logs`
        WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
      )
    )
  )
)
ORDER BY `__h0` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
