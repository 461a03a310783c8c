// `pivot <model> <dataset> <cells> [SPLITROW …] [SPLITCOL …] [FILTER …] [LIMIT …] …`: Splunk's Pivot
// elements over a data model dataset, lowered as Splunk describes the command: `stats` (or `chart` with a
// column split) over the dataset's events. The elements are parsed in `datamodel-pivot-parse.ts`; splits,
// summaries and limits are planned in the `datamodel-pivot-*.ts` modules beside this one.

import type { Aggregation, GenericCommand } from '../ast.ts';
import type { Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
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
import { LIMIT_STAT, limitRows, sortRows } from './datamodel-pivot-limits.ts';

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
  const unsupported = (message: string, at: Span): undefined => {
    errors.push(diagnostic('unsupported', message, at));
    return undefined;
  };
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
  const limit = p.limits[0];
  if (p.limits.length > 1)
    return unsupported('`pivot` with more than one `LIMIT` is not supported yet', c.name.span);
  if (limit && (p.rows.length !== 1 || p.rows[0]?.field.text !== limit.field.text || p.cols.length > 0))
    return unsupported('`pivot LIMIT` is compiled only for the field of the one `SPLITROW`', limit.span);
  if (limit) aggregations.push(aggregation(limit.stat, LIMIT_STAT));

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
  const col = p.cols[0];
  const pre = col && p.rows.length === 0 ? withConst(pp, state) : state;
  const keys = col && p.rows.length === 0 ? [nameAt(pp, CONST_KEY)] : p.rows.map((r) => rowName(pp, r));
  state = labelRows(pp, rowTotals(pp, statistics(pp, pre, keys), pre, keys));
  if (limit) state = limitRows(pp, state, limit);
  const totals = colTotals(pp, pre, state, limit?.count, [LIMIT_STAT]);
  if (p.sort) state = sortRows(pp, state, p.sort);
  return totals ? concat(state, totals) : state;
}
