SELECT `__t` AS `_time`, `__pi` AS `index`, `__pm` AS `metric_name`, `__pv` AS `_value`, `__pr` AS `_raw`
FROM (
  SELECT `timestamp` AS `__t`, `index` AS `__pi`, `metric_name` AS `__pm`, `value` AS `__pv`, concat('{', toJSONString(concat({p7:String}, `metric_name`)), ':', toJSONString(`value`), if(empty(`labels`), '', concat(',', substring(toJSONString(CAST(`labels` AS Map(String, String))), 2, length(toJSONString(CAST(`labels` AS Map(String, String)))) - 2))), '}') AS `__pr`
  FROM `metrics`
  WHERE `org_id` = {p0:String} AND `timestamp` >= fromUnixTimestamp64Milli({p1:Int64}, 'UTC') AND `timestamp` < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') AND (((`metric_name` LIKE {p3:String}) AND (mapContains(`labels`, {p4:String}) AND lower(`labels`[{p4:String}]) = lower({p5:String}))) AND (lower(`index`) = lower({p6:String})))
  ORDER BY `timestamp` DESC
  LIMIT 2 BY `index`, `metric_name`, `labels`
)
ORDER BY `_time` DESC
LIMIT 10001
SETTINGS prefer_column_name_to_alias = 1, join_use_nulls = 1, use_variant_as_common_type = 0
