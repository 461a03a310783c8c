// `fieldsummary`: a row per field with its statistics: count, distinct values, numeric summary and the
// most frequent values.

import { int } from '../analyse/options.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import type { Expr, Rel, ScalarType } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { concatAll } from '../plan/append.ts';
import { toStr } from '../plan/coerce.ts';
import { genericArgs, optionText } from '../plan/helpers.ts';
import { patternRegex } from '../plan/pivot.ts';
import { matchingFields } from '../plan/runtime-fields.ts';
import type { State } from '../plan/index.ts';
import { reservedNames } from '../plan/scope.ts';
import { Scope } from '../plan/scope.ts';
import type { CommandModule } from './types.ts';

/** The output fields, in the Search Reference's order. */
const outputColumns: readonly { name: string; type: ScalarType }[] = [
  { name: 'field', type: 'string' },
  { name: 'count', type: 'number' },
  { name: 'distinct_count', type: 'number' },
  { name: 'is_exact', type: 'number' },
  { name: 'max', type: 'number' },
  { name: 'mean', type: 'number' },
  { name: 'min', type: 'number' },
  { name: 'numeric_count', type: 'number' },
  { name: 'stdev', type: 'number' },
  { name: 'values', type: 'string' },
];

/** Splunk's default `maxvals`: the most frequent values listed per field. */
const defaultMaxvals = 100;

const num = (name: string): Expr => col(name, 'number');
const fn = (f: Parameters<typeof call>[0], args: readonly Expr[], type: ScalarType = 'number'): Expr =>
  call(f, args, type);

/** One field's row (see {@link summarize}). */
function summary(s: State, name: string, maxvals: number): State {
  return summarize(s.rel, toStr(s.scope.resolve(name)), undefined, lit(name), maxvals);
}

/**
 * The rows of every structured field of raw events, whose names only the data holds: each event's fields
 * (as they are now) as `name NUL value` texts, one row per value, then a row per name as {@link summarize}
 * makes it. A multivalue field counts each of its values. Undefined after a diagnostic.
 */
function structuredSummary(s: State, maxvals: number, span: Span, errors: Diagnostic[]): State | undefined {
  const fields = matchingFields(s.scope, '*', '\\0', [], [], span, (why) => {
    errors.push(diagnostic('unsupported', `\`fieldsummary\` over raw events ${why}`, span));
    return undefined;
  });
  if (!fields) return undefined;
  const expanded: Rel = {
    kind: 'expand',
    input: s.rel,
    name: '__pair',
    list: call('map_pair_texts', [fields], 'mv'),
    limit: 0,
  };
  const parts = call('split', [col('__pair', 'string'), lit('\u0000')], 'mv');
  const field = call('mvindex', [parts, lit(0)], 'string');
  const value = call('mvindex', [parts, lit(1)], 'string');
  let rel: Rel = { kind: 'compute', input: expanded, name: '__field', expr: field };
  rel = { kind: 'compute', input: rel, name: '__field_value', expr: value };
  return summarize(
    rel,
    col('__field_value', 'string'),
    col('__field', 'string'),
    col('__field', 'string'),
    maxvals,
  );
}

/**
 * A field's row (a row per `by` value with `by`), from `input` grouped by the field's `value` (text): every
 * statistic is a sum over the distinct values weighted by their counts, so the input is grouped once.
 */
function summarize(input: Rel, value: Expr, by: Expr | undefined, field: Expr, maxvals: number): State {
  const grouped: Rel = {
    kind: 'aggregate',
    input,
    groups: [...(by ? [{ name: '__by', expr: by }] : []), { name: '__value', expr: value }],
    aggregates: [{ name: '__n', fn: 'count', type: 'number' }],
  };
  const x = fn('tonumber', [col('__value', 'string')]);
  let rel: Rel = grouped;
  const compute = (n: string, expr: Expr): void => {
    rel = { kind: 'compute', input: rel, name: n, expr };
  };
  compute('__x', x);
  compute('__num_n', fn('if', [fn('isnull', [num('__x')], 'bool'), lit(0), num('__n')]));
  compute('__x_n', fn('mul', [num('__x'), num('__n')]));
  compute('__x2_n', fn('mul', [fn('mul', [num('__x'), num('__x')]), num('__n')]));
  compute(
    '__entry',
    // (The count as a float: ClickHouse writes a 64-bit integer into JSON as a string.)
    fn(
      'json_object',
      [lit('value'), col('__value', 'string'), lit('count'), fn('div', [num('__n'), lit(1)])],
      'string',
    ),
  );
  rel = {
    kind: 'aggregate',
    input: rel,
    groups: by ? [{ name: '__by', expr: col('__by', 'string') }] : [],
    aggregates: [
      { name: 'count', fn: 'sum', arg: num('__n'), type: 'number' },
      { name: 'distinct_count', fn: 'count', type: 'number' },
      { name: 'max', fn: 'max', arg: num('__x'), type: 'number' },
      { name: 'min', fn: 'min', arg: num('__x'), type: 'number' },
      { name: 'numeric_count', fn: 'sum', arg: num('__num_n'), type: 'number' },
      { name: '__sx', fn: 'sum', arg: num('__x_n'), type: 'number' },
      { name: '__sx2', fn: 'sum', arg: num('__x2_n'), type: 'number' },
      // The most frequent values first: `list` orders by its `time` key, newest (largest) first.
      {
        name: '__values',
        fn: 'list',
        arg: col('__entry', 'string'),
        time: num('__n'),
        max: maxvals,
        type: 'mv',
      },
    ],
  };
  const n = num('numeric_count');
  const mean = fn('div', [num('__sx'), n]);
  // The sample standard deviation from the sums: sqrt((Σx² − (Σx)²/n) / (n − 1)); none below 2 numbers.
  const variance = fn('div', [
    fn('sub', [num('__sx2'), fn('div', [fn('mul', [num('__sx'), num('__sx')]), n])]),
    fn('sub', [n, lit(1)]),
  ]);
  const exprs: Record<string, Expr> = {
    field: by ? col('__by', 'string') : field,
    count: num('count'),
    distinct_count: num('distinct_count'),
    is_exact: lit(1),
    max: num('max'),
    mean: fn('if', [fn('gt', [n, lit(0)], 'bool'), mean, lit(null)]),
    min: num('min'),
    numeric_count: n,
    stdev: fn('if', [
      fn('gt', [n, lit(1)], 'bool'),
      fn('sqrt', [fn('greatest', [variance, lit(0)])]),
      lit(null),
    ]),
    values: fn(
      'concat',
      [
        fn(
          'concat',
          [
            lit('['),
            fn('coalesce', [fn('mvjoin', [col('__values', 'mv'), lit(',')], 'string'), lit('')], 'string'),
          ],
          'string',
        ),
        lit(']'),
      ],
      'string',
    ),
  };
  return {
    rel: {
      kind: 'project',
      input: rel,
      columns: outputColumns.map((c) => ({ name: c.name, expr: exprs[c.name] ?? lit(null) })),
      keepRaw: false,
    },
    scope: Scope.closed(outputColumns),
  };
}

export const fieldsummary: CommandModule<'generic'> = {
  name: 'fieldsummary',
  kind: 'generic',
  status: 'partly',
  options: { placement: 'anywhere', options: { maxvals: int } },
  doc: {
    summary:
      'A row per field: count, distinct count, numeric max, mean, min and standard deviation, and the most frequent values.',
    syntax: 'fieldsummary [maxvals=<int>] [<field>…]',
    example: 'index=main | fieldsummary maxvals=10 host status',
    differences: [
      'Without a field list over raw events every field is summarised, in name order: the event columns but the internal `_` ones (`_time`, `_raw`), and every structured field the events have (their names known when the search runs), as earlier commands left them; there a multivalue field counts each of its values. After `table`, `stats` or `fields` every field is summarised, in their order.',
      '`distinct_count` is always exact (`is_exact` is 1).',
    ],
  },
  lower(c, s, ctx) {
    const { options, words, other } = genericArgs(c);
    if (other) {
      ctx.errors.push(diagnostic('semantic', '`fieldsummary` takes field names and `maxvals=`', other.span));
      return s;
    }
    const maxvals = Number(optionText(options, 'maxvals') ?? defaultMaxvals);
    if (words.length === 0 && s.scope.raw) {
      // Raw events: the event columns but the internal `_` ones, and every structured field, by name.
      const columns = s.scope.fields.map((x) => x.name).filter((n) => !n.startsWith('_'));
      const structured = structuredSummary(s, maxvals, c.name.span, ctx.errors);
      if (!structured) return s;
      const rows = concatAll([...columns.map((name) => summary(s, name, maxvals)), structured]);
      return {
        rel: {
          kind: 'sort',
          input: { kind: 'filter', input: rows.rel, predicate: call('gt', [num('count'), lit(0)], 'bool') },
          keys: [{ expr: col('field', 'string'), descending: false, mode: 'str' }],
        },
        scope: rows.scope,
      };
    }
    const wildcard = words.find((w) => w.text.includes('*'));
    if (wildcard && (s.scope.raw || s.scope.seriesType !== undefined)) {
      ctx.errors.push(
        diagnostic(
          'unsupported',
          '`fieldsummary` with a wildcard needs the fields named first (with `table` or `fields`)',
          wildcard.span,
        ),
      );
      return s;
    }
    const known = s.scope.columns.map((x) => x.name).filter((n) => !reservedNames.has(n));
    // Fields as listed, wildcards matching the known fields in their order.
    const names =
      words.length > 0
        ? [
            ...new Set(
              words.flatMap((w) =>
                w.text.includes('*')
                  ? known.filter((n) => new RegExp(patternRegex(w.text)).test(n))
                  : [w.text],
              ),
            ),
          ]
        : known;
    if (names.length === 0)
      return { rel: { kind: 'values', count: 0, timeMs: 0 }, scope: Scope.closed(outputColumns) };
    const rows = concatAll(names.map((name) => summary(s, name, maxvals)));
    // A field no result has is not listed.
    return {
      rel: { kind: 'filter', input: rows.rel, predicate: call('gt', [num('count'), lit(0)], 'bool') },
      scope: rows.scope,
    };
  },
};
