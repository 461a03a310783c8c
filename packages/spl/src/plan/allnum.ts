// `allnum=true` of stats, eventstats and streamstats: numerical statistics only over fields whose values are all numbers.

import type { CommandOption } from '../ast.ts';
import type { Aggregate } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { truthy } from './helpers.ts';

/** Whether a command's options say `allnum=true` (the last one wins; Splunk's default is false). */
export function allnumOption(options: readonly CommandOption[]): boolean {
  const last = options.filter((o) => o.key.name.toLowerCase() === 'allnum').pop();
  return last !== undefined && truthy(last.value.text);
}

/**
 * One aggregate under `allnum=true`. Search Reference (eventstats, stats and streamstats, `allnum`): "If
 * set to true, computes numerical statistics on each field, if and only if all of the values of that field
 * are numerical. If you have a BY clause, the allnum argument applies to each group independently."
 * https://help.splunk.com/splunk-cloud-platform/spl-search-reference/9.2.2406/search-commands/eventstats
 *
 * A numerical statistic is one that reads its field as numbers (`sum`, `avg`, `stdev`, `perc`, and `min` or
 * `max` of a field value: lowerAggregation gives it `tonumber(field)`); its rows are the group's (stats,
 * eventstats) or the window's (streamstats). It keeps its value where no value of the field in those rows
 * fails to be a number, and has none otherwise. A field that is a number by its type, and other statistics
 * (`count`, `dc`, `values`, `first`, `min` of a string…), are left as they are; an `eval(…)` aggregation
 * applies the rule to each statistic in it.
 *
 * @example allnum=t avg(v) → if(count(if(isNotNull(v) AND isNull(toFloat64OrNull(v)), 1, NULL)) > 0, NULL, avg(toFloat64OrNull(v)))
 */
export function allNumeric(a: Aggregate): Aggregate {
  if (a.fn === 'eval') return a.parts ? { ...a, parts: a.parts.map(allNumeric) } : a;
  const arg = a.arg;
  if (arg?.kind !== 'call' || arg.fn !== 'tonumber') return a;
  const [field] = arg.args;
  if (field === undefined) return a;
  const value: Aggregate = { ...a, name: '__allnum_value' };
  const notNumber = call('and', [call('isnotnull', [field], 'bool'), call('isnull', [arg], 'bool')], 'bool');
  const others: Aggregate = {
    name: '__allnum_others',
    fn: 'count_field',
    arg: call('if', [notNumber, lit(1), lit(null)], 'number'),
    type: 'number',
  };
  return {
    name: a.name,
    fn: 'eval',
    arg: call(
      'if',
      [call('gt', [col(others.name, 'number'), lit(0)], 'bool'), lit(null), col(value.name, a.type)],
      a.type,
    ),
    parts: [value, others],
    type: a.type,
  };
}
