// Which series `chart`/`timechart … by` keep: `limit=`/`agg=` (Splunk's default, `where sum in top10`) or
// an explicit `where <statistic> in top5` / `where <statistic> > 100`; the others fold into OTHER.
//
// Search Reference, timechart and chart ("where clause"): the statistic is applied to each data series
// (its values over the rows) and the result compared with the criteria; limit and agg are ignored when a
// where clause is given. https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/timechart

import type { Aggregation, Ident, OptionValue, SeriesWhereClause } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Aggregate, Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { exprContext } from './helpers.ts';
import type { PlanOptions } from './index.ts';
import { Scope } from './scope.ts';
import { lowerAggregation } from './stats.ts';

/** How the ranked series are kept: the top/bottom N (or all but them), or those past a threshold. */
export type SeriesRule =
  | { readonly kind: 'rank'; readonly n: number; readonly bottom: boolean; readonly notIn: boolean }
  | { readonly kind: 'threshold'; readonly op: 'gt' | 'lt'; readonly value: number };

/** A `where` clause read: the statistic over each series' values, and the rule. */
export interface SeriesWhere {
  readonly fn: Ident;
  readonly rule: SeriesRule;
}

const statisticWord = /^[A-Za-z_][\w.]*$/;

/** `where max in top5`, `where sum notin bottom3`, `where avg > 100`: the clause read, or a diagnostic. */
function seriesWhere(clause: SeriesWhereClause, errors: Diagnostic[]): SeriesWhere | undefined {
  const [fn, op, value, extra] = clause.words;
  const bad = (at: OptionValue | undefined): undefined => {
    errors.push(
      diagnostic(
        'syntax',
        `expected \`<statistic> in top<N>\`, \`<statistic> notin bottom<N>\` or \`<statistic> > <number>\` after \`where\`, found \`${at?.text ?? 'the end'}\``,
        at?.span ?? clause.span,
        ['for example `where max in top5` or `where sum > 100`'],
      ),
    );
    return undefined;
  };
  if (!fn || fn.quoted || !statisticWord.test(fn.text)) return bad(fn);
  if (!op || !value) return bad(undefined);
  if (extra) return bad(extra);
  const ident: Ident = { kind: 'ident', name: fn.text, quoted: false, span: fn.span };
  const o = op.text.toLowerCase();
  if (o === 'in' || o === 'notin') {
    const m = /^(top|bottom)(\d+)$/i.exec(value.text);
    if (!m) return bad(value);
    const bottom = (m[1] ?? '').toLowerCase() === 'bottom';
    return { fn: ident, rule: { kind: 'rank', n: Number(m[2]), bottom, notIn: o === 'notin' } };
  }
  if (o === '<' || o === '>') {
    const n = Number(value.text);
    if (value.text.trim() === '' || !Number.isFinite(n)) return bad(value);
    return { fn: ident, rule: { kind: 'threshold', op: o === '>' ? 'gt' : 'lt', value: n } };
  }
  return bad(op);
}

/** The where clause of a chart split by `split`: read, or a diagnostic (it picks series, so needs a split). */
export function seriesFilter(
  clause: SeriesWhereClause,
  split: Ident | undefined,
  errors: Diagnostic[],
): SeriesWhere | undefined {
  if (split) return seriesWhere(clause, errors);
  errors.push(
    diagnostic('semantic', '`where` picks which series to chart: it needs a split-by field', clause.span, [
      'for example `timechart count BY host WHERE max in top5`',
    ]),
  );
  return undefined;
}

/** The column the series name lives in while cells are computed (never visible). */
export const labelColumn = '__split';
const rank = '__rank';

/**
 * The events to chart and the series name each counts under: `label` where the series is kept, `otherstr`
 * where it folds into OTHER (or the event dropped with `useother=f`). The statistic ranking a series is
 * applied to its cells, the first statistic's value per row (`sum` by default: the area under the curve);
 * a default ranking of a statistic that is not a number (`values`, `latest`) counts the series' events.
 */
export function keepSeries(args: {
  base: Rel;
  groups: readonly { name: string; expr: Expr; keepNull?: boolean }[];
  label: Expr;
  first: Aggregate;
  rule: SeriesRule;
  /** The statistic over each series' values (`agg=`, or the where clause's); absent: `sum`. */
  fn?: Ident;
  useother: boolean;
  otherstr: string;
  split: Ident;
  text: string;
  options: PlanOptions;
  errors: Diagnostic[];
}): { input: Rel; kept: Expr } | undefined {
  const { base, groups, label, first, rule, fn } = args;
  const totals = seriesTotals(base, groups, label, first, fn, args);
  if (!totals) return undefined;
  let selected: Rel;
  if (rule.kind === 'rank') {
    selected = {
      kind: 'take',
      input: {
        kind: 'sort',
        input: totals,
        keys: [
          { expr: col(rank, 'number'), descending: !rule.bottom, mode: 'num' },
          { expr: col(labelColumn, 'string'), descending: false, mode: 'str' },
        ],
      },
      limit: rule.n,
    };
  } else {
    selected = {
      kind: 'filter',
      input: totals,
      predicate: call(rule.op, [col(rank, 'number'), lit(rule.value)], 'bool'),
    };
  }
  const inSet: Expr = {
    kind: 'in-rel',
    exprs: [label],
    rel: selected,
    columns: [labelColumn],
    // 0: every series past the threshold.
    limit: rule.kind === 'rank' ? rule.n : 0,
    exact: true,
    type: 'bool',
  };
  const keep = rule.kind === 'rank' && rule.notIn ? call('not', [inSet], 'bool') : inSet;
  if (args.useother)
    return { input: base, kept: call('if', [keep, label, lit(args.otherstr)], 'string', args.split.span) };
  return { input: { kind: 'filter', input: base, predicate: keep }, kept: label };
}

/** One row per series: its name (`__split`) and the statistic that ranks it (`__rank`). */
function seriesTotals(
  base: Rel,
  groups: readonly { name: string; expr: Expr; keepNull?: boolean }[],
  label: Expr,
  first: Aggregate,
  fn: Ident | undefined,
  args: { text: string; options: PlanOptions; errors: Diagnostic[] },
): Rel | undefined {
  const byLabel = [{ name: labelColumn, expr: col(labelColumn, 'string') }];
  const cellsOf = (aggregate: Aggregate): Rel => ({
    kind: 'aggregate',
    input: base,
    groups: [...groups, { name: labelColumn, expr: label }],
    aggregates: [aggregate],
  });
  if (!fn || fn.name.toLowerCase() === 'sum') {
    // By the sum over the rows of the first statistic; by the event counts when it is not a number.
    const ranking: Aggregate =
      first.type === 'number' ? first : { name: '__count', fn: 'count', type: 'number' };
    // A count or a sum over the rows is the count or sum over the events that reach a row: one pass
    // over the events, without the (row, series) cells (half the time of timechart by on 2 M events).
    if (ranking.fn === 'count' || ranking.fn === 'count_field' || ranking.fn === 'sum')
      return {
        kind: 'aggregate',
        input: groups
          .filter((g) => g.keepNull !== true)
          .reduce<Rel>(
            (rel, g) => ({ kind: 'filter', input: rel, predicate: call('isnotnull', [g.expr], 'bool') }),
            base,
          ),
        groups: [{ name: labelColumn, expr: label }],
        aggregates: [{ ...ranking, name: rank }],
      };
    return {
      kind: 'aggregate',
      input: cellsOf(ranking),
      groups: byLabel,
      aggregates: [{ name: rank, fn: 'sum', arg: col(ranking.name, 'number'), type: 'number' }],
    };
  }
  if (first.type !== 'number') {
    args.errors.push(
      diagnostic(
        'unsupported',
        `ranking series by \`${fn.name}\` of a statistic that is not a number (\`${first.name}\`) is not supported yet`,
        fn.span,
      ),
    );
    return undefined;
  }
  // The statistic over the series' values: `max` of the cells `first` made, as a stats function over them.
  const field = { kind: 'field-pattern' as const, pattern: first.name, quoted: true, span: fn.span };
  const over: Aggregation = {
    kind: 'aggregation',
    fn,
    arg: { kind: 'agg-field', field, span: fn.span },
    span: fn.span,
  };
  const cells = cellsOf(first);
  const scope = Scope.closed([
    { name: labelColumn, type: 'string' },
    { name: first.name, type: 'number' },
  ]);
  const lowered = lowerAggregation(
    over,
    exprContext({ rel: cells, scope }, args.options, args.errors),
    args.text,
    args.errors,
  );
  if (!lowered) return undefined;
  if (lowered.type !== 'number') {
    args.errors.push(
      diagnostic('semantic', `\`${fn.name}\` does not rank series: it does not give a number`, fn.span, [
        'use `sum`, `max`, `min`, `avg` or another statistic that gives a number',
      ]),
    );
    return undefined;
  }
  return { kind: 'aggregate', input: cells, groups: byLabel, aggregates: [{ ...lowered, name: rank }] };
}
