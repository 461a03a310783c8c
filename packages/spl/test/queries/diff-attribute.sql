SELECT `_raw`
FROM (
  SELECT if(length(`__diff_texts`) < 3, NULL, arrayMap((dA, dB) -> arrayMap((dP) -> arrayMap((dS) -> arrayMap((dX, dY) -> if(throwIf(length(dX) > 200 OR length(dY) > 200, {p7:String}) = 0, arrayMap((dT) -> arrayMap((dO) -> arrayMap((dN) -> arrayMap((dI) -> arrayMap((dL) -> arrayStringConcat(if(empty(dL), dL, arrayConcat([concat('--- ', {p5:String}), concat('+++ ', {p6:String})], dL)), '\n'), [arrayFlatten(arrayMap(h -> arrayMap((dH) -> arrayPushFront(arrayMap(o -> concat(o.1, o.2), dH), concat('@@ -', if(length(arrayFilter(o -> o.1 != '+', dH)) = 1, toString(dH[1].3), if(length(arrayFilter(o -> o.1 != '+', dH)) = 0, concat(toString(dH[1].3 - 1), ',0'), concat(toString(dH[1].3), ',', toString(length(arrayFilter(o -> o.1 != '+', dH)))))), ' +', if(length(arrayFilter(o -> o.1 != '-', dH)) = 1, toString(dH[1].4), if(length(arrayFilter(o -> o.1 != '-', dH)) = 0, concat(toString(dH[1].4 - 1), ',0'), concat(toString(dH[1].4), ',', toString(length(arrayFilter(o -> o.1 != '-', dH)))))), ' @@')), [arrayFilter((o, id, inc) -> inc AND id = h, dO, dI, dN)])[1], range(1, toUInt32(arrayMax(arrayPushBack(dI, 0))) + 1)))])[1], [arrayCumSum(arrayMap(k -> toUInt32(dN[k] AND (k = 1 OR NOT dN[k - 1])), arrayEnumerate(dN)))])[1], [arrayMap(k -> arrayExists(o -> o.1 != ' ', arraySlice(dO, greatest(1, k - 3), k + 3 - greatest(1, k - 3) + 1)), arrayEnumerate(dO))])[1], [arrayConcat(arrayMap(k -> (' ', dA[k + 0], toUInt64(k + 0), toUInt64(k + 0)), range(1, dP + 1)), arrayFold((st, k) -> if(st.1 > length(dX) AND st.2 > length(dY), st, if(st.1 <= length(dX) AND st.2 <= length(dY) AND dX[st.1] = dY[st.2], (st.1 + 1, st.2 + 1, arrayPushBack(st.3, (' ', dX[st.1], toUInt64(st.1 + dP), toUInt64(st.2 + dP)))), if(st.2 <= length(dY) AND (st.1 > length(dX) OR dT[st.1][st.2 + 1] > dT[st.1 + 1][st.2]), (st.1, st.2 + 1, arrayPushBack(st.3, ('+', dY[st.2], toUInt64(st.1 + dP), toUInt64(st.2 + dP)))), (st.1 + 1, st.2, arrayPushBack(st.3, ('-', dX[st.1], toUInt64(st.1 + dP), toUInt64(st.2 + dP))))))), range(length(dX) + length(dY)), (toUInt64(1), toUInt64(1), CAST([], 'Array(Tuple(String, String, UInt64, UInt64))'))).3, arrayMap(k -> (' ', dA[k + length(dA) - dS], toUInt64(k + length(dA) - dS), toUInt64(k + length(dB) - dS)), range(1, dS + 1)))])[1], [arrayFold((acc, i) -> arrayPushFront(acc, arrayFold((row, j) -> arrayPushFront(row, toUInt32(if(dX[i] = dY[j], acc[1][j + 1] + 1, greatest(acc[1][j], row[1])))), arrayReverse(range(1, length(dY) + 1)), [toUInt32(0)])), arrayReverse(range(1, length(dX) + 1)), [arrayWithConstant(length(dY) + 1, toUInt32(0))])])[1], ''), [arraySlice(dA, dP + 1, length(dA) - dP - dS)], [arraySlice(dB, dP + 1, length(dB) - dP - dS)])[1], [if(arrayFirstIndex((x, y) -> x != y, arrayResize(arrayReverse(dA), toUInt64(least(length(dA), length(dB)) - dP)), arrayResize(arrayReverse(dB), toUInt64(least(length(dA), length(dB)) - dP))) = 0, toUInt64(least(length(dA), length(dB)) - dP), toUInt64(arrayFirstIndex((x, y) -> x != y, arrayResize(arrayReverse(dA), toUInt64(least(length(dA), length(dB)) - dP)), arrayResize(arrayReverse(dB), toUInt64(least(length(dA), length(dB)) - dP))) - 1))])[1], [if(arrayFirstIndex((x, y) -> x != y, arrayResize(dA, least(length(dA), length(dB))), arrayResize(dB, least(length(dA), length(dB)))) = 0, least(length(dA), length(dB)), toUInt64(arrayFirstIndex((x, y) -> x != y, arrayResize(dA, least(length(dA), length(dB))), arrayResize(dB, least(length(dA), length(dB)))) - 1))])[1], [splitByChar('\n', ifNull(`__diff_texts`[1], ''))], [splitByChar('\n', ifNull(`__diff_texts`[3], ''))])[1]) AS `_raw`
  FROM (
    SELECT arrayMap(t -> t.2, arrayReverseSort(t -> t.1, groupArrayIf(((-`__diff_n`), `__diff_text`), isNotNull(`__diff_text`)))) AS `__diff_texts`
    FROM (
      SELECT `_time`, `__diff_n`, coalesce(CAST(`_fields`.`ip` AS Nullable(String)), {p4:String}) AS `__diff_text`
      FROM (
        SELECT `_time`, `_fields.ip`, count() OVER (ORDER BY `_time` DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `__diff_n`
        FROM (
          SELECT `_time`, `fields`.`ip` AS `_fields.ip`
          FROM `logs`
          WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
          ORDER BY `_time` DESC
          LIMIT 3
        )
      )
    )
  )
)
WHERE isNotNull(`_raw`)
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
