// `correlate`: how often each pair of fields occurs in the same results, as a matrix (a row per field).

import { diagnostic } from '../diagnostics.ts';
import type { Aggregate, Expr } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { concatAll } from '../plan/append.ts';
import type { State } from '../plan/index.ts';
import { reservedNames, Scope } from '../plan/scope.ts';
import type { CommandModule } from './types.ts';

/** The most fields Nexus correlates (every pair is a column of one aggregation). */
const maxFields = 50;

export const correlate: CommandModule<'generic'> = {
  name: 'correlate',
  kind: 'generic',
  status: 'partly',
  options: { placement: 'anywhere', options: { type: { type: 'enum', values: ['cocur'] } } },
  doc: {
    summary:
      'How often each pair of fields occurs in the same results: a row per field (`RowField`), a column per field.',
    syntax: 'correlate [type=cocur]',
    example: 'index=main | table host status user | correlate',
    differences: [
      'A cell is the share of the results with either field that have both (1 on the diagonal).',
      'Over raw events the fields must be named first (`table`, `fields`); internal fields (`_time`, `_raw`) are left out; at most 50 fields.',
    ],
  },
  lower(c, s, ctx) {
    // `type=cocur` (the Search Manual's spelling) is the only kind of correlation; the option check
    // refuses other values.
    const arg = c.args.find((a) => a.kind !== 'option');
    if (arg) {
      ctx.errors.push(
        diagnostic('semantic', '`correlate` takes no arguments besides `type=cocur`', arg.span),
      );
      return s;
    }
    if (s.scope.raw || s.scope.seriesType !== undefined) {
      ctx.errors.push(
        diagnostic(
          'unsupported',
          "`correlate` needs the fields named first: raw events' field names are only known once the search runs",
          c.name.span,
          ['name them with `table` or `fields`, for example `| table host status user | correlate`'],
        ),
      );
      return s;
    }
    const names = s.scope.columns
      .map((x) => x.name)
      .filter((n) => !n.startsWith('_') && !reservedNames.has(n));
    if (names.length > maxFields) {
      ctx.errors.push(
        diagnostic(
          'limit',
          `\`correlate\` takes at most ${String(maxFields)} fields, found ${String(names.length)}`,
          c.name.span,
          ['keep the fields to correlate with `table` or `fields`'],
        ),
      );
      return s;
    }
    const present = (n: string): Expr => call('isnotnull', [s.scope.resolve(n)], 'bool');
    const countIf = (e: Expr): Expr => call('if', [e, lit(1), lit(0)], 'number');
    const pair = (i: number, j: number): [number, number] => (i <= j ? [i, j] : [j, i]);
    const aggregates: Aggregate[] = [];
    names.forEach((a, i) =>
      names.forEach((b, j) => {
        if (j < i) return;
        aggregates.push(
          {
            name: `both_${String(i)}_${String(j)}`,
            fn: 'sum',
            arg: countIf(call('and', [present(a), present(b)], 'bool')),
            type: 'number',
          },
          {
            name: `either_${String(i)}_${String(j)}`,
            fn: 'sum',
            arg: countIf(call('or', [present(a), present(b)], 'bool')),
            type: 'number',
          },
        );
      }),
    );
    const counted: State = {
      rel: { kind: 'aggregate', input: s.rel, groups: [], aggregates },
      scope: Scope.closed(aggregates.map((a) => ({ name: a.name, type: 'number' }))),
    };
    const columns = [
      { name: 'RowField', type: 'string' as const },
      ...names.map((name) => ({ name, type: 'number' as const })),
    ];
    const rows = names.map((row, i): State => ({
      rel: {
        kind: 'project',
        input: counted.rel,
        columns: [
          { name: 'RowField', expr: lit(row) },
          ...names.map((name, j) => {
            const [x, y] = pair(i, j);
            const key = `${String(x)}_${String(y)}`;
            return {
              name,
              expr: call('div', [col(`both_${key}`, 'number'), col(`either_${key}`, 'number')], 'number'),
            };
          }),
        ],
        keepRaw: false,
      },
      scope: Scope.closed(columns),
    }));
    if (rows.length === 0)
      return { rel: { kind: 'values', count: 0, timeMs: 0 }, scope: Scope.closed(columns) };
    return concatAll(rows);
  },
};
