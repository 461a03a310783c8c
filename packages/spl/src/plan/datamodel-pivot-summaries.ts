// A pivot's summaries and output columns: the row columns' labels, ROWSUMMARY's `ALL` column and
// COLSUMMARY's `ALL` row.

import type { Ident } from '../ast.ts';
import { lit } from '../ir/types.ts';
import type { Rel, ScalarType } from '../ir/types.ts';
import type { State } from './index.ts';
import { CONST_KEY, nameAt, rowName, statistics, withConst } from './datamodel-pivot-splits.ts';
import type { PivotPlan } from './datamodel-pivot-splits.ts';

/**
 * Row columns take their labels (hidden fields their field's name), in place; a column that already has that
 * name gives way, as it does to `rename`. The `drop` columns (the constant row key) go.
 */
export function labelRows(
  pp: PivotPlan,
  from: State,
  drop: ReadonlySet<string> = new Set([CONST_KEY]),
): State {
  const names = new Map(
    pp.p.rows.flatMap((r) => {
      const current = rowName(pp, r).name;
      const to = (r.label ?? r.field).text;
      return current === to ? [] : [[current, to] as const];
    }),
  );
  if (names.size === 0 && !from.scope.columns.some((x) => drop.has(x.name))) return from;
  const targets = new Set(names.values());
  const columns = from.scope.columns.flatMap((x) => {
    if (drop.has(x.name)) return [];
    const to = names.get(x.name);
    if (to === undefined && targets.has(x.name)) return [];
    return [
      {
        name: to ?? x.name,
        type: x.type === 'null' ? ('any' as const) : x.type,
        expr: from.scope.resolve(x.name),
      },
    ];
  });
  return {
    rel: {
      kind: 'project',
      input: from.rel,
      columns: columns.map((x) => ({ name: x.name, expr: x.expr })),
      keepRaw: false,
    },
    scope: from.scope.project(columns, false),
  };
}

/**
 * ROWSUMMARY: `ALL` (`<cell>: ALL` for each of several cells), each cell's statistic over all the row's
 * events, as the COLSUMMARY row is over all events: `stats … by <row>` beside the chart, joined on the row.
 */
export function rowTotals(pp: PivotPlan, from: State, source: State, keys: readonly Ident[]): State {
  if (!pp.rowSummary || from.scope.seriesType === undefined || keys.length === 0) return from;
  const keyNames = new Set(keys.map((k) => k.name));
  const several = pp.p.cells.length > 1;
  const cellsAll = pp.p.cells.map((x, i) =>
    pp.aggregation(x, several ? `${pp.aggregations[i]?.alias?.name ?? ''}: ALL` : 'ALL'),
  );
  const right = pp.ctx.lowerCommand(
    {
      kind: 'stats',
      name: nameAt(pp, 'stats'),
      span: pp.c.span,
      options: [],
      aggregations: cellsAll,
      by: [...keys],
    },
    source,
  );
  const allNames = cellsAll.map((a) => a.alias?.name ?? '');
  const typeOf = (t: ScalarType): ScalarType => (t === 'null' ? 'any' : t);
  const leftColumns = from.scope.columns;
  const columns = [
    ...leftColumns.map((x) => ({
      name: x.name,
      type: typeOf(x.type),
      from: keyNames.has(x.name) ? ('both' as const) : ('left' as const),
    })),
    ...allNames.map((n) => ({
      name: n,
      type: typeOf(right.scope.resolve(n).type),
      from: 'right' as const,
    })),
  ];
  const side = (st: State, names: readonly string[]): Rel => ({
    kind: 'project',
    input: st.rel,
    columns: names.map((n) => ({ name: n, expr: st.scope.resolve(n) })),
    keepRaw: false,
  });
  return {
    rel: {
      kind: 'join',
      left: side(
        from,
        leftColumns.map((x) => x.name),
      ),
      right: side(right, [...keyNames, ...allNames]),
      keys: [...keyNames],
      type: 'left',
      overwrite: false,
      columns,
      raw: false,
    },
    scope: from.scope.project(
      columns.map((x) => ({ name: x.name, type: x.type })),
      false,
    ),
  };
}

/**
 * COLSUMMARY: a last row with each cell's statistic over all the events (the first row field `ALL`, the other
 * row fields empty); without a SPLITROW the one row already is over all the events, and there is none. The
 * events are those the LIMITs kept (`pre`): Pivot's limit is one of its filters (the editor sets it under
 * Filters), and its column totals are over the filtered events, the rows shown. `kept` narrows them to the
 * rows a SORT keeps. The `drop` columns (a LIMIT's hidden statistic, a cell of the totals too) go.
 */
export function colTotals(
  pp: PivotPlan,
  pre: State,
  kept: ((events: State) => State) | undefined,
  drop: readonly string[],
): State | undefined {
  const first = pp.p.rows[0];
  if (!pp.colSummary || !first) return undefined;
  const f = rowName(pp, first).name;
  const constIdent = nameAt(pp, CONST_KEY);
  const events = kept ? kept(pre) : pre;
  // With a column split, the statistics by the constant key (one row), then ROWSUMMARY over it.
  const all = pp.p.cols[0]
    ? rowTotals(pp, statistics(pp, withConst(pp, events), [constIdent]), withConst(pp, events), [constIdent])
    : statistics(pp, events, []);
  return labelRows(
    pp,
    {
      rel: { kind: 'compute', input: all.rel, name: f, expr: lit('ALL') },
      scope: all.scope.with(f, 'string'),
    },
    new Set([CONST_KEY, ...drop]),
  );
}
