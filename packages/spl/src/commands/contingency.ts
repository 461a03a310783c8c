// `contingency` (`ctable`): a co-occurrence table of two fields: a row per value of the first, a column per
// value of the second, each cell the number of results with both, with row and column totals.

import { bool, int, number, str } from '../analyse/options.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, Rel } from '../ir/types.ts';
import { call, col, lit, seriesColumn } from '../ir/types.ts';
import { concatAll } from '../plan/append.ts';
import { genericArgs, optionText, truthy } from '../plan/helpers.ts';
import type { State } from '../plan/index.ts';
import { Scope } from '../plan/scope.ts';
import type { CommandModule } from './types.ts';

/** Hidden columns: the column value of a cell, and the number of results in it. */
const label = '__contingency_col';
const cell = '__contingency_n';

/** The Search Reference's default `maxrows` and `maxcols`. */
const defaultMax = 1000;

/**
 * The `limit` most frequent values of `value` among `rows` (cells with their counts), as a relation with
 * the column `name`, most frequent first; with `cover` below 1, only the most frequent values until they
 * hold that share of the results (the value that reaches it included: `mincolcover=`/`minrowcover=`).
 */
function topValues(rows: Rel, value: Expr, name: string, limit: number, cover = 1): Rel {
  const totals: Rel = {
    kind: 'aggregate',
    input: rows,
    groups: [{ name, expr: value }],
    aggregates: [{ name: '__total', fn: 'sum', arg: col(cell, 'number'), type: 'number' }],
  };
  const sorted: Rel = {
    kind: 'sort',
    input: totals,
    keys: [
      { expr: col('__total', 'number'), descending: true, mode: 'num' },
      { expr: col(name, 'string'), descending: false, mode: 'auto' },
    ],
  };
  if (!(cover < 1)) return { kind: 'take', input: sorted, limit };
  // The results held by the values before each (in the order above), against all of them.
  const total = col('__total', 'number');
  const counted: Rel = {
    kind: 'window',
    input: {
      kind: 'window',
      input: sorted,
      partition: [],
      aggregates: [{ name: '__running', fn: 'sum', arg: total, type: 'number' }],
      running: { size: 0, current: true },
    },
    partition: [],
    aggregates: [{ name: '__all', fn: 'sum', arg: total, type: 'number' }],
  };
  const before = call('sub', [col('__running', 'number'), total], 'number');
  const covered: Rel = {
    kind: 'filter',
    input: counted,
    predicate: call('lt', [before, call('mul', [lit(cover), col('__all', 'number')], 'number')], 'bool'),
  };
  return { kind: 'take', input: covered, limit };
}

export const contingency: CommandModule<'generic'> = {
  name: 'contingency',
  kind: 'generic',
  aliases: ['ctable', 'counttable'],
  status: 'partly',
  options: {
    placement: 'anywhere',
    options: {
      maxrows: int,
      maxcols: int,
      mincolcover: number,
      minrowcover: number,
      usetotal: bool,
      totalstr: str,
    },
  },
  doc: {
    summary:
      'A co-occurrence table of two fields: a row per value of the first, a column per value of the second, with totals.',
    syntax:
      'contingency [maxrows=<int>] [maxcols=<int>] [mincolcover=<num>] [minrowcover=<num>] [usetotal=<bool>] [totalstr=<field>] <row-field> <column-field>',
    example: 'index=main | contingency host status',
    differences: [
      'Columns are in Splunk’s chart order (numbers, then names), not by frequency.',
      '`mincolcover=`/`minrowcover=` (a share, 0 to 1): the most frequent column (row) values until they hold that share of the results, the value that reaches it included (ties by value); with `maxcols=`/`maxrows=` too, whichever keeps fewer.',
      'With `maxcols=` or `mincolcover=`, totals count the kept columns only.',
    ],
  },
  lower(c, s, ctx) {
    const { options, words: names, other } = genericArgs(c);
    const [rowField, colField, extra] = names;
    if (!rowField || !colField || extra || other) {
      ctx.errors.push(
        diagnostic(
          'semantic',
          '`contingency` takes two fields: the rows’ field and the columns’ field',
          (extra ?? other)?.span ?? c.name.span,
          ['for example `contingency host status`'],
        ),
      );
      return s;
    }
    for (const o of options) {
      const k = o.key.name.toLowerCase();
      const v = Number(o.value.text);
      if ((k === 'mincolcover' || k === 'minrowcover') && !(v > 0 && v <= 1)) {
        ctx.errors.push(
          diagnostic('semantic', `\`${k}\` is a share of the results, above 0 and at most 1`, o.value.span),
        );
        return s;
      }
    }
    const cover = (key: string): number => Number(optionText(options, key) ?? 1);
    const limit = (key: string): number => {
      const v = Number(optionText(options, key) ?? defaultMax);
      return v > 0 ? v : Number.MAX_SAFE_INTEGER;
    };
    const usetotal = optionText(options, 'usetotal') === undefined || truthy(optionText(options, 'usetotal'));
    const totalstr = optionText(options, 'totalstr') ?? 'TOTAL';
    const rowName = rowField.text;
    // Values as text, as Splunk's table shows them; results missing either field are not counted.
    const x = call('tostring', [s.scope.resolve(rowName, rowField.span)], 'string', rowField.span);
    const y = call('tostring', [s.scope.resolve(colField.text, colField.span)], 'string', colField.span);
    const cells: Rel = {
      kind: 'aggregate',
      input: {
        kind: 'filter',
        input: s.rel,
        predicate: call('and', [call('isnotnull', [x], 'bool'), call('isnotnull', [y], 'bool')], 'bool'),
      },
      groups: [
        { name: rowName, expr: x },
        { name: label, expr: y },
      ],
      aggregates: [{ name: cell, fn: 'count', type: 'number' }],
    };
    const rowCol = col(rowName, 'string');
    const labelCol = col(label, 'string');
    // maxrows/maxcols: the most frequent row and column values. A kept row keeps its place even when all
    // its cells are in dropped columns: those cells count 0 in a kept column.
    const inTop = (expr: typeof rowCol, name: string, key: string, coverKey: string): Expr => ({
      kind: 'in-rel',
      exprs: [expr],
      rel: topValues(cells, expr, name, limit(key), cover(coverKey)),
      columns: [name],
      limit: limit(key),
      exact: true,
      type: 'bool',
    });
    const keptColumn = col('__contingency_kept', 'bool');
    let rel: Rel = {
      kind: 'filter',
      input: cells,
      predicate: inTop(rowCol, rowName, 'maxrows', 'minrowcover'),
    };
    rel = {
      kind: 'compute',
      input: rel,
      name: keptColumn.name,
      expr: inTop(labelCol, label, 'maxcols', 'mincolcover'),
    };
    rel = {
      kind: 'window',
      input: rel,
      partition: [],
      aggregates: [
        {
          name: '__contingency_any',
          fn: 'min',
          arg: call('if', [keptColumn, labelCol, lit(null)], 'string'),
          type: 'string',
        },
      ],
    };
    rel = {
      kind: 'compute',
      input: rel,
      name: label,
      expr: call('if', [keptColumn, labelCol, col('__contingency_any', 'string')], 'string'),
    };
    rel = {
      kind: 'compute',
      input: rel,
      name: cell,
      expr: call('if', [keptColumn, col(cell, 'number'), lit(0)], 'number'),
    };
    const kept: Rel = {
      kind: 'aggregate',
      input: rel,
      groups: [
        { name: rowName, expr: rowCol },
        { name: label, expr: labelCol },
      ],
      aggregates: [{ name: cell, fn: 'sum', arg: col(cell, 'number'), type: 'number' }],
    };
    const cellColumns = [
      { name: rowName, type: 'string' as const },
      { name: label, type: 'string' as const },
      { name: cell, type: 'number' as const },
    ];
    const cellState: State = { rel: kept, scope: Scope.closed(cellColumns) };
    // The totals row: every column's total, under the row value `totalstr`.
    const totalsRow: State = {
      rel: {
        kind: 'project',
        input: {
          kind: 'aggregate',
          input: kept,
          groups: [{ name: label, expr: labelCol }],
          aggregates: [{ name: cell, fn: 'sum', arg: col(cell, 'number'), type: 'number' }],
        },
        columns: [
          { name: rowName, expr: lit(totalstr) },
          { name: label, expr: labelCol },
          { name: cell, expr: col(cell, 'number') },
        ],
        keepRaw: false,
      },
      scope: Scope.closed(cellColumns),
    };
    const all = usetotal ? concatAll([cellState, totalsRow]) : cellState;
    const keys = [{ name: rowName, type: 'string' as const }];
    let out: State = {
      rel: {
        kind: 'pivot',
        input: all.rel,
        keys,
        label,
        values: [{ name: cell, zero: true }],
        prefix: false,
        sep: ': ',
        last: [],
        valueType: 'number',
        column: seriesColumn,
      },
      scope: Scope.series(keys, 'number'),
    };
    // The total of each row (the totals row's is the grand total), then rows by their total, the totals
    // row last.
    const total = usetotal ? totalstr : '__contingency_total';
    out = {
      rel: {
        kind: 'compute',
        input: out.rel,
        name: total,
        expr: call('map_sum', [col(seriesColumn, 'number')], 'number'),
      },
      scope: out.scope.with(total, 'number'),
    };
    out = {
      rel: {
        kind: 'sort',
        input: out.rel,
        keys: [
          { expr: call('eq', [rowCol, lit(totalstr)], 'bool'), descending: false, mode: 'num' },
          { expr: col(total, 'number'), descending: true, mode: 'num' },
          { expr: rowCol, descending: false, mode: 'auto' },
        ],
      },
      scope: out.scope,
    };
    if (usetotal) return out;
    const visible = out.scope.columns.filter((x) => x.name !== total);
    return {
      rel: {
        kind: 'project',
        input: out.rel,
        columns: visible.map((v) => ({ name: v.name, expr: col(v.name, v.type) })),
        keepRaw: false,
      },
      scope: Scope.closed(visible),
    };
  },
};
