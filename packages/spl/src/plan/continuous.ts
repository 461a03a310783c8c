// makecontinuous' empty buckets when the span follows the data: filled by their index, in constant steps.

import type { Aggregate, Expr, Fill, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import type { TimeUnit } from '../time.ts';
import { toNumber } from './coerce.ts';
import type { State } from './index.ts';
import { plannerColumnPrefix } from './scope.ts';
import { niceSpans } from './timechart.ts';

const widthColumn = '__mc_w';
const baseColumn = '__mc_base';
const indexColumn = '__mc_i';
const widthAll = '__mc_w_all';
const baseAll = '__mc_base_all';

/** `e` as a nullable value: a row `WITH FILL` adds has it empty (not 0), so a maximum over rows skips it. */
const nullable = (e: Expr): Expr => call('if', [lit(true), e, lit(null)], 'number');

const everyRow = (input: Rel, aggregates: Aggregate[]): Rel => ({
  kind: 'window',
  input,
  partition: [],
  aggregates,
});

/**
 * A row for every empty bucket between those of `rel`, when the span is known only when the search runs
 * (automatic bins over the data's range). ClickHouse fills only in steps fixed when the statement is written
 * (`WITH FILL … STEP`), so each row gets its bucket's index: the buckets from the base (index 0) in steps
 * of `width`, the indexes are filled in steps of 1, and every row's value (in `column`) is made again from
 * its index: `valueAt(base + index × width, width)`, with the base and width every row agrees on.
 *
 * - `rel` has the buckets' values in `column` (a number, or a time as seconds through `value`), computed
 *   from `width`, which `widthOf` gives as a column (the same in every row);
 * - `base` is the value of index 0: the lowest bucket when absent (the fill then starts there);
 * - `fromZero`/`toZero`: the fill starts at index 0, or ends at it (start=/end= of makecontinuous).
 *
 * @example span 100 over 120, 480 → indexes 0 … 3 → values 100, 200, 300, 400
 */
export function fillByIndex(args: {
  rel: Rel;
  column: string;
  value: Expr;
  base?: Expr;
  fromZero?: boolean;
  toZero?: boolean;
  valueAt: (start: Expr, width: Expr) => Expr;
}): Rel {
  const width = col(widthColumn, 'number');
  let rel: Rel = args.base
    ? { kind: 'compute', input: args.rel, name: baseColumn, expr: nullable(args.base) }
    : everyRow(args.rel, [{ name: baseColumn, fn: 'min', arg: args.value, type: 'number' }]);
  const base = col(baseColumn, 'number');
  rel = {
    kind: 'compute',
    input: rel,
    name: indexColumn,
    expr: call(
      'round',
      [call('div', [call('sub', [args.value, base], 'number'), width], 'number'), lit(0)],
      'number',
    ),
  };
  rel = {
    kind: 'fill',
    input: rel,
    column: indexColumn,
    fromMs: args.fromZero ? 0 : null,
    toMs: args.toZero ? 1 : null,
    count: 1,
    unit: 'number',
    timeZone: 'UTC',
  };
  rel = everyRow(rel, [
    { name: baseAll, fn: 'max', arg: base, type: 'number' },
    { name: widthAll, fn: 'max', arg: width, type: 'number' },
  ]);
  const start = call(
    'add',
    [col(baseAll, 'number'), call('mul', [col(indexColumn, 'number'), col(widthAll, 'number')], 'number')],
    'number',
  );
  return {
    kind: 'compute',
    input: rel,
    name: args.column,
    expr: args.valueAt(start, col(widthAll, 'number')),
  };
}

/** `width` as the column `fillByIndex` reads (nullable, so the rows it adds do not count). */
export function withWidth(rel: Rel, width: Expr): { rel: Rel; width: Expr } {
  return {
    rel: { kind: 'compute', input: rel, name: widthColumn, expr: nullable(width) },
    width: col(widthColumn, 'number'),
  };
}

/** A month as `fillByIndex` steps it: the mean Gregorian month, so an index stays within days of its month. */
const monthSeconds = 2_629_746;

/** The step in seconds of an automatic time span: its length, a month's mean length for months. */
const stepSeconds = (n: { count: number; unit: TimeUnit; seconds: number }): number =>
  n.unit === 'mon' ? n.count * monthSeconds : n.seconds;

/**
 * Automatic time bins over the data's range (`dataSpanBucket`'s choice, by `needed`): the step of the chosen
 * span in seconds, and the bucket of a time given in seconds. A bucket's index counts steps from the first
 * bucket; from the base plus that many steps, half a step on lies inside the right bucket (a day across a
 * daylight-saving change is an hour off, a month days off), whose start `time_bucket` gives.
 */
export function automaticTimeSteps(
  needed: Expr,
  timeZone: string,
): {
  width: Expr;
  valueAt: (start: Expr, width: Expr) => Expr;
} {
  const last = niceSpans.length - 1;
  const width = call(
    'case',
    niceSpans.flatMap((n, i) => [
      i === last ? lit(true) : call('le', [needed, lit(n.seconds)], 'bool'),
      lit(stepSeconds(n)),
    ]),
    'number',
  );
  const valueAt = (start: Expr, step: Expr): Expr =>
    call(
      'case',
      niceSpans.flatMap((n, i) => [
        i === last ? lit(true) : call('eq', [step, lit(stepSeconds(n))], 'bool'),
        call(
          'time_bucket',
          [
            call('add', [start, call('div', [step, lit(2)], 'number')], 'number'),
            lit(n.count),
            lit(n.unit),
            lit(timeZone),
          ],
          'time',
        ),
      ]),
      'time',
    );
  return { width, valueAt };
}

/** Columns of `indexedTimeBuckets`, carried beside `_time` through the aggregation and dropped after. */
const timeIndex = `${plannerColumnPrefix}time_index`;
const timeBase = `${plannerColumnPrefix}time_base`;
const timeStep = `${plannerColumnPrefix}time_step`;
const timeBaseAll = `${plannerColumnPrefix}time_base_all`;
const timeStepAll = `${plannerColumnPrefix}time_step_all`;

/**
 * timechart's empty buckets when the span follows the data (all time, automatic span): each event gets its
 * bucket's index from the first bucket (`fillByIndex`'s way, but before the aggregation, so that a pivot can
 * fill its rows too). The aggregation groups by the `hidden` columns before the time column, its rows are
 * filled by `fill`, and `finish` makes every row's time again from its index and drops the columns.
 *
 * @example 5-minute buckets at 10:00 and 10:15 → indexes 0 and 3 → rows at 10:00, 10:05, 10:10, 10:15
 */
export function indexedTimeBuckets(
  rel: Rel,
  bucket: Expr,
  /** The first bucket (`dataSpanBucket`'s `first`): index 0. */
  first: Expr,
  needed: Expr,
  timeZone: string,
  /** The time column `finish` makes again (chart's row field; timechart's `_time`). */
  column = '_time',
): {
  rel: Rel;
  hidden: { name: string; expr: Expr }[];
  fill: Omit<Fill, 'kind' | 'input'>;
  finish: (out: State) => State;
} {
  const steps = automaticTimeSteps(needed, timeZone);
  const seconds = toNumber(bucket);
  let out: Rel = { kind: 'compute', input: rel, name: timeStep, expr: steps.width };
  out = { kind: 'compute', input: out, name: timeBase, expr: toNumber(first) };
  const step = col(timeStep, 'number');
  const base = col(timeBase, 'number');
  out = {
    kind: 'compute',
    input: out,
    name: timeIndex,
    expr: call(
      'round',
      [call('div', [call('sub', [seconds, base], 'number'), step], 'number'), lit(0)],
      'number',
    ),
  };
  const hidden = [timeIndex, timeBase, timeStep].map((name) => ({ name, expr: col(name, 'number') }));
  const finish = (s: State): State => {
    // The rows the fill adds have no base or step: every row takes the ones the buckets have.
    const agreed = everyRow(s.rel, [
      { name: timeBaseAll, fn: 'max', arg: col(timeBase, 'number'), type: 'number' },
      { name: timeStepAll, fn: 'max', arg: col(timeStep, 'number'), type: 'number' },
    ]);
    const start = call(
      'add',
      [
        col(timeBaseAll, 'number'),
        call('mul', [col(timeIndex, 'number'), col(timeStepAll, 'number')], 'number'),
      ],
      'number',
    );
    const timed: Rel = {
      kind: 'compute',
      input: agreed,
      name: column,
      expr: steps.valueAt(start, col(timeStepAll, 'number')),
    };
    const dropped = new Set([timeIndex, timeBase, timeStep, timeBaseAll, timeStepAll]);
    const columns = s.scope.columns.filter((x) => !dropped.has(x.name));
    return {
      rel: {
        kind: 'project',
        input: timed,
        columns: columns.map((x) => ({ name: x.name, expr: s.scope.resolve(x.name) })),
        keepRaw: false,
      },
      scope: s.scope.project(columns, false),
    };
  };
  return {
    rel: out,
    hidden,
    fill: { column: timeIndex, fromMs: null, toMs: null, count: 1, unit: 'number', timeZone: 'UTC' },
    finish,
  };
}
