// `concurrency`: how many events were in progress when each event started (itself included).

import { str } from '../analyse/options.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { toNumber } from '../plan/coerce.ts';
import { optionText } from '../plan/helpers.ts';
import { withPositions } from '../plan/streamstats.ts';
import { agg, argsOf, assignable, finish, materialize } from '../plan/streaming.ts';
import type { CommandModule } from './types.ts';

const num = (name: string): Expr => col(name, 'number');

export const concurrency: CommandModule<'generic'> = {
  name: 'concurrency',
  kind: 'generic',
  status: 'supported',
  options: { placement: 'anywhere', options: { duration: str, start: str, output: str } },
  doc: {
    summary: 'How many events were in progress when each event started, the event itself included.',
    syntax: 'concurrency duration=<field> [start=<field>] [output=<field>]',
    example:
      'index=main | transaction host maxpause=5m | concurrency duration=duration | table _time concurrency',
    differences: [
      'An event that ends exactly when another starts is not in progress then; an event without a numeric start or duration gets no value and counts for no other.',
    ],
  },
  lower(c, s, ctx) {
    const args = argsOf(c, ctx.errors);
    const options = args.flatMap((a) => (a.kind === 'option' ? [a.option] : []));
    const stray = args.find((a) => a.kind !== 'option');
    const durationField = optionText(options, 'duration');
    if (stray || durationField === undefined) {
      const at =
        stray?.kind === 'word' ? stray.word.span : stray?.kind === 'group' ? stray.span : c.name.span;
      ctx.errors.push(
        diagnostic(
          'syntax',
          '`concurrency` takes `duration=<field>` and optionally `start=<field>` and `output=<field>`',
          at,
          ['for example `concurrency duration=total_time output=foo`'],
        ),
      );
      return s;
    }
    const output = options.find((o) => o.key.name.toLowerCase() === 'output');
    const name = output?.value.text ?? 'concurrency';
    if (!assignable(name, output?.value.span ?? c.name.span, ctx.errors)) return s;
    const startField = optionText(options, 'start') ?? '_time';
    const from = materialize(s.rel, '__cc_start', toNumber(s.scope.resolve(startField)));
    const length = materialize(from.rel, '__cc_duration', toNumber(s.scope.resolve(durationField)));
    const [start, duration] = [from.value, length.value];
    const missing = call('or', [call('isnull', [start], 'bool'), call('isnull', [duration], 'bool')], 'bool');
    // Each event becomes two points, +1 at its start and −1 at its end; in time order (ends before starts
    // at the same time), the sum of the points up to an event's start is the number in progress then.
    const { rel: positioned, positions } = withPositions(length.rel);
    let rel: Rel = {
      kind: 'expand',
      input: positioned,
      name: '__cc_point',
      list: call('split', [lit('start,end'), lit(',')], 'mv'),
      limit: 0,
    };
    const isStart = call('eq', [col('__cc_point', 'string'), lit('start')], 'bool');
    rel = {
      kind: 'compute',
      input: rel,
      name: '__cc_t',
      expr: call('if', [isStart, start, call('add', [start, duration], 'number')], 'number'),
    };
    rel = {
      kind: 'compute',
      input: rel,
      name: '__cc_step',
      expr: call('if', [missing, lit(0), call('if', [isStart, lit(1), lit(-1)], 'number')], 'number'),
    };
    rel = {
      kind: 'sort',
      input: rel,
      keys: [
        { expr: num('__cc_t'), descending: false, mode: 'num' },
        { expr: num('__cc_step'), descending: false, mode: 'num' },
      ],
    };
    // A RANGE frame: every point at the same time and of the same kind counts for each of them.
    rel = {
      kind: 'window',
      input: rel,
      partition: [],
      aggregates: [agg('__cc_n', 'sum', num('__cc_step'), 'number')],
      running: { size: 0, current: true, range: true },
    };
    rel = { kind: 'filter', input: rel, predicate: isStart };
    // An event of no duration ended at its own start: it still counts itself.
    const self = call('if', [call('le', [duration, lit(0)], 'bool'), lit(1), lit(0)], 'number');
    rel = {
      kind: 'compute',
      input: rel,
      name,
      expr: call('if', [missing, lit(null), call('add', [num('__cc_n'), self], 'number')], 'number', c.span),
    };
    rel = { kind: 'sort', input: rel, keys: [{ expr: positions, descending: false, mode: 'num' }] };
    const scope = s.scope.with(name, 'number');
    return finish(rel, scope, s.scope);
  },
};
