// Lowers `chart`: rows over one field, a column per value of another; binned x-axes continuous (`cont=true`).

import type { ChartCommand, CommandOption, Ident } from '../ast.ts';
import type { TimeRange } from '../analyse/index.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, Fill, Rel } from '../ir/types.ts';
import { call, col } from '../ir/types.ts';
import type { BinAxis } from './bin-axis.ts';
import type { BinOptions } from './bin.ts';
import { binKey, discretize } from './bin.ts';
import { eachValue, truthy } from './helpers.ts';
import type { PlanOptions, State } from './index.ts';
import { defaultSeriesOptions, seriesOption, splitSeries } from './pivot.ts';
import { plannerColumnPrefix } from './scope.ts';
import { seriesFilter } from './series-filter.ts';
import { aggregateRows } from './stats.ts';

/** The bin index and width of a continuous numeric x-axis, and the width every row agrees on after the fill. */
const indexColumn = `${plannerColumnPrefix}bin_index`;
const widthColumn = `${plannerColumnPrefix}bin_width`;
const widthAllColumn = `${plannerColumnPrefix}bin_width_all`;

/**
 * `chart <agg>… over <row> [by <column>]` or `chart <agg>… by <row> [<column>]`: one row per value of the
 * row field, like stats; with a column field, one column per value of it (see `splitSeries`). Bin options
 * (`span`, `bins`, `minspan`, `start`, `end`) discretize the field written just before them, as `bin` does
 * (Search Reference, chart: "The span applies to the field immediately prior"); written before the split
 * fields, they bin the row field. A binned row field is continuous (`cont=true`, Splunk's default): the
 * empty bins between the first and the last bin with events are rows too, with 0 for `count`/`dc` and empty
 * for other statistics; `cont=false` shows only the bins with events.
 * https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/chart
 *
 * @example chart count over bytes span=100 → GROUP BY the bin index, WITH FILL STEP 1, labels `0-100`, …
 */
export function chart(
  c: ChartCommand,
  s: State,
  text: string,
  range: TimeRange,
  options: PlanOptions,
  errors: Diagnostic[],
): State {
  const rows = c.over ? [c.over, ...c.by] : [...c.by];
  const series = defaultSeriesOptions();
  const [row, column, ...extra] = rows;
  if (extra[0]) {
    errors.push(diagnostic('semantic', '`chart` takes one row field and one column field', extra[0].span));
    return s;
  }
  // Each bin option belongs to the split field before it; those before the split fields to the row field.
  const binned = new Map<Ident, BinOptions>();
  const leading: BinOptions = {};
  let firstLeading: CommandOption | undefined;
  let cont = true;
  let unsupportedOption = false;
  for (const o of c.options) {
    const key = binKey(o);
    if (key) {
      const owner = rows.filter((f) => f.span.end <= o.span.start).pop();
      if (owner) binned.set(owner, { ...binned.get(owner), [key]: o });
      else {
        leading[key] = o;
        firstLeading ??= o;
      }
    } else if (o.key.name.toLowerCase() === 'cont') cont = truthy(o.value.text);
    else if (!seriesOption(o, series, errors)) {
      errors.push(diagnostic('unsupported', `\`chart ${o.key.name}=\` is not supported yet`, o.span));
      unsupportedOption = true;
    }
  }
  if (unsupportedOption) return s;
  if (firstLeading) {
    if (!row) {
      errors.push(
        diagnostic(
          'semantic',
          `\`chart ${firstLeading.key.name}=\` bins a split field, and there is none`,
          firstLeading.span,
          [
            `name the field to bin: \`chart count over bytes ${firstLeading.key.name}=${firstLeading.value.text}\``,
          ],
        ),
      );
      return s;
    }
    // The row field's own options (written after it) win over those before the split fields.
    binned.set(row, { ...leading, ...binned.get(row) });
  }
  if (c.where) {
    const where = seriesFilter(c.where, column, errors);
    if (!where) return s;
    series.where = where;
  }
  let input = s;
  let axis: BinAxis | undefined;
  for (const [field, opts] of binned) {
    // "you cannot specify the same field in a function and as the row-split field" (Search Reference).
    const used = c.aggregations.find(
      (a) => a.arg?.kind === 'agg-field' && a.arg.field.pattern === field.name,
    );
    if (used) {
      errors.push(
        diagnostic('semantic', `\`${field.name}\` is both binned and aggregated`, used.span, [
          `copy it first: \`eval ${field.name}_bin=${field.name} | chart … by ${field.name}_bin …\``,
        ]),
      );
      return s;
    }
    const next = discretize({
      s: input,
      field,
      opts,
      rules: { command: c.name, defaultBins: 300, startEnd: 'extents' },
      range,
      options,
      errors,
      ...(cont && field === row ? { axis: { index: indexColumn, width: widthColumn } } : {}),
    });
    if (!next) return s;
    input = next;
    if (field === row) axis = next.axis;
  }
  // The bin index (and automatic bins' width) group beside the row field, so the fill can step over them.
  const hidden =
    axis?.kind === 'index'
      ? [indexColumn, ...(axis.width === undefined ? [] : [axis.width])].map((name) => ({
          name,
          expr: col(name, 'number'),
        }))
      : axis?.kind === 'data-time'
        ? axis.hidden.map((h) => ({ name: h.name, expr: col(h.name, 'number') }))
        : [];
  const fill = axis && row ? axisFill(axis, row.name, options) : undefined;
  if (!row || !column) {
    // The series options mean nothing without a column field; dedup_splitvals= applies to the row field.
    const dedup = series.dedupSplitvals ? [series.dedupSplitvals] : [];
    const out = aggregateRows(
      { ...c, options: dedup },
      rows,
      input,
      text,
      options,
      errors,
      range,
      false,
      hidden,
    );
    if (!fill || !axis || !row) return out;
    return labelled({ rel: { kind: 'fill', input: out.rel, ...fill }, scope: out.scope }, row.name, axis);
  }
  // A multivalue row field, like the column field, counts the event under each of its values.
  const { s: rowsExpanded, expr } = eachValue(input, row, {
    dedup: truthy(series.dedupSplitvals?.value.text),
  });
  const out = splitSeries({
    s: rowsExpanded,
    command: c.name,
    rows: [
      ...hidden.map((h) => ({ ...h, type: 'number' as const, keepNull: true })),
      { name: row.name, expr, type: expr.type === 'null' ? 'any' : expr.type },
    ],
    split: column,
    aggregations: c.aggregations,
    series,
    ...(fill ? { fill } : {}),
    text,
    options,
    errors,
  });
  return axis ? labelled(out, row.name, axis) : out;
}

/** The fill of a continuous x-axis: time buckets of its span, or numeric bins by index, one step apart. */
function axisFill(axis: BinAxis, row: string, options: PlanOptions): Omit<Fill, 'kind' | 'input'> {
  if (axis.kind === 'data-time') return axis.fill;
  if (axis.kind === 'time')
    return {
      column: row,
      fromMs: axis.fromMs ?? null,
      toMs: axis.toMs ?? null,
      count: axis.span.count,
      unit: axis.span.unit,
      timeZone: options.timeZone ?? 'UTC',
      ...(axis.offsetMs > 0 ? { offsetMs: axis.offsetMs } : {}),
    };
  // The fill's TO is exclusive: the bin holding end= is the last.
  return {
    column: indexColumn,
    fromMs: axis.first ?? null,
    toMs: axis.last === undefined ? null : axis.last + 1,
    count: 1,
    unit: 'number',
    timeZone: 'UTC',
  };
}

/**
 * After the fill of numeric bins: each added row's label made from its index (automatic bins read the width
 * every row agrees on), and the index and width columns dropped. A time axis needs neither.
 */
function labelled(out: State, row: string, axis: BinAxis): State {
  if (axis.kind === 'time') return out;
  if (axis.kind === 'data-time') return axis.finish(out);
  let rel: Rel = out.rel;
  let width: Expr | undefined;
  if (axis.width !== undefined) {
    // The rows the fill adds have no width: every row takes the one the bins have.
    rel = {
      kind: 'window',
      input: rel,
      partition: [],
      aggregates: [{ name: widthAllColumn, fn: 'max', arg: col(axis.width, 'number'), type: 'number' }],
    };
    width = col(widthAllColumn, 'number');
  }
  const label = axis.label(col(indexColumn, 'number'), width);
  const type = out.scope.resolve(row).type;
  rel = {
    kind: 'compute',
    input: rel,
    name: row,
    expr: call('coalesce', [out.scope.resolve(row), label], type === 'null' ? 'any' : type),
  };
  const hidden = new Set([indexColumn, widthColumn, widthAllColumn]);
  const columns = out.scope.columns.filter((x) => !hidden.has(x.name));
  return {
    rel: {
      kind: 'project',
      input: rel,
      columns: columns.map((x) => ({ name: x.name, expr: out.scope.resolve(x.name) })),
      keepRaw: false,
    },
    scope: out.scope.project(columns, false),
  };
}
