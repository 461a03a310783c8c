// `pivot <model> <dataset> <cells> [SPLITROW …] [SPLITCOL …] [FILTER …] [LIMIT …] …`: Splunk's Pivot
// elements over a data model dataset, lowered as Splunk describes the command: `stats` (or `chart` with a
// column split) over the dataset's events. The elements are parsed in `datamodel-pivot-parse.ts`; splits,
// summaries and limits are planned in the `datamodel-pivot-*.ts` modules beside this one.

import type { Aggregation, GenericCommand } from '../ast.ts';
import type { PlanContext } from '../commands/types.ts';
import { datasetEvents, filterBy, resolveDataset } from './datamodel.ts';
import type { State } from './index.ts';
import { concat } from './append.ts';
import { ident, parsePivot, pattern } from './datamodel-pivot-parse.ts';
import type { Cell, Keyword } from './datamodel-pivot-parse.ts';
import { filterExpr } from './datamodel-pivot-filter.ts';
import {
  CONST_KEY,
  nameAt,
  pivotSeries,
  rowName,
  splitFields,
  statistics,
  withConst,
} from './datamodel-pivot-splits.ts';
import type { PivotPlan } from './datamodel-pivot-splits.ts';
import { colTotals, labelRows, rowTotals } from './datamodel-pivot-summaries.ts';
import {
  LIMIT_STAT,
  limitEvents,
  rankRows,
  rankingLimit,
  rowEvents,
  sortRows,
} from './datamodel-pivot-limits.ts';

/**
 * `| pivot M D count(D) AS "Count" SPLITROW f AS "F" SPLITCOL g FILTER h is x LIMIT f BY top 5 count(D)`:
 * the dataset's events (their own field names), filtered, then `stats … by <rows>` (with a SPLITCOL, chart's
 * series by `<col>` over the rows, any number of them), the row labels applied. A cell naming the dataset (or
 * an ancestor) counts events.
 *
 * @example | pivot Web Web count(Web) AS "Requests" SPLITROW status FILTER http_method is GET
 */
export function pivotCommand(c: GenericCommand, ctx: PlanContext): State | undefined {
  const p = parsePivot(c, ctx.text, ctx.errors);
  if (!p) return undefined;
  const resolved = resolveDataset(
    ctx.options,
    p.model.text,
    p.dataset.text,
    { model: p.model.span, dataset: p.dataset.span },
    ctx.errors,
  );
  if (!resolved) return undefined;
  const datasetNames = new Set(resolved.chain.map((d) => d.name));
  const errors = ctx.errors;
  const flag = (key: Keyword): boolean =>
    p.flags.some((f) => f.key === key && /^(1|t|true|yes)$/i.test(f.value.text));
  let state = datasetEvents(resolved, ctx.options, ctx.range, p.dataset.span, ctx.subsearch, errors, false);
  const filters = p.filters.flatMap((f) => filterExpr(f, errors) ?? []);
  state = filterBy(state, filters, ctx.options, ctx.subsearch, errors);

  const aggregation = (x: Cell, alias?: string): Aggregation => {
    const countsEvents = datasetNames.has(x.arg.text) && x.fn.text.toLowerCase() === 'count';
    const name = alias ?? x.label?.text ?? `${x.fn.text}(${x.arg.text})`;
    return {
      kind: 'aggregation',
      fn: ident(x.fn),
      ...(countsEvents
        ? {}
        : { arg: { kind: 'agg-field' as const, field: pattern(x.arg.text, x.arg.span), span: x.arg.span } }),
      alias: { kind: 'ident', name, quoted: true, span: x.label?.span ?? x.span },
      span: x.span,
    };
  };
  const aggregations = p.cells.map((x) => aggregation(x));
  // A LIMIT on the one SPLITROW's field orders the rows by its statistic: a hidden cell until then.
  const ranking = rankingLimit(p);
  if (ranking) aggregations.push(aggregation(ranking.stat, LIMIT_STAT));

  const split = splitFields(p, c, ctx, state);
  if (!split) return undefined;
  state = split.state;
  const pp: PivotPlan = {
    c,
    ctx,
    p,
    errors,
    aggregation,
    aggregations,
    hiddenOf: split.hiddenOf,
    rowSummary: flag('ROWSUMMARY'),
    colSummary: flag('COLSUMMARY'),
    series: pivotSeries(p, errors),
  };
  // The LIMITs filter the events (each ranked over the events the FILTERs keep), before the statistics.
  const base = state;
  for (const l of p.limits) state = limitEvents(pp, base, state, l);
  const col = p.cols[0];
  const pre = col && p.rows.length === 0 ? withConst(pp, state) : state;
  const keys = col && p.rows.length === 0 ? [nameAt(pp, CONST_KEY)] : p.rows.map((r) => rowName(pp, r));
  state = labelRows(pp, rowTotals(pp, statistics(pp, pre, keys), pre, keys));
  if (ranking) state = rankRows(pp, state, ranking);
  const sort = p.sort;
  if (sort) state = sortRows(pp, state, sort);
  // With a SORT, the ALL row is over the events of the rows it keeps, as with a LIMIT.
  const shown = state;
  const kept = sort ? (events: State): State => rowEvents(pp, events, shown, sort.count) : undefined;
  const totals = colTotals(pp, pre, kept, [LIMIT_STAT]);
  return totals ? concat(state, totals) : state;
}
