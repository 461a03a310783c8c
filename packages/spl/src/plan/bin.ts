// Lowers `bin`/`bucket` and the bin options of `chart`: a time to the start of its span, a number to Splunk's `lo-hi` label.

import type { BinCommand, CommandOption, Ident } from '../ast.ts';
import type { TimeRange } from '../analyse/index.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { parseSpan, resolveTime } from '../time.ts';
import type { TimeUnit } from '../time.ts';
import { toNumber } from './coerce.ts';
import type { BinAxis, KnownBins } from './bin-axis.ts';
import { linearKnown, logBins, parseLogSpan } from './bin-axis.ts';
import { indexedTimeBuckets } from './continuous.ts';
import { wildcardFields, withMinMax } from './helpers.ts';
import type { PlanOptions, State } from './index.ts';
import {
  alignOffset,
  allTime,
  autoSpan,
  dataSpanBucket,
  searchBounds,
  spanSeconds,
  timeBucket,
} from './timechart.ts';

/** The bin options as written (Search Reference, bin and chart: `bins`, `span`, `minspan`, `start`/`end`, `aligntime`). */
export interface BinOptions {
  bins?: CommandOption;
  span?: CommandOption;
  minspan?: CommandOption;
  start?: CommandOption;
  end?: CommandOption;
  aligntime?: CommandOption;
}

const binKeys = ['bins', 'span', 'minspan', 'start', 'end', 'aligntime'] as const;

/** The bin option `o` names, or undefined when it is some other option. */
export function binKey(o: CommandOption): keyof BinOptions | undefined {
  const k = o.key.name.toLowerCase();
  return binKeys.find((b) => b === k);
}

/** How one command reads the options: its name for messages, its default `bins`, and what `start`/`end` do. */
export interface BinRules {
  readonly command: Ident;
  /** `bins` when neither `span` nor `bins` is given: 100 for bin, 300 for chart. */
  readonly defaultBins: number;
  /**
   * bin (`widen`): [start, end] widens the range automatic numeric bins cover (no effect with `span=`).
   * pivot's RANGE (`discard`): events outside [start, end] are discarded. chart (`extents`): both, so the
   * bins cover [start, end] (with both given, a span known now).
   */
  readonly startEnd: 'discard' | 'widen' | 'extents';
}

/** Helper columns of automatic numeric bins; dropped again before the command's output. */
const lowColumn = '__bin_lo';
const highColumn = '__bin_hi';
const widthColumn = '__bin_width';

/**
 * `field` replaced by its bin, as `bin <options> field` does: a time becomes the start of its span (sub-day
 * spans align to the epoch, days and longer to the time zone), a number its range label `100-200`; a value
 * that is not a number stays as it is (only numbers are discretized). Undefined, with a diagnostic, when the
 * options cannot be followed.
 *
 * @example span=100 on bytes → concat(toString(floor(bytes / 100) * 100), '-', …)
 * @example bins=10 on bytes → the span is the smallest power of 10 giving at most 10 bins over min…max
 */
export function discretize(args: {
  s: State;
  field: { name: string; span: Span };
  as?: string;
  opts: BinOptions;
  rules: BinRules;
  range: TimeRange;
  options: PlanOptions;
  errors: Diagnostic[];
  /** Columns for the bin index and width of numeric bins (chart's `cont=true`): the result then has its `axis`. */
  axis?: { index: string; width: string };
}): (State & { axis?: BinAxis }) | undefined {
  const { s, field, opts, rules, errors } = args;
  const name = args.as ?? field.name;
  const target = s.scope.resolve(field.name, field.span);
  const timeZone = args.options.timeZone ?? 'UTC';
  const unsupported = (o: CommandOption, why: string): undefined => {
    errors.push(
      diagnostic(
        'unsupported',
        `\`${rules.command.name} ${o.key.name}=\` is not supported yet ${why}`,
        o.span,
      ),
    );
    return undefined;
  };
  const time = target.type === 'time';
  if (opts.aligntime && !time)
    return unsupported(opts.aligntime, `on \`${field.name}\`, which is not a time`);
  const { earliestMs: earliest, latestMs: latest } = searchBounds(args.range, args.options.nowMs);
  let rel: Rel = s.rel;
  const value = toNumber(target);
  let axis: BinAxis | undefined;
  const extra: { name: string; type: 'number' }[] = [];
  /** Time bins of `span`, aligned to `aligntime=` when given; undefined after a diagnostic. */
  const timeBuckets = (span: { count: number; unit: TimeUnit }): Expr | undefined => {
    const offset = opts.aligntime
      ? alignOffset(
          opts.aligntime,
          span,
          { earliestMs: earliest, latestMs: latest },
          args.options,
          false,
          errors,
        )
      : 0;
    if (offset === undefined) return undefined;
    axis = {
      kind: 'time',
      span,
      offsetMs: offset,
      ...(timeBounds.start === undefined ? {} : { fromMs: timeBounds.start }),
      ...(timeBounds.end === undefined ? {} : { toMs: timeBounds.end }),
    };
    return timeBucket(target, span, timeZone, offset, field.span);
  };
  /** Numeric bins by index: the index column joins the result when `args.axis` asks for it. */
  const startAt = opts.start ? Number(opts.start.value.text) : undefined;
  const endAt = opts.end ? Number(opts.end.value.text) : undefined;
  const indexed = (
    index: Expr,
    label: (k: Expr, width?: Expr) => Expr,
    width?: string,
    known?: KnownBins,
  ): void => {
    if (!args.axis) return;
    // The bins from start= to end= ("the minimum and maximum extents for numerical bins"); an end on a
    // bin's low bound ends the bins before it (the bin it starts shows only with a value equal to end).
    const first = startAt === undefined ? undefined : known?.indexOf(startAt);
    const endBin = endAt === undefined ? undefined : known?.indexOf(endAt);
    const last = endBin !== undefined && known?.low(endBin) === endAt ? endBin - 1 : endBin;
    // ClickHouse's WITH FILL … TO repeats the last bins after a row whose index is null: with end=, the
    // values left unbinned take the index just past end's bin, beyond every number kept (chart discards
    // those past end=), where the fill stops.
    const sorted = endBin === undefined ? index : call('coalesce', [index, lit(endBin + 1)], 'number');
    // Through `if`, a plain nullable number: an index read from a LowCardinality column (`host`) would
    // be LowCardinality too, which ClickHouse's WITH FILL refuses.
    const plain = call('if', [lit(true), sorted, lit(null)], 'number');
    rel = { kind: 'compute', input: rel, name: args.axis.index, expr: plain };
    extra.push({ name: args.axis.index, type: 'number' });
    if (width !== undefined) {
      rel = { kind: 'compute', input: rel, name: args.axis.width, expr: col(width, 'number') };
      extra.push({ name: args.axis.width, type: 'number' });
    }
    axis = {
      kind: 'index',
      index: args.axis.index,
      ...(width === undefined ? {} : { width: args.axis.width }),
      label,
      ...(first === undefined ? {} : { first }),
      ...(last === undefined ? {} : { last }),
    };
  };
  /** Linear bins of `width`: the index of a value's bin, and the label of an index, as `num_bucket` writes it. */
  const linear = (width: Expr): { index: Expr; label: (k: Expr, w?: Expr) => Expr } => ({
    index: call('floor', [call('div', [value, width], 'number')], 'number'),
    // The middle of the bin, so its start comes out of num_bucket's floor exactly as for the values in it.
    label: (k, w = width) =>
      call('num_bucket', [call('mul', [call('add', [k, lit(0.5)], 'number'), w], 'number'), w], 'string'),
  });
  // On a time, start=/end= are times: epoch seconds (Splunk's `<num>`) or a time modifier (`-7d@d`).
  const timeBounds: { start?: number; end?: number } = {};
  for (const o of [opts.start, opts.end]) {
    if (!o) continue;
    if (time) {
      const t = resolveTime(o.value.text, args.options.nowMs, timeZone);
      if (!t.ok) {
        errors.push(
          diagnostic(
            'semantic',
            `\`${o.key.name}\` on a time must be epoch seconds or a time modifier such as \`-7d@d\`: ${t.message}`,
            o.value.span,
          ),
        );
        return undefined;
      }
      timeBounds[o === opts.start ? 'start' : 'end'] = t.epochMs;
      continue;
    }
    if (!Number.isFinite(Number(o.value.text)) || o.value.text === '') {
      errors.push(
        diagnostic('semantic', `\`${o.key.name}\` must be a number, found \`${o.value.text}\``, o.value.span),
      );
      return undefined;
    }
  }
  let bins = rules.defaultBins;
  if (opts.bins) {
    bins = Number(opts.bins.value.text);
    if (!Number.isInteger(bins) || bins < 1) {
      errors.push(
        diagnostic(
          'semantic',
          `\`bins\` must be a whole number of at least 1, found \`${opts.bins.value.text}\``,
          opts.bins.value.span,
        ),
      );
      return undefined;
    }
  }
  let minspan: { count: number; unit: TimeUnit } | undefined;
  if (opts.minspan) {
    if (!time) return unsupported(opts.minspan, `on \`${field.name}\`, which is not a time`);
    minspan = parseSpan(opts.minspan.value.text);
    if (!minspan) {
      errors.push(
        diagnostic(
          'semantic',
          `\`minspan\` must be a time span such as \`1h\`, found \`${opts.minspan.value.text}\``,
          opts.minspan.value.span,
        ),
      );
      return undefined;
    }
  }
  // The bounds as `value` reads them: a time's in epoch seconds.
  const lowBound = time ? (timeBounds.start === undefined ? undefined : timeBounds.start / 1000) : startAt;
  const highBound = time ? (timeBounds.end === undefined ? undefined : timeBounds.end / 1000) : endAt;
  if (rules.startEnd !== 'widen' && (lowBound !== undefined || highBound !== undefined)) {
    // chart: "Data outside of the [start, end] range is discarded"; events without a number are not outside.
    const inside = [
      ...(lowBound === undefined ? [] : [call('ge', [value, lit(lowBound)], 'bool')]),
      ...(highBound === undefined ? [] : [call('le', [value, lit(highBound)], 'bool')]),
    ].reduce((a, b) => call('and', [a, b], 'bool'));
    rel = {
      kind: 'filter',
      input: rel,
      predicate: call('or', [call('isnull', [value], 'bool'), inside], 'bool'),
    };
  }
  let expr: Expr | undefined;
  let helpers = false;
  const span = opts.span;
  if (span) {
    const text = span.value.text;
    const numeric = Number(text);
    const log = parseLogSpan(text);
    if (text !== '' && Number.isFinite(numeric)) {
      if (numeric <= 0) {
        errors.push(diagnostic('semantic', '`span` must be greater than 0', span.value.span));
        return undefined;
      }
      if (time) expr = timeBuckets({ count: numeric, unit: 's' });
      else {
        expr = call('num_bucket', [value, lit(numeric)], 'string', field.span);
        const bins = linear(lit(numeric));
        indexed(bins.index, bins.label, undefined, linearKnown(numeric));
      }
    } else if (log !== undefined) {
      if (typeof log === 'string') {
        errors.push(diagnostic('semantic', `\`span\`: ${log}`, span.value.span));
        return undefined;
      }
      if (time) return unsupported(span, `with a logarithmic span on \`${field.name}\`, a time`);
      // A value ≤ 0 has no logarithmic bin: it stays as it is, as values that are not numbers do.
      const bins = logBins(value, log.coefficient, log.base);
      const label = bins.label(bins.index);
      expr = call(
        'if',
        [call('isnull', [label], 'bool'), call('tostring', [target], 'string'), label],
        'string',
        field.span,
      );
      indexed(bins.index, (k) => bins.label(k), undefined, bins.known);
    } else {
      const parsed = parseSpan(text);
      if (!parsed) {
        errors.push(
          diagnostic(
            'semantic',
            `\`span\` must be a number or a time span such as \`1h\`, found \`${text}\``,
            span.value.span,
          ),
        );
        return undefined;
      }
      if (!time) return unsupported(span, `with a time span on \`${field.name}\`, which is not a time`);
      expr = timeBuckets(parsed);
    }
  } else if (time && allTime(args.range) && timeBounds.start === undefined) {
    if (opts.aligntime)
      return unsupported(opts.aligntime, 'over all time with an automatic span: give a `span=`');
    // All time: the shortest of Splunk's spans giving at most `bins` buckets over the data's range.
    const data = dataSpanBucket(rel, target, bins, minspan ? spanSeconds(minspan) : 0, timeZone, field.span);
    rel = data.rel;
    expr = data.bucket;
    helpers = true;
    if (args.axis) {
      // chart's cont=true: the step is known only when the search runs, so the buckets go by index.
      const indexed = indexedTimeBuckets(rel, data.bucket, data.first, data.needed, timeZone, name);
      rel = indexed.rel;
      extra.push(...indexed.hidden.map((h) => ({ name: h.name, type: 'number' as const })));
      axis = { kind: 'data-time', hidden: indexed.hidden, fill: indexed.fill, finish: indexed.finish };
    }
  } else if (time) {
    // Automatic time bins: the shortest of Splunk's spans giving at most `bins` buckets over the search range,
    // or over [start, end] (chart; bin widens the range to them).
    const { start, end } = timeBounds;
    const widen = rules.startEnd === 'widen';
    const from = start === undefined ? earliest : widen ? Math.min(start, earliest) : start;
    const to = end === undefined ? latest : widen ? Math.max(end, latest) : end;
    expr = timeBuckets(autoSpan(Math.max(1, to - from), bins, minspan ? spanSeconds(minspan) : 0));
  } else if (rules.startEnd === 'extents' && startAt !== undefined && endAt !== undefined) {
    // chart with start= and end=: the values kept lie between them, and the bins cover [start, end] (the
    // "extents"): the span is known now, the smallest power of 10 giving at most `bins` bins over it.
    const step = endAt > startAt ? 10 ** Math.ceil(Math.log10((endAt - startAt) / bins)) : 1;
    expr = call('num_bucket', [value, lit(step)], 'string', field.span);
    const fixed = linear(lit(step));
    indexed(fixed.index, fixed.label, undefined, linearKnown(step));
  } else {
    // Automatic numeric bins: the smallest power of 10 that cuts the values' range into at most `bins`
    // bins (one value, no range: bins of 1). The range is the data's, over the events kept.
    rel = withMinMax(rel, value, lowColumn, highColumn);
    helpers = true;
    // start=/end=: the range covers them too ("the minimum/maximum extents for numerical bins").
    let low: Expr = col(lowColumn, 'number');
    let high: Expr = col(highColumn, 'number');
    const widen = rules.startEnd !== 'discard';
    if (widen && opts.start) {
      const start = lit(Number(opts.start.value.text));
      low = call('if', [call('lt', [low, start], 'bool'), low, start], 'number');
    }
    if (widen && opts.end) {
      const end = lit(Number(opts.end.value.text));
      high = call('if', [call('gt', [high, end], 'bool'), high, end], 'number');
    }
    const width = call('sub', [high, low], 'number');
    rel = { kind: 'compute', input: rel, name: widthColumn, expr: powerOfTenSpan(width, bins) };
    expr = call('num_bucket', [value, col(widthColumn, 'number')], 'string', field.span);
    const binsOf = linear(col(widthColumn, 'number'));
    indexed(binsOf.index, binsOf.label, widthColumn);
  }
  if (!expr) return undefined;
  // Only numbers are discretized: other values of a text field stay as they are.
  if (!time && target.type !== 'number')
    expr = call('if', [call('isnull', [value], 'bool'), target, expr], 'string', field.span);
  rel = { kind: 'compute', input: rel, name, expr };
  const scope = extra.reduce((sc, x) => sc.with(x.name, x.type), s.scope.with(name, expr.type));
  const out = axis && args.axis ? { axis } : {};
  if (!helpers) return { rel, scope, ...out };
  const columns = scope.columns.map((x) => ({ name: x.name, expr: scope.resolve(x.name) }));
  return { rel: { kind: 'project', input: rel, columns, keepRaw: scope.raw }, scope, ...out };
}

/**
 * The span of automatic numeric bins over values `width` apart (bin, makecontinuous): the smallest power of 10
 * that cuts the range into at most `bins` bins; 1 when the values are all one (no range).
 *
 * @example width 730, bins 10 → 100
 */
export function powerOfTenSpan(width: Expr, bins: number): Expr {
  const power = call(
    'pow',
    [
      lit(10),
      call('ceil', [call('log', [call('div', [width, lit(bins)], 'number'), lit(10)], 'number')], 'number'),
    ],
    'number',
  );
  return call('if', [call('gt', [width, lit(0)], 'bool'), power, lit(1)], 'number');
}

/**
 * `bin _time span=1h` → `_time` is the start of its hour; `bin bytes span=100` → `bytes` is `100-200`;
 * `bin bytes bins=10` → bins of a power of 10 over the values' range.
 */
export function bin(
  c: BinCommand,
  s: State,
  range: TimeRange,
  options: PlanOptions,
  errors: Diagnostic[],
): State {
  const opts: BinOptions = {};
  for (const o of c.options) {
    const k = binKey(o);
    if (k) opts[k] = o;
    else
      errors.push(
        diagnostic('unsupported', `\`${c.name.name} ${o.key.name}=\` is not supported yet`, o.span),
      );
  }
  // Without `span=` or `bins=`: automatic bins, at most 100 (Search Reference, bin: `bins` "Default: 100").
  // A wildcard bins each known field it matches, in place.
  if (c.field.pattern.includes('*') && c.alias) {
    errors.push(
      diagnostic('unsupported', '`bin` of a wildcard `AS` another name is not supported yet', c.alias.span),
    );
    return s;
  }
  const names = c.field.pattern.includes('*')
    ? wildcardFields(c.name, c.field, s, errors)
    : [c.field.pattern];
  if (!names) return s;
  let state = s;
  for (const name of names) {
    const next = discretize({
      s: state,
      field: { name, span: c.field.span },
      ...(c.alias ? { as: c.alias.name } : {}),
      opts,
      rules: { command: c.name, defaultBins: 100, startEnd: 'widen' },
      range,
      options,
      errors,
    });
    if (!next) return s;
    state = next;
  }
  return state;
}
