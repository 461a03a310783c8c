// `localize`: the time regions in which events follow each other closely, for `map` to search one by one.

import type { CommandOption } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { toNumber } from '../plan/coerce.ts';
import { Scope } from '../plan/scope.ts';
import { withPositions } from '../plan/streamstats.ts';
import { genericArgs, noMoreWords, optionOf } from './generic-args.ts';
import type { CommandModule } from './types.ts';

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3_600, d: 86_400 };

/** A `<int>(s|m|h|d)` option in seconds (`fallback` when absent); undefined with a diagnostic when malformed. */
function seconds(o: CommandOption | undefined, fallback: number, errors: Diagnostic[]): number | undefined {
  if (!o) return fallback;
  const m = /^(\d+)([smhd])?$/i.exec(o.value.text);
  if (!m) {
    errors.push(
      diagnostic(
        'semantic',
        `\`${o.key.name}\` must be a whole number of s, m, h or d, such as \`1m\`, found \`${o.value.text}\``,
        o.value.span,
      ),
    );
    return undefined;
  }
  return Number(m[1]) * (UNIT_SECONDS[(m[2] ?? 's').toLowerCase()] ?? 1);
}

/**
 * `localize [maxpause=<int>(s|m|h|d)] [timeafter=…] [timebefore=…]`: one result per region of events whose
 * consecutive times are at most `maxpause` (1m) apart, in the events' order (newest region first): `_time`
 * (the region's first event), `starttime` (moved `timebefore`, 30s, earlier), `endtime` (the last event,
 * moved `timeafter`, 30s, later), `duration` (last minus first event), `eventcount` and `density`
 * (events per second of the region, the count when it lasts no time).
 *
 * @example `localize maxpause=5m` → a running `max(t)` of the previous event, a running sum of new regions, grouped
 */
export const localize: CommandModule<'generic'> = {
  name: 'localize',
  kind: 'generic',
  status: 'supported',
  options: {
    placement: 'anywhere',
    options: { maxpause: { type: 'string' }, timeafter: { type: 'string' }, timebefore: { type: 'string' } },
  },
  doc: {
    summary: 'The time regions in which events occur close together.',
    syntax: 'localize [maxpause=<int>(s|m|h|d)] [timeafter=<int>(s|m|h|d)] [timebefore=<int>(s|m|h|d)]',
    example: 'index=main error | localize maxpause=5m | table starttime, endtime, eventcount',
  },
  lower(c, s, ctx) {
    const { options, words } = genericArgs(c, ctx.errors);
    noMoreWords('localize', words, ctx.errors, 'only `maxpause=`, `timeafter=` and `timebefore=`');
    const maxpause = seconds(optionOf(options, 'maxpause'), 60, ctx.errors);
    const after = seconds(optionOf(options, 'timeafter'), 30, ctx.errors);
    const before = seconds(optionOf(options, 'timebefore'), 30, ctx.errors);
    if (maxpause === undefined || after === undefined || before === undefined || words.length > 0) return s;
    if (!s.scope.raw && !s.scope.has('_time')) {
      ctx.errors.push(
        diagnostic('semantic', '`localize` needs `_time`, which these results do not have', c.name.span),
      );
      return s;
    }
    const t = '__localize_t';
    const prev = '__localize_prev';
    const isNew = '__localize_new';
    const region = '__localize_region';
    let rel: Rel = { kind: 'compute', input: s.rel, name: t, expr: toNumber(s.scope.resolve('_time')) };
    const ordered = withPositions(rel);
    rel = ordered.rel;
    // The time of the event just before in the results' order (the next newer one for events).
    rel = {
      kind: 'window',
      input: rel,
      partition: [],
      aggregates: [{ name: prev, fn: 'max', arg: col(t, 'number'), type: 'number' }],
      running: { size: 1, current: false, positions: ordered.positions },
    };
    const gap = call('abs', [call('sub', [col(prev, 'number'), col(t, 'number')], 'number')], 'number');
    const starts = call(
      'or',
      [call('isnull', [col(prev, 'number')], 'bool'), call('gt', [gap, lit(maxpause)], 'bool')],
      'bool',
    );
    rel = { kind: 'compute', input: rel, name: isNew, expr: call('if', [starts, lit(1), lit(0)], 'number') };
    rel = {
      kind: 'window',
      input: rel,
      partition: [],
      aggregates: [{ name: region, fn: 'sum', arg: col(isNew, 'number'), type: 'number' }],
      running: { size: 0, current: true, positions: ordered.positions },
    };
    rel = {
      kind: 'aggregate',
      input: rel,
      groups: [{ name: region, expr: col(region, 'number') }],
      aggregates: [
        { name: '__localize_first', fn: 'min', arg: col(t, 'number'), type: 'number' },
        { name: '__localize_time', fn: 'min', arg: s.scope.resolve('_time'), type: 'time' },
        { name: '__localize_last', fn: 'max', arg: col(t, 'number'), type: 'number' },
        { name: 'eventcount', fn: 'count', type: 'number' },
      ],
    };
    rel = {
      kind: 'sort',
      input: rel,
      keys: [{ expr: col(region, 'number'), descending: false, mode: 'num' }],
    };
    const first = col('__localize_first', 'number');
    const last = col('__localize_last', 'number');
    const duration = call('sub', [last, first], 'number');
    const count = col('eventcount', 'number');
    const columns = [
      { name: '_time', expr: col('__localize_time', 'time') },
      { name: 'starttime', expr: call('sub', [first, lit(before)], 'number') },
      { name: 'endtime', expr: call('add', [last, lit(after)], 'number') },
      { name: 'duration', expr: duration },
      { name: 'eventcount', expr: count },
      {
        name: 'density',
        expr: call(
          'if',
          [call('gt', [duration, lit(0)], 'bool'), call('div', [count, duration], 'number'), count],
          'number',
        ),
      },
    ];
    rel = { kind: 'project', input: rel, columns, keepRaw: false };
    return {
      rel,
      scope: Scope.closed(
        columns.map((x) => ({ name: x.name, type: x.name === '_time' ? 'time' : 'number' })),
      ),
    };
  },
};
