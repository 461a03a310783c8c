// The row and column splits of a pivot: the hidden fields a split whose values the pivot changes is carried in
// (RANGE / PERIOD bins, TRUELABEL / FALSELABEL), several SPLITCOLs combined into one, and the statistics by
// the row keys (chart's series when there is a column split).

import type { Aggregation, Command, GenericCommand, Ident } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { PlanContext } from '../commands/types.ts';
import { splFieldName, splQuoted } from './helpers.ts';
import { withSpan } from '../knowledge/apply.ts';
import { parse } from '../parser/index.ts';
import type { State } from './index.ts';
import { binKey, discretize } from './bin.ts';
import { defaultSeriesOptions, seriesOption, splitSeries } from './pivot.ts';
import type { BinOptions } from './bin.ts';
import type { SeriesOptions } from './pivot.ts';
import { ident, option, pattern } from './datamodel-pivot-parse.ts';
import type { Cell, Parsed, Split, Tok } from './datamodel-pivot-parse.ts';

/** What the parts of a pivot's plan share: the command, its elements and its cells as aggregations. */
export interface PivotPlan {
  readonly c: GenericCommand;
  readonly ctx: PlanContext;
  readonly p: Parsed;
  readonly errors: Diagnostic[];
  /** A cell (or a limit's statistic) as an aggregation, named by its label unless `alias` is given. */
  readonly aggregation: (x: Cell, alias?: string) => Aggregation;
  /** The cells' aggregations, in order, then a LIMIT's hidden statistic. */
  readonly aggregations: readonly Aggregation[];
  /** The hidden field of each split whose values the pivot changes (see `splitFields`). */
  readonly hiddenOf: ReadonlyMap<Split, string>;
  /** ROWSUMMARY true / COLSUMMARY true. */
  readonly rowSummary: boolean;
  readonly colSummary: boolean;
  /** The column split's series options: NUMCOLS is chart's `limit`, SHOWOTHER its `useother`. */
  readonly series: SeriesOptions;
}

/** The constant hidden row key of a SPLITCOL without a SPLITROW (dropped from the output by `labelRows`). */
export const CONST_KEY = '__pivot_row';
/** The hidden field of several SPLITCOLs' combined value. */
const COMBINED = '__pivot_cols';

/** An identifier at the command's name, for the commands a pivot lowers into. */
export const nameAt = (pp: PivotPlan, n: string): Ident => ({
  kind: 'ident',
  name: n,
  quoted: false,
  span: pp.c.name.span,
});

/** The series options of the column split: NUMCOLS is chart's `limit`, SHOWOTHER its `useother`. */
export function pivotSeries(p: Parsed, errors: Diagnostic[]): SeriesOptions {
  const series = defaultSeriesOptions();
  for (const f of p.flags) {
    if (f.key === 'NUMCOLS') seriesOption(option('limit', f.value.text, f.value.span), series, errors);
    if (f.key === 'SHOWOTHER') seriesOption(option('useother', f.value.text, f.value.span), series, errors);
  }
  return series;
}

/**
 * A split whose values the pivot changes (RANGE / PERIOD bins, TRUELABEL / FALSELABEL, COLSUMMARY's `ALL`)
 * is carried in a hidden field, so a cell over the field itself (`sum(x) SPLITROW x RANGE …`) still reads the
 * field's own values. A row label (`SPLITROW f AS "Label"`) renames the output column only, after the
 * statistics: `dc(f) SPLITROW f AS "Label"` counts the values of `f`. Returns the hidden field of each such
 * split, and the state with them computed (undefined after a diagnostic).
 */
export function splitFields(
  p: Parsed,
  c: GenericCommand,
  ctx: PlanContext,
  from: State,
): { state: State; hiddenOf: Map<Split, string> } | undefined {
  let state = from;
  const name = (n: string): Ident => ({ kind: 'ident', name: n, quoted: false, span: c.name.span });
  const lower = (cmd: Command): void => {
    state = ctx.lowerCommand(cmd, state);
  };
  const hiddenOf = new Map<Split, string>();
  for (const sp of [...p.rows, ...p.cols]) {
    const relabel = sp.trueLabel !== undefined || sp.falseLabel !== undefined;
    if (!sp.bin && !relabel) continue;
    const hiddenName = `__pivot_split${hiddenOf.size}`;
    hiddenOf.set(sp, hiddenName);
    if (sp.bin) {
      const opts: BinOptions = {};
      for (const o of sp.bin) {
        const k = binKey(o);
        if (k) opts[k] = o;
      }
      if (opts.start || opts.end) {
        // RANGE start=/end= bound the bins as chart's bin options do: "Data outside of the [start, end]
        // range is discarded" (Search Reference, chart; `bin` itself only widens automatic bins).
        const out = discretize({
          s: state,
          field: { name: sp.field.text, span: sp.field.span },
          as: hiddenName,
          opts,
          rules: { command: name('pivot'), defaultBins: 100, startEnd: 'discard' },
          range: ctx.range,
          options: ctx.options,
          errors: ctx.errors,
        });
        if (!out) return undefined;
        state = out;
      } else
        lower({
          kind: 'bin',
          name: name('bin'),
          span: sp.field.span,
          options: sp.bin,
          field: pattern(sp.field.text, sp.field.span),
          alias: { kind: 'ident', name: hiddenName, quoted: false, span: sp.field.span },
        });
    }
    // TRUELABEL / FALSELABEL: a Boolean field's values shown as the labels; other values stay as they are.
    const source = splFieldName(sp.bin ? hiddenName : sp.field.text);
    const str = (t: Tok): string => splQuoted(t.text);
    const cases = [
      ...(sp.trueLabel ? [`match(lower(${source}), "^(1|true|t|yes|y)$"), ${str(sp.trueLabel)}`] : []),
      ...(sp.falseLabel ? [`match(lower(${source}), "^(0|false|f|no|n)$"), ${str(sp.falseLabel)}`] : []),
    ];
    const value = relabel ? `case(${cases.join(', ')}, true(), ${source})` : source;
    if (!sp.bin || relabel) {
      const e = parse(`| makeresults | eval ${splFieldName(hiddenName)}=${value}`).ast?.commands[1];
      if (e) lower(withSpan(e, sp.field.span));
    }
  }
  // Several SPLITCOLs: one column per combination of their values, named by the values in SPLITCOL order
  // joined with `: ` (`cmd.exe: alice`). The Search Reference does not say how Pivot names them; `: ` is the
  // separator chart and timechart put between the parts of a series name (`<stat>: <value>`, their `sep`
  // default), so several cells read `<cell>: <value>: <value>`. An event missing one of the fields counts in
  // the NULL column, as an event missing the field of a single SPLITCOL does.
  if (p.cols.length > 1) {
    const parts = p.cols.map((x) => splFieldName(hiddenOf.get(x) ?? x.field.text));
    const value = `if(${parts.map((x) => `isnotnull(${x})`).join(' AND ')}, ${parts.join(' . ": " . ')}, null())`;
    const e = parse(`| makeresults | eval ${COMBINED}=${value}`).ast?.commands[1];
    if (e) lower(withSpan(e, p.cols[1]?.field.span ?? c.name.span));
  }
  return { state, hiddenOf };
}

/** The field a split's rows are keyed by: its hidden field, or the field itself. */
export const rowName = (pp: PivotPlan, r: Split): Ident => {
  const hiddenName = pp.hiddenOf.get(r);
  return hiddenName ? { ...ident(r.field), name: hiddenName } : ident(r.field);
};

/** The field the column split's series are named by (several SPLITCOLs' combined value). */
const colName = (pp: PivotPlan, x: Split): Ident =>
  pp.p.cols.length > 1 ? { ...ident(x.field), name: COMBINED } : rowName(pp, x);

/**
 * A SPLITCOL without a SPLITROW gives one row of cells, as Splunk's pivot does: the statistics are split by a
 * constant hidden row key, dropped from the output (labelRows).
 */
export const withConst = (pp: PivotPlan, from: State): State => {
  const e = parse(`| makeresults | eval ${CONST_KEY}="ALL"`).ast?.commands[1];
  return e ? pp.ctx.lowerCommand(withSpan(e, pp.c.name.span), from) : from;
};

/**
 * The statistics over `from` by the row `keys`: with a column split one column per value of it (chart's
 * series, over any number of row keys), else `stats … by <keys>`.
 */
export function statistics(pp: PivotPlan, from: State, keys: readonly Ident[]): State {
  const aggregations = pp.aggregations;
  const col = pp.p.cols[0];
  if (col)
    return splitSeries({
      s: from,
      command: nameAt(pp, 'chart'),
      rows: keys.map((k) => {
        const expr = from.scope.resolve(k.name, k.span);
        return { name: k.name, expr, type: expr.type === 'null' ? ('any' as const) : expr.type };
      }),
      split: colName(pp, col),
      aggregations,
      series: pp.series,
      text: pp.ctx.text,
      options: pp.ctx.options,
      errors: pp.errors,
    });
  return pp.ctx.lowerCommand(
    { kind: 'stats', name: nameAt(pp, 'stats'), span: pp.c.span, options: [], aggregations, by: [...keys] },
    from,
  );
}
