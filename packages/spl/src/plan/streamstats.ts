// streamstats' resets and its single window across BY groups, as window functions over the results' order.

import type { CommandOption, StreamstatsCommand } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Aggregate, Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { MONTH_KEY_MS, parseSpan } from '../time.ts';
import { requireBool, toNumber } from './coerce.ts';
import { lowerEval } from './eval.ts';
import { exprContext } from './helpers.ts';
import type { PlanOptions, State } from './index.ts';

/** Running statistics over all results, in the order of `positions` (or the input's), adding `aggregates`. */
function running(
  input: Rel,
  aggregates: Aggregate[],
  frame: { size: number; current: boolean },
  positions?: Expr,
): Rel {
  return {
    kind: 'window',
    input,
    partition: [],
    aggregates,
    running: { ...frame, ...(positions ? { positions } : {}) },
  };
}

/**
 * Each result's position in the results' order, as a column: the windows that follow order by it, so
 * they all see one order even where the input's order has ties.
 */
export function withPositions(rel: Rel): { rel: Rel; positions: Expr } {
  return {
    rel: running(rel, [{ name: '__ss_pos', fn: 'count', type: 'number' }], { size: 0, current: true }),
    positions: col('__ss_pos', 'number'),
  };
}

const sumOf = (name: string, arg: Expr): Aggregate => ({ name, fn: 'sum', arg, type: 'number' });
const asInt = (b: Expr): Expr => call('if', [b, lit(1), lit(0)], 'number');

/**
 * The segment every result belongs to, as a new column `__ss_segment` of `s.rel` (which has `positions`),
 * for `reset_on_change`, `reset_before` and `reset_after`. Splunk resets all statistics:
 * - before a result whose `reset_before` expression is true (the result starts a segment);
 * - after a result whose `reset_after` expression is true (the next result starts one);
 * - before a result whose BY values differ from the previous result's (`reset_on_change`; a missing value
 *   counts as a value).
 * The segment number is the running count of those resets, in the results' order.
 */
export function resetSegments(
  c: StreamstatsCommand,
  s: State,
  positions: Expr,
  options: PlanOptions,
  errors: Diagnostic[],
  onChange: boolean,
): { rel: Rel; segment: Expr } {
  const ctx = exprContext(s, options, errors);
  let rel = s.rel;
  const flag = (which: 'reset_before' | 'reset_after'): Expr | undefined => {
    const r = c.resets.find((x) => x.key.name.toLowerCase() === which);
    return r ? asInt(requireBool(lowerEval(r.expr, ctx), `\`${which}\``, r.expr.span, ctx)) : undefined;
  };
  const starts: Expr[] = [];
  const before = flag('reset_before');
  if (before) starts.push(before);
  if (onChange && c.by.length > 0) {
    // Each BY value of the previous result: the running max over the one row before.
    const by = c.by.map((b) => s.scope.resolve(b.name, b.span));
    const previous = by.map((e, i): Aggregate => ({
      name: `__ss_prev${i}`,
      fn: 'max',
      arg: e,
      type: e.type === 'null' ? 'any' : e.type,
    }));
    rel = running(rel, previous, { size: 1, current: false }, positions);
    const same = by.map((e, i) =>
      call(
        'or',
        [
          call(
            'and',
            [call('isnull', [e], 'bool'), call('isnull', [col(`__ss_prev${i}`, e.type)], 'bool')],
            'bool',
          ),
          call('coalesce', [call('eq', [e, col(`__ss_prev${i}`, e.type)], 'bool'), lit(false)], 'bool'),
        ],
        'bool',
      ),
    );
    starts.push(asInt(call('not', [same.reduce((a, b) => call('and', [a, b], 'bool'))], 'bool')));
  }
  const after = flag('reset_after');
  const sums: Expr[] = [];
  if (starts.length > 0) {
    rel = {
      kind: 'compute',
      input: rel,
      name: '__ss_start',
      expr: starts.reduce((a, b) => call('add', [a, b], 'number')),
    };
    rel = running(
      rel,
      [sumOf('__ss_starts', col('__ss_start', 'number'))],
      { size: 0, current: true },
      positions,
    );
    sums.push(col('__ss_starts', 'number'));
  }
  if (after) {
    rel = { kind: 'compute', input: rel, name: '__ss_end', expr: after };
    // The resets after the results before this one.
    rel = running(
      rel,
      [sumOf('__ss_ends', col('__ss_end', 'number'))],
      { size: 0, current: false },
      positions,
    );
    sums.push(call('coalesce', [col('__ss_ends', 'number'), lit(0)], 'number'));
  }
  rel = {
    kind: 'compute',
    input: rel,
    name: '__ss_segment',
    expr: sums.length === 0 ? lit(0) : sums.reduce((a, b) => call('add', [a, b], 'number')),
  };
  return { rel, segment: col('__ss_segment', 'number') };
}

const unitMs: Partial<Record<string, number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const unitMonths: Partial<Record<string, number>> = { mon: 1, q: 3, y: 12 };

/**
 * The longest `time_window`: the key's frame offset is in seconds beyond 2^31 ms (`print.ts`), and a
 * ClickHouse RANGE frame's offset is below 2^31 (2^31 seconds is 68 years).
 */
const maxTimeWindowMs = 2_147_483_647 * 1000;

/**
 * `time_window=<span>` as milliseconds on the key `timeKey` orders by: a fixed span's milliseconds, or for
 * months, quarters and years (`calendar`) that many months of `MONTH_KEY_MS`. Undefined after a diagnostic.
 */
export function timeWindowMs(
  o: CommandOption,
  errors: Diagnostic[],
): { ms: number; calendar: boolean } | undefined {
  const span = parseSpan(o.value.text);
  const per = span ? unitMs[span.unit] : undefined;
  const months = span ? unitMonths[span.unit] : undefined;
  if (!span || (per === undefined && months === undefined)) {
    errors.push(
      diagnostic('semantic', `\`time_window\` must be a time span such as \`5m\` or \`2d\``, o.value.span),
    );
    return undefined;
  }
  const window =
    months === undefined
      ? { ms: span.count * (per ?? 0), calendar: false }
      : { ms: span.count * months * MONTH_KEY_MS, calendar: true };
  if (window.ms > maxTimeWindowMs) {
    errors.push(diagnostic('semantic', '`time_window` is longer than 60 years', o.value.span));
    return undefined;
  }
  return window;
}

/**
 * The key a time window orders by, as a new column `__ss_key` of `s.rel` (which has `positions`): each
 * result's `_time` in milliseconds from the first result's, which never decreases while the results are in
 * time order (oldest or newest first). Splunk needs them so: a result out of order, or without `_time`,
 * stops the search with an error rather than give other windows. With `calendar`, the milliseconds are
 * those of `month_ms` (each month `MONTH_KEY_MS` long), so a window of months ends at the same point of the
 * month (the time since the month's start in `timeZone`), or at the month's end where it is shorter.
 */
export function timeKey(s: State, positions: Expr, calendar?: { timeZone: string }): { rel: Rel; key: Expr } {
  const ms = col('__ss_ms', 'number');
  const first = col('__ss_first', 'number');
  const key = col('__ss_key', 'number');
  const last = col('__ss_last', 'number');
  const time = toNumber(s.scope.resolve('_time'));
  let rel: Rel = {
    kind: 'compute',
    input: s.rel,
    name: ms.name,
    expr: calendar
      ? call('month_ms', [time, lit(calendar.timeZone)], 'number')
      : call('round', [call('mul', [time, lit(1000)], 'number'), lit(0)], 'number'),
  };
  // The first result's time: the value at the lowest position, over all results.
  rel = {
    kind: 'window',
    input: rel,
    partition: [],
    aggregates: [{ name: first.name, fn: 'earliest', arg: ms, time: positions, type: 'number' }],
  };
  rel = {
    kind: 'compute',
    input: rel,
    name: key.name,
    expr: call('abs', [call('sub', [ms, first], 'number')], 'number'),
  };
  rel = running(
    rel,
    [{ name: last.name, fn: 'max', arg: key, type: 'number' }],
    { size: 0, current: false },
    positions,
  );
  const outOfOrder = call('or', [call('isnull', [key], 'bool'), call('lt', [key, last], 'bool')], 'bool');
  const message = lit(
    'streamstats time_window: the results must be in time order (sort them by _time) and each have a _time',
  );
  rel = {
    kind: 'compute',
    input: rel,
    name: key.name,
    expr: call('check', [key, outOfOrder, message], 'number'),
  };
  return { rel, key };
}
