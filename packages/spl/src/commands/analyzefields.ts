// `analyzefields` (`af`): how well each numeric field predicts a two-valued class field — each result's
// class is predicted as the class whose normal distribution of the field gives its value the highest
// z-probability; a row per field with `count`, `cocur`, `acc` and `balacc`.

import { str } from '../analyse/options.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Aggregate, Expr, Rel, ScalarType } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { concatAll } from '../plan/append.ts';
import { toNumber, toStr } from '../plan/coerce.ts';
import { genericArgs, optionText } from '../plan/helpers.ts';
import { normalTail } from '../plan/normal.ts';
import type { State } from '../plan/index.ts';
import { reservedNames, Scope } from '../plan/scope.ts';
import type { CommandModule } from './types.ts';

/** The output fields, in the Search Reference's order. */
const outputColumns: readonly { name: string; type: ScalarType }[] = [
  { name: 'field', type: 'string' },
  { name: 'count', type: 'number' },
  { name: 'cocur', type: 'number' },
  { name: 'acc', type: 'number' },
  { name: 'balacc', type: 'number' },
];

const num = (name: string): Expr => col(name, 'number');
const fn = (f: Parameters<typeof call>[0], args: readonly Expr[], type: ScalarType = 'number'): Expr =>
  call(f, args, type);
const bool = (f: Parameters<typeof call>[0], args: readonly Expr[]): Expr => call(f, args, 'bool');
const when = (cond: Expr, value: Expr): Expr => fn('if', [cond, value, lit(null)]);
const flag = (cond: Expr): Expr => fn('if', [fn('coalesce', [cond, lit(false)], 'bool'), lit(1), lit(0)]);

/** The helper column `what` of the field being analysed. */
const h = (what: string): string => `__af_${what}`;

export const analyzefields: CommandModule<'generic'> = {
  name: 'analyzefields',
  kind: 'generic',
  aliases: ['af'],
  status: 'partly',
  options: { placement: 'anywhere', options: { classfield: str } },
  doc: {
    summary:
      'How well each numeric field predicts a two-valued class field: a row per field with its `count`, `cocur` (the share of results with the class that also have the field), `acc` and `balacc`.',
    syntax: 'analyzefields classfield=<field>',
    example: 'index=main | table bytes duration is_error | analyzefields classfield=is_error',
    differences: [
      'A result’s class is predicted as the class whose normal distribution of the field (mean and sample standard deviation over that class’s results) gives the value the larger two-sided z-probability, erfc(|x − mean| / (stdev·√2)); a tie predicts the class that sorts first. The Search Reference does not give the formula.',
      '`acc` is the share of the results with both the field and the class whose class is predicted right; `balacc` the mean of that share within each of the two classes.',
      'The class field must have exactly two values (the search stops with a message otherwise); Splunk also gives `acc` for more classes.',
      'The fields must be known (after `table`, `fields` or `stats`); a field is listed when some result has a numeric value for it.',
    ],
  },
  lower(c, s, ctx) {
    const { options, words, other } = genericArgs(c);
    const stray = other ?? words[0];
    if (stray) {
      ctx.errors.push(diagnostic('semantic', '`analyzefields` takes only `classfield=<field>`', stray.span));
      return s;
    }
    const classfield = optionText(options, 'classfield');
    if (classfield === undefined) {
      ctx.errors.push(
        diagnostic('semantic', '`analyzefields` needs `classfield=<field>`', c.name.span, [
          'for example `analyzefields classfield=is_error`',
        ]),
      );
      return s;
    }
    if (s.scope.raw || s.scope.seriesType !== undefined) {
      ctx.errors.push(
        diagnostic(
          'unsupported',
          "`analyzefields` needs the fields named first: raw events' field names are only known once the search runs",
          c.name.span,
          [
            'name them with `table` or `fields`, for example `| table bytes duration is_error | analyzefields classfield=is_error`',
          ],
        ),
      );
      return s;
    }
    const names = s.scope.columns
      .map((x) => x.name)
      .filter((n) => n !== classfield && !n.startsWith('_') && !reservedNames.has(n));
    if (names.length === 0)
      return { rel: { kind: 'values', count: 0, timeMs: 0 }, scope: Scope.closed(outputColumns) };
    const klass = toStr(s.scope.resolve(classfield));
    const xs = names.map((n) => toNumber(s.scope.resolve(n)));
    // The class values (sorted), checked to be two.
    let rel: Rel = {
      kind: 'window',
      input: s.rel,
      partition: [],
      aggregates: [{ name: '__af_classes', fn: 'values', arg: klass, type: 'mv' }],
    };
    const classes = col('__af_classes', 'mv');
    rel = {
      kind: 'compute',
      input: rel,
      name: '__af_classes',
      expr: call(
        'check',
        [
          classes,
          bool('ne', [fn('coalesce', [fn('mvcount', [classes]), lit(0)]), lit(2)]),
          lit(`analyzefields: the class field \`${classfield}\` must have exactly two values`),
        ],
        'mv',
      ),
    };
    rel = {
      kind: 'compute',
      input: rel,
      name: '__af_c0',
      expr: call('mvindex', [classes, lit(0)], 'string'),
    };
    rel = {
      kind: 'compute',
      input: rel,
      name: '__af_c1',
      expr: call('mvindex', [classes, lit(1)], 'string'),
    };
    const c0 = col('__af_c0', 'string');
    const c1 = col('__af_c1', 'string');
    const classified = rel;
    // Each field on its own (the fields do not depend on each other): its mean and standard deviation
    // within each class, then each result's prediction: right (1), wrong (0), or none without the value
    // or the class.
    const rows = names.map((name, n): State => {
      const x = xs[n] ?? lit(null);
      const stats: Rel = {
        kind: 'window',
        input: classified,
        partition: [],
        aggregates: ([0, 1] as const).flatMap((k): Aggregate[] => {
          const inClass = when(bool('eq', [klass, k === 0 ? c0 : c1]), x);
          return [
            { name: h(`m${String(k)}`), fn: 'avg', arg: inClass, type: 'number' },
            { name: h(`s${String(k)}`), fn: 'stdev', arg: inClass, type: 'number' },
          ];
        }),
      };
      const p0 = normalTail(x, num(h('m0')), num(h('s0')));
      const p1 = normalTail(x, num(h('m1')), num(h('s1')));
      const predicted = fn('if', [bool('ge', [p0, p1]), c0, c1], 'string');
      const scored: Rel = {
        kind: 'compute',
        input: stats,
        name: h('right'),
        expr: when(
          bool('and', [bool('isnotnull', [x]), bool('isnotnull', [klass])]),
          flag(bool('eq', [predicted, klass])),
        ),
      };
      const right = num(h('right'));
      const inClass = (k: Expr): Expr => when(bool('eq', [klass, k]), right);
      const agg: Rel = {
        kind: 'aggregate',
        input: scored,
        groups: [],
        aggregates: [
          { name: 'count', fn: 'count_field', arg: x, type: 'number' },
          { name: 'with_class', fn: 'count_field', arg: klass, type: 'number' },
          { name: 'both', fn: 'count_field', arg: right, type: 'number' },
          { name: 'acc', fn: 'avg', arg: right, type: 'number' },
          { name: 'acc0', fn: 'avg', arg: inClass(c0), type: 'number' },
          { name: 'acc1', fn: 'avg', arg: inClass(c1), type: 'number' },
        ],
      };
      const exprs: Record<string, Expr> = {
        field: lit(name),
        count: num('count'),
        cocur: fn('div', [num('both'), num('with_class')]),
        acc: num('acc'),
        balacc: fn('div', [fn('add', [num('acc0'), num('acc1')]), lit(2)]),
      };
      return {
        rel: {
          kind: 'filter',
          input: {
            kind: 'project',
            input: agg,
            columns: outputColumns.map((o) => ({ name: o.name, expr: exprs[o.name] ?? lit(null) })),
            keepRaw: false,
          },
          predicate: bool('gt', [num('count'), lit(0)]),
        },
        scope: Scope.closed(outputColumns),
      };
    });
    return concatAll(rows);
  },
};
