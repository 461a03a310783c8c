// A pivot's LIMIT elements (a filter on a field's values: those ranked first by a statistic) and its SORT
// element (the first rows by a field), and the events of the rows a SORT keeps.

import type { Command, Ident, SortKey } from '../ast.ts';
import type { Span } from '../diagnostics.ts';
import { call, lit } from '../ir/types.ts';
import type { Expr, Rel } from '../ir/types.ts';
import type { State } from './index.ts';
import { nameAt, rowName } from './datamodel-pivot-splits.ts';
import type { PivotPlan } from './datamodel-pivot-splits.ts';
import { ident, pattern } from './datamodel-pivot-parse.ts';
import type { Parsed } from './datamodel-pivot-parse.ts';

type Limit = Parsed['limits'][number];

/** The hidden statistic the rows of a LIMIT on the one SPLITROW are ordered by, dropped after. */
export const LIMIT_STAT = '__pivot_limit';
/** The hidden column of the values a LIMIT or a SORT keeps, in the subquery the events are filtered by. */
const KEPT = '__pivot_kept';

/** `top` / `highest`: the largest values of the statistic first; `bottom` / `lowest`: the smallest. */
const descending = (limit: Limit): boolean => /^(top|highest)$/i.test(limit.dir.text);

const text = (e: Expr): Expr => call('tostring', [e], 'string');

const sortKey = (field: Ident, descending: boolean, span: Span): SortKey => ({
  kind: 'sort-key',
  field,
  direction: descending ? 'desc' : 'asc',
  coerce: null,
  span,
});

/**
 * The field a LIMIT restricts: the hidden field of the split of that field (so a LIMIT on a `RANGE` split
 * ranks its bins, on a `TRUELABEL` split its labels), else the dataset's field itself.
 */
function limitedField(pp: PivotPlan, limit: Limit): Ident {
  const split = [...pp.p.rows, ...pp.p.cols].find((s) => s.field.text === limit.field.text);
  return split ? rowName(pp, split) : ident(limit.field);
}

/** `events` kept where `exprs` (as one text value) is among the `column` values of `rows` (at most `n`). */
function keepIn(events: State, value: Expr, rows: Rel, n: number): State {
  const predicate: Expr = {
    kind: 'in-rel',
    exprs: [value],
    rel: rows,
    columns: [KEPT],
    limit: n,
    exact: true,
    type: 'bool',
  };
  return { rel: { kind: 'filter', input: events.rel, predicate }, scope: events.scope };
}

/**
 * `LIMIT <field> BY top|bottom|highest|lowest <n> <stat>(<x>)`: a filter on the field's values, as a limit is
 * in Pivot's editor: `<stat>` per value of the field over `base` (the events after the FILTERs), the `n`
 * values ranked first (ties by the value, ascending) kept, and `events` kept where the field has one of them.
 * Each LIMIT ranks over `base`, not over the events another LIMIT kept, so their order does not matter.
 *
 * @example LIMIT user BY top 2 count(Processes) → WHERE toString(user) IN (SELECT … ORDER BY … LIMIT 2)
 */
export function limitEvents(pp: PivotPlan, base: State, events: State, limit: Limit): State {
  const key = limitedField(pp, limit);
  const at = limit.span;
  const ranked = pp.ctx.lowerCommand(
    {
      kind: 'sort',
      name: nameAt(pp, 'sort'),
      span: at,
      keys: [sortKey({ ...key, name: LIMIT_STAT, span: at }, descending(limit), at), sortKey(key, false, at)],
      reverse: false,
      limit: { value: limit.count, span: at },
    },
    pp.ctx.lowerCommand(
      {
        kind: 'stats',
        name: nameAt(pp, 'stats'),
        span: at,
        options: [],
        aggregations: [pp.aggregation(limit.stat, LIMIT_STAT)],
        by: [key],
      },
      base,
    ),
  );
  const rows: Rel = {
    kind: 'project',
    input: ranked.rel,
    columns: [{ name: KEPT, expr: text(ranked.scope.resolve(key.name)) }],
    keepRaw: false,
  };
  return keepIn(events, text(events.scope.resolve(key.name, key.span)), rows, limit.count);
}

/**
 * The LIMIT on the field of the one SPLITROW (without a SPLITCOL), if any: its rows are shown ranked by its
 * statistic, as Pivot shows a limited row split (ties by the row value).
 */
export function rankingLimit(p: Parsed): Limit | undefined {
  const [row, ...more] = p.rows;
  if (!row || more.length > 0 || p.cols.length > 0) return undefined;
  return p.limits.find((l) => l.field.text === row.field.text);
}

/** The rows ordered by the ranking LIMIT's hidden statistic (see `rankingLimit`), the statistic dropped. */
export function rankRows(pp: PivotPlan, from: State, limit: Limit): State {
  const lower = (s: State, cmd: Command): State => pp.ctx.lowerCommand(cmd, s);
  const at = limit.span;
  const row = pp.p.rows[0];
  const tie = row ? [sortKey({ ...ident(row.field), name: (row.label ?? row.field).text }, false, at)] : [];
  const sorted = lower(from, {
    kind: 'sort',
    name: nameAt(pp, 'sort'),
    span: at,
    keys: [
      sortKey({ kind: 'ident', name: LIMIT_STAT, quoted: false, span: at }, descending(limit), at),
      ...tie,
    ],
    reverse: false,
    // The rows already are the LIMIT's values only: its count also spares sort's default of 10,000 rows.
    limit: { value: limit.count, span: at },
  });
  return lower(sorted, {
    kind: 'fields',
    name: nameAt(pp, 'fields'),
    span: at,
    mode: 'remove',
    fields: [pattern(LIMIT_STAT, at)],
  });
}

/**
 * `SORT <n> <field>`: the rows sorted by the field (ascending), the first `n` kept. Ties keep the rows' order
 * (by their row values, as stats gives them), as a stable sort does; it also makes the rows kept the same each
 * time the sorted table is read (the COLSUMMARY row reads it again).
 */
export function sortRows(pp: PivotPlan, from: State, sort: NonNullable<Parsed['sort']>): State {
  const ties = pp.p.rows
    .map((r) => sortKey({ ...ident(r.field), name: (r.label ?? r.field).text }, false, sort.span))
    .filter((k) => k.field.name !== sort.field.text);
  return pp.ctx.lowerCommand(
    {
      kind: 'sort',
      name: nameAt(pp, 'sort'),
      span: sort.span,
      keys: [sortKey(ident(sort.field), false, sort.span), ...ties],
      reverse: false,
      limit: { value: sort.count, span: sort.span },
    },
    from,
  );
}

/**
 * The events of the rows of `shown` (a table `SORT` cut): their row values (all the SPLITROWs', as one text
 * value) among the rows' values. A bin label or a number compares alike, as text.
 */
export function rowEvents(pp: PivotPlan, events: State, shown: State, n: number): State {
  // The row fields joined by a control character no field value is expected to hold (U+001F, the unit
  // separator), so `a`+`bc` and `ab`+`c` stay apart.
  const joined = (values: Expr[]): Expr =>
    values.reduce((a, b) => call('concat', [call('concat', [a, lit('\u001f')], 'string'), b], 'string'));
  const rows: Rel = {
    kind: 'project',
    input: shown.rel,
    columns: [
      {
        name: KEPT,
        expr: joined(pp.p.rows.map((r) => text(shown.scope.resolve((r.label ?? r.field).text)))),
      },
    ],
    keepRaw: false,
  };
  return keepIn(
    events,
    joined(pp.p.rows.map((r) => text(events.scope.resolve(rowName(pp, r).name)))),
    rows,
    n,
  );
}
