SELECT `date_mday`, arrayZip(mapKeys(`_series`), mapValues(`_series`)) AS `_series`
FROM (
  SELECT `date_mday`, `_series`, `__nexus_bin_index` AS `__h8`, `__h7` AS `__h9`
  FROM (
    SELECT `__nexus_bin_index`, `_series`, `date_mday` AS `__h7`, coalesce(`date_mday`, if(isNull(((`__nexus_bin_index` + toFloat64(0.5)) * 3)), NULL, concat(toString((floor(((`__nexus_bin_index` + toFloat64(0.5)) * 3) / 3) * 3)), '-', toString((floor(((`__nexus_bin_index` + toFloat64(0.5)) * 3) / 3) * 3) + 3)))) AS `date_mday`
    FROM (
      SELECT `__nexus_bin_index`, `date_mday`, mapFromArrays(`__h1`, arrayMap(l -> ifNull(`__h6`[l], 0), `__h1`)) AS `_series`
      FROM (
        SELECT `__nexus_bin_index`, `date_mday`, mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), `__h0`), arrayMap(c -> toNullable(toFloat64(tupleElement(c, 2))), `__h0`)) AS `__h6`, arraySort(l -> (indexOf([{p4:String}, {p5:String}], l), isNull(toFloat64OrNull(l)), ifNull(toFloat64OrNull(l), 0), l), groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), `__h0`)) OVER ()) AS `__h1`
        FROM (
          SELECT `__nexus_bin_index`, `date_mday`, groupArray(tuple(`__split`, `count`)) AS `__h0`
          FROM (
            SELECT `__nexus_bin_index`, `date_mday`, if(ifNull(coalesce(`date_hour`, {p4:String}) IN (SELECT `__split` FROM (
              SELECT `__split`, `__rank`
              FROM (
                SELECT `__split`, `__rank`, isNull(`__rank`) AS `__h2`, `__rank` AS `__h3`, isNull(`__split`) AS `__h4`, `__split` AS `__h5`
                FROM (
                  SELECT coalesce(`date_hour`, {p4:String}) AS `__split`, count() AS `__rank`
                  FROM (
                    SELECT `_time`, if(true, toFloat64(floor((toFloat64OrNull(CAST(`_fields`.`date_mday` AS Nullable(String))) / nullIf(3, 0)))), toFloat64(NULL)) AS `__nexus_bin_index`, if(isNull(toFloat64OrNull(CAST(`_fields`.`date_mday` AS Nullable(String)))), CAST(`_fields`.`date_mday` AS Nullable(String)), if(isNull(toFloat64OrNull(CAST(`_fields`.`date_mday` AS Nullable(String)))), NULL, concat(toString((floor(toFloat64OrNull(CAST(`_fields`.`date_mday` AS Nullable(String))) / 3) * 3)), '-', toString((floor(toFloat64OrNull(CAST(`_fields`.`date_mday` AS Nullable(String))) / 3) * 3) + 3)))) AS `date_mday`, if(isNull(toFloat64OrNull(CAST(`_fields`.`date_hour` AS Nullable(String)))), CAST(`_fields`.`date_hour` AS Nullable(String)), if(isNull(toFloat64OrNull(CAST(`_fields`.`date_hour` AS Nullable(String)))), NULL, concat(toString((floor(toFloat64OrNull(CAST(`_fields`.`date_hour` AS Nullable(String))) / 12) * 12)), '-', toString((floor(toFloat64OrNull(CAST(`_fields`.`date_hour` AS Nullable(String))) / 12) * 12) + 12)))) AS `date_hour`
                    FROM (
                      SELECT `_time`, `fields`.`date_mday` AS `_fields.date_mday`, `fields`.`date_hour` AS `_fields.date_hour`
                      FROM `logs`
                      WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
                    )
                  )
                  WHERE isNotNull(`date_mday`)
                  GROUP BY `__split`
                )
                ORDER BY `__h2` ASC, `__h3` DESC, `__h4` ASC, `__h5` ASC
                LIMIT 10
              )
            ) LIMIT 10), false), coalesce(`date_hour`, {p4:String}), {p5:String}) AS `__split`, count() AS `count`
            FROM (
              SELECT `_time`, if(true, toFloat64(floor((toFloat64OrNull(CAST(`_fields`.`date_mday` AS Nullable(String))) / nullIf(3, 0)))), toFloat64(NULL)) AS `__nexus_bin_index`, if(isNull(toFloat64OrNull(CAST(`_fields`.`date_mday` AS Nullable(String)))), CAST(`_fields`.`date_mday` AS Nullable(String)), if(isNull(toFloat64OrNull(CAST(`_fields`.`date_mday` AS Nullable(String)))), NULL, concat(toString((floor(toFloat64OrNull(CAST(`_fields`.`date_mday` AS Nullable(String))) / 3) * 3)), '-', toString((floor(toFloat64OrNull(CAST(`_fields`.`date_mday` AS Nullable(String))) / 3) * 3) + 3)))) AS `date_mday`, if(isNull(toFloat64OrNull(CAST(`_fields`.`date_hour` AS Nullable(String)))), CAST(`_fields`.`date_hour` AS Nullable(String)), if(isNull(toFloat64OrNull(CAST(`_fields`.`date_hour` AS Nullable(String)))), NULL, concat(toString((floor(toFloat64OrNull(CAST(`_fields`.`date_hour` AS Nullable(String))) / 12) * 12)), '-', toString((floor(toFloat64OrNull(CAST(`_fields`.`date_hour` AS Nullable(String))) / 12) * 12) + 12)))) AS `date_hour`
              FROM (
                SELECT `_time`, `fields`.`date_mday` AS `_fields.date_mday`, `fields`.`date_hour` AS `_fields.date_hour`
                FROM `logs`
                WHERE `org_id` = {p0:String} AND `_time` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `_time` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (`index` = {p3:String})
              )
            )
            WHERE isNotNull(`date_mday`)
            GROUP BY `__nexus_bin_index`, `date_mday`, `__split`
          )
          GROUP BY `__nexus_bin_index`, `date_mday`
          ORDER BY `__nexus_bin_index` ASC WITH FILL STEP {p6:Float64}, `date_mday` ASC
        )
      )
    )
  )
)
ORDER BY `__h8` ASC, `__h9` ASC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
