// Prints an IR relation as ONE ClickHouse SELECT: one printer per relation kind, on the layers `anchor.ts` decides.
//
// The scan layer takes the tenant and time-range filters first (primary key and partition pruning),
// then search filters (text index), then — where possible — the head/sort limit, so ClickHouse can
// read in `_time` order and stop early. Row order is tracked and re-emitted where it matters, because
// ClickHouse may drop an ORDER BY inside a subquery.

import type {
  Aggregate,
  FieldsStatsFn,
  Column,
  Dedup,
  Expr,
  FilledFields,
  Fill,
  Pivot,
  Rel,
  ScalarType,
  Scan,
  SortKey,
  Unpivot,
  Window,
} from '../../ir/types.ts';
import { call, fieldsStatValue, seriesColumn, sparklineMarker, sparklineMaxBuckets } from '../../ir/types.ts';
import { assertNever } from '../../ast.ts';
import type { Span } from '../../diagnostics.ts';
import { SplError, diagnostic } from '../../diagnostics.ts';
import type { ExprContext } from './expr.ts';
import { printExpr, printFieldOutput } from './expr.ts';
import { listOutputs } from './lists.ts';
import { seriesValue } from './series.ts';
import { bucketIndex, bucketSeconds, intervalUnits, timeBucketStart } from './functions.ts';
import {
  cellSql,
  currentRowsWhere,
  keyProbes,
  lookupMatchesSql,
  matchedValuesSql,
  matchesAtSql,
} from './lookup.ts';
import { Params, quoteIdent } from './quote.ts';
import { filledJson } from './filled.ts';
import { printTransaction, transactionsNeedingFields } from './transaction.ts';
import { printPaste } from './paste.ts';
import { printSeriesModel } from './series-model.ts';
import { nearestRank, printMetricStats } from './metrics.ts';
import { metricColumns } from '../../ir/metrics.ts';
import type { Unary } from './anchor.ts';
import { Anchors } from './anchor.ts';
import type { Need } from './demand.ts';
import { demands, projected, unioned } from './demand.ts';

export interface SelectItem {
  readonly sql: string;
  readonly alias: string;
}

export interface OrderItem {
  /** An output alias of the layer (visible or hidden). */
  readonly alias: string;
  readonly descending: boolean;
}

/** One SELECT under construction. */
export interface Layer {
  from: string;
  /** JSON column of structured fields in `from`. */
  json: string;
  select: SelectItem[];
  where: string[];
  groupBy: string[];
  limit: number | null;
  /** `LIMIT n BY keys`: the first rows per key in this layer's order (dedup). */
  limitBy: { readonly count: number; readonly keys: readonly string[] } | null;
  /** The row order of this layer's output. */
  order: OrderItem[];
  /** `WITH FILL …` for the first ORDER BY key (timechart's empty buckets). */
  fill: string | null;
  /** Visible output columns, in order (the rest of `select` is hidden: order keys, `_fields`). */
  visible: Column[];
  /** `_fields` is carried (rows are still raw events). */
  raw: boolean;
  /** Only pass-through items so far: filters may still go into `where`, computed items into `select`. */
  fresh: boolean;
}

export interface PrintOptions {
  /** False when the result is not raw events: the scan then reads only the columns the plan uses. */
  readonly events?: boolean;
  /** Cap on returned rows: the statement asks for one more, so the caller can tell it was truncated. */
  readonly maxRows?: number;
  /**
   * Query-level ClickHouse settings (guardrails such as `max_execution_time`), printed in the statement's
   * SETTINGS clause: numbers only, names from a fixed list.
   */
  readonly settings?: Readonly<Partial<Record<QuerySetting, number>>>;
  /**
   * Printed as `log_comment = {pN:String}`: how `KILL QUERY` finds the statement when its client goes
   * away (chDB assigns its own query ids and ignores the client's).
   */
  readonly queryTag?: string;
  /** Raw events: structured fields to leave out of the shown `_fields` (removed by the search). */
  readonly removedFields?: readonly string[];
  /** Raw events: the structured fields one command (`fillnull`, `filldown`, `join`, `replace`) fills in the `_fields` shown. */
  readonly filledFields?: FilledFields;
  /**
   * The name a scanned table is read under, when not its own: a cluster's materialized view reads the
   * shard's local table (`logs_local`), the table its inserts land in, not the Distributed `logs`.
   */
  readonly tables?: ScanTables;
}

/** Per table a scan reads, the name it is read under (absent: its own). */
export type ScanTables = Readonly<Partial<Record<Scan['table'], string>>>;

/** The settings a compiled statement may carry. */
export type QuerySetting =
  'max_execution_time' | 'max_memory_usage' | 'max_rows_to_read' | 'max_bytes_to_read' | 'max_threads';

export interface CompiledSql {
  readonly sql: string;
  readonly params: Record<string, unknown>;
  /** Output columns, in order; raw-event results end with `_fields`. */
  readonly columns: readonly Column[];
}

const tableColumns = ['_time', 'index', 'host', 'source', 'sourcetype', '_raw'] as const;

/** Names of the table that an alias must not shadow inside the scan layer (ClickHouse substitutes aliases). */
const tableNames = new Set<string>([...tableColumns, 'fields', 'org_id', '_indextime']);

/**
 * Whether the name, used as an alias, reads as something of the table instead: a column, or a subcolumn of
 * one (`fields.org_id` is the JSON path `org_id` of `fields`, a Dynamic, which ClickHouse refuses in GROUP BY).
 */
function readsAsTable(name: string, names: ReadonlySet<string>): boolean {
  const dot = name.indexOf('.');
  return names.has(name) || (dot > 0 && tableNames.has(name.slice(0, dot)));
}

/** Each relation kind's IR node. */
type RelByKind = { [R in Rel as R['kind']]: R };

/** A printer for every relation kind. */
type RelPrinters = { readonly [K in keyof RelByKind]: (p: Printer, r: RelByKind[K]) => Layer };

/**
 * Subqueries nested in one another at most. ClickHouse's parser spends about ten of its
 * `max_parser_depth` (1000) levels on each, and refused the statement of 97 `eval`s that each read the one
 * before; past this the search gets a positioned `limit` diagnostic instead.
 */
/** The largest offset of a ClickHouse RANGE frame (a 32-bit integer). */
const MAX_RANGE_OFFSET = 2_147_483_647;

export const MAX_LAYERS = 80;

/** The first span found in `r`'s own expressions (not its inputs'), else in its input's. */
function spanIn(r: Rel): Span | undefined {
  const seen = new Set<unknown>();
  const find = (v: unknown, depth: number): Span | undefined => {
    if (typeof v !== 'object' || v === null || seen.has(v) || depth > 6) return undefined;
    seen.add(v);
    const o = v as Record<string, unknown>;
    const s = o['span'] as Span | undefined;
    if (s && typeof s.start === 'number' && typeof s.end === 'number') return s;
    for (const [k, child] of Object.entries(o)) {
      if (k === 'input' || k === 'inputs' || k === 'rel') continue;
      const found = find(child, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return find(r, 0) ?? ('input' in r ? spanIn(r.input) : undefined);
}

function tooDeep(r: Unary): SplError {
  return new SplError([
    diagnostic(
      'limit',
      `the search nests more than ${MAX_LAYERS} steps that each read the one before: too deep to run`,
      spanIn(r) ?? { start: 0, end: 0 },
      [
        'fields an `eval` computes from fields computed before it each need a step of their own; compute the ones that do not depend on each other in one step, or fold a long chain into one expression',
      ],
    ),
  ]);
}

/** The printer of the relation kind `kind`. */
function printerOf<K extends keyof RelByKind>(kind: K): (p: Printer, r: RelByKind[K]) => Layer {
  return printers[kind];
}

class Printer {
  readonly params = new Params();
  /** Where a new SELECT layer starts (the layering pass). */
  readonly anchors = new Anchors();
  private hiddenCount = 0;

  /**
   * The table columns the statement reads, when it does not return raw events: the scan selects only
   * these (and `fields` only when a structured field is read), so later layers never carry `_raw`.
   */
  constructor(
    readonly reads?: Reads,
    /** Transactions whose merged structured fields are used (returned as events or read later). */
    readonly withFields: ReadonlySet<Rel> = new Set(),
    /** Per project/compute: the structured fields it copies that reach the result unread (see `listOutputs`). */
    readonly lists: ReadonlyMap<Rel, ReadonlySet<string>> = new Map(),
    /** The names scanned tables are read under (`PrintOptions.tables`). */
    readonly tables: ScanTables = {},
  ) {
    this.fieldColumns = reads && !reads.json ? [...reads.paths].map((p) => `_fields.${p}`) : ['_fields'];
  }

  /** Per relation, the names of its output that the statement uses above it (see `demand.ts`). */
  private demand: ReadonlyMap<Rel, Need> = new Map();

  /** Traces what each relation of `top` must give the ones over it, before printing it. */
  plan(top: Rel): void {
    this.demand = demands(top, this.fieldColumns);
  }

  /** The names of `r`'s output used above it (all, for a relation not traced). */
  need(r: Rel): Need {
    return this.demand.get(r) ?? 'all';
  }

  /**
   * Drops from `layer` (about to be read by a new layer) the columns nothing above uses: its visible
   * columns and carried structured fields not in `need`. Its row order, the hidden columns a printer
   * keeps for itself, rows made by `arrayJoin`, and a grouped layer (its GROUP BY names its aliases) stay.
   */
  prune(layer: Layer, need: Need): void {
    if (need === 'all' || layer.groupBy.length > 0) return;
    const names = new Set([...layer.visible.map((c) => c.name), ...this.fieldColumns, '_fields']);
    const ordered = new Set(layer.order.map((o) => o.alias));
    const dead = (s: SelectItem): boolean =>
      names.has(s.alias) && !need.has(s.alias) && !ordered.has(s.alias) && !s.sql.includes('arrayJoin(');
    const select = layer.select.filter((s) => !dead(s));
    if (select.length === 0) return;
    const gone = new Set(layer.select.filter(dead).map((s) => s.alias));
    layer.select = select;
    layer.visible = layer.visible.filter((c) => !gone.has(c.name));
  }

  /**
   * The columns that carry the structured fields above the scan: the whole JSON column (`_fields`), or,
   * when the statement reads only some paths, one column per path named `_fields.<path>` (ClickHouse
   * resolves `_fields`.`<path>` to it), so the scan reads those subcolumns and not every field.
   */
  readonly fieldColumns: readonly string[];

  /** Select items that carry the structured fields of a layer through `of` (a quoting function). */
  carryFields(of: (name: string) => string = quoteIdent): SelectItem[] {
    return this.fieldColumns.map((c) => ({ sql: of(c), alias: c }));
  }

  hidden(): string {
    return `__h${this.hiddenCount++}`;
  }

  /** How many subqueries each layer made by `wrap` is nested in (others count as 0). */
  private readonly depths = new WeakMap<Layer, number>();

  ctx(layer: Layer): ExprContext {
    return { params: this.params, json: layer.json, relSql: (rel) => this.subquery(rel) };
  }

  /** A relation as a complete SELECT of its visible columns, for use inside an expression. */
  subquery(rel: Rel): string {
    const layer = this.rel(rel);
    const outer = this.wrap(layer);
    outer.select = layer.visible.map((c) => ({ sql: quoteIdent(c.name), alias: c.name }));
    return indent(render(outer, false));
  }

  expr(e: Expr, layer: Layer): string {
    return printExpr(e, this.ctx(layer));
  }

  /** A column `name` that `rel` makes from `e`: a structured field reaching the result keeps its list. */
  output(rel: Rel, name: string, e: Expr, layer: Layer): string {
    return e.kind === 'field' && this.lists.get(rel)?.has(name)
      ? printFieldOutput(e.path, this.ctx(layer).json)
      : this.expr(e, layer);
  }

  /**
   * Keeps `layer`'s row order when it is about to replace the columns `names`: an order key among them
   * (`_time` of events, before `bin _time` or `eval _time=…`) is copied first under a hidden name, which
   * the order then uses, so the rows keep the order they had (Splunk never reorders events when their
   * `_time` changes: dedup, head, tail and streamstats still see them newest first by their original time).
   * `layer`'s items read the columns of its FROM (pass-through or over the table), and a column wins over
   * an alias of the same name (`prefer_column_name_to_alias`), so the copy is the value before the change.
   */
  keepOrder(layer: Layer, names: readonly string[]): void {
    layer.order = layer.order.map((o) => {
      if (!names.includes(o.alias)) return o;
      const current = layer.select.find((s) => s.alias === o.alias);
      const alias = this.hidden();
      layer.select.push({ sql: current ? current.sql : quoteIdent(o.alias), alias });
      return { alias, descending: o.descending };
    });
  }

  /** Wraps `inner` as the FROM of a new pass-through layer. */
  wrap(inner: Layer): Layer {
    const layer: Layer = {
      from: `(\n${indent(render(inner, false))}\n)`,
      json: '_fields',
      select: inner.select.map((s) => ({ sql: quoteIdent(s.alias), alias: s.alias })),
      where: [],
      groupBy: [],
      limit: null,
      limitBy: null,
      fill: null,
      order: inner.order,
      visible: inner.visible,
      raw: inner.raw,
      fresh: true,
    };
    this.depths.set(layer, (this.depths.get(inner) ?? 0) + 1);
    return layer;
  }

  /** Prints `r` as a layer (its kind's printer). */
  rel(r: Rel): Layer {
    return printerOf(r.kind)(this, r);
  }

  /**
   * The layer a relation is printed on: its input's layer, or a new layer over it where the layering pass
   * decides that the relation needs its own SELECT. `inner` is the input's layer when already printed.
   */
  over(r: Unary, inner: Layer = this.rel(r.input)): Layer {
    if (!this.anchors.newLayer(r)) return inner;
    this.prune(inner, this.need(r.input));
    const layer = this.wrap(inner);
    if ((this.depths.get(layer) ?? 0) > MAX_LAYERS) throw tooDeep(r);
    return layer;
  }

  /**
   * A running window limited in time (`running.time`): the rows at earlier times within `ms` (a RANGE
   * frame over the key), merged with the rows at the same time up to this one (in their order), so rows at
   * one time count in their order. With a row count too, the smaller of the two frames (both end at the
   * row, so one holds the other) is their intersection.
   */
  timeWindow(
    r: Window,
    ctx: ExprContext,
    keys: readonly string[],
    over: string,
  ): ((a: Aggregate) => string) | undefined {
    const running = r.running;
    const time = running?.time;
    if (!running || !time || !running.positions) return undefined;
    const key = `toInt64(${printExpr(time.key, ctx)})`;
    const partition = keys.length > 0 ? `PARTITION BY ${keys.join(', ')} ` : '';
    const range = (k: string, from: number, to: number): string =>
      `OVER (${partition}ORDER BY ${k} RANGE BETWEEN ${from} PRECEDING AND ${to} PRECEDING)`;
    // A frame's offset is below 2^31, 24 days in milliseconds. Longer windows (whole seconds) take the rows
    // at least a second earlier on a key in seconds whose fraction keeps the milliseconds' order exactly
    // (ms / 1024 < 1, every value exact in a Float64), and the rows less than a second earlier on the key.
    const earlier =
      time.ms <= MAX_RANGE_OFFSET
        ? [range(key, time.ms, 1)]
        : [
            range(`toFloat64(intDiv(${key}, 1000)) + (${key} % 1000) / 1024`, time.ms / 1000, 1),
            range(key, 999, 1),
          ];
    const to = running.current ? 'CURRENT ROW' : '1 PRECEDING';
    const same = `OVER (PARTITION BY ${[...keys, key].join(', ')} ORDER BY ${printExpr(running.positions, ctx)} ROWS BETWEEN UNBOUNDED PRECEDING AND ${to})`;
    const merge = { merge: [...earlier, same] };
    if (running.size === 0) return (a) => printAggregate(a, ctx, merge);
    const count: Aggregate = { name: 'count', fn: 'count', type: 'number' };
    return (a) =>
      `if(${printAggregate(count, ctx, merge)} <= ${printAggregate(count, ctx, over)}, ${printAggregate(a, ctx, merge)}, ${printAggregate(a, ctx, over)})`;
  }

  /**
   * dedup consecutive=true: a row is dropped when its keys equal those of the row just before it; with a
   * count N, when N rows before it in a row have its keys (the rows of a run after its first N).
   */
  dedupConsecutive(r: Dedup): Layer {
    const layer = this.over(r);
    const keys = r.keys.map((k) => this.expr(k, layer));
    const anyNull = keys.map((k) => `isNull(${k})`).join(' OR ');
    if (!r.keepEmpty) keys.forEach((k) => layer.where.push(`isNotNull(${k})`));
    const order = layer.order.length > 0 ? `ORDER BY ${orderSql(layer.order)} ` : '';
    const frame = `OVER (${order}ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)`;
    const tuple = `tuple(${keys.join(', ')})`;
    const previous = this.hidden();
    const position = this.hidden();
    layer.select.push(
      { sql: `lagInFrame(${tuple}, 1) ${frame}`, alias: previous },
      { sql: `row_number() ${frame}`, alias: position },
    );
    layer.fresh = false;
    const out = this.wrap(layer);
    // Rows missing a key (kept with keepempty=true) never count as repeats.
    const repeat = `${quoteIdent(position)} > 1 AND ${quoteIdent(previous)} = ${tuple}`;
    const distinct = r.keepEmpty && anyNull !== '' ? `(${anyNull}) OR NOT (${repeat})` : `NOT (${repeat})`;
    if (r.count === 1) {
      out.where.push(`ifNull(${distinct}, true)`);
      return out;
    }
    // A run starts at each row that is no repeat; a row's place in its run is its position less the
    // position of the run's start (the latest start so far).
    const start = this.hidden();
    out.select.push({ sql: `ifNull(${distinct}, true)`, alias: start });
    out.fresh = false;
    const runs = this.wrap(out);
    const first = this.hidden();
    // Over the positions (unique), not the order again: rows that tie in it keep the places they had.
    runs.select.push({
      sql: `maxIf(${quoteIdent(position)}, ${quoteIdent(start)}) OVER (ORDER BY ${quoteIdent(position)} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`,
      alias: first,
    });
    runs.fresh = false;
    const kept = this.wrap(runs);
    kept.where.push(`${quoteIdent(position)} - ${quoteIdent(first)} < ${r.count}`);
    return kept;
  }

  /** Orders `layer` by the time column with a row for every empty bucket of the range (`WITH FILL`). */
  fillTime(layer: Layer, r: Omit<Fill, 'kind' | 'input'>): void {
    // A layer already ordered by the column first keeps its further keys (chart's bin index, then its label).
    const then = layer.order[0]?.alias === r.column ? layer.order.slice(1) : [];
    layer.order = [{ alias: r.column, descending: false }, ...then];
    layer.fresh = false;
    if (r.unit === 'number') {
      const bound = (word: string, v: number | null): string =>
        v === null ? '' : `${word} ${this.params.float(v)} `;
      layer.fill = `WITH FILL ${bound('FROM', r.fromMs)}${bound('TO', r.toMs)}STEP ${this.params.float(r.count)}`;
      return;
    }
    const unit = intervalUnits[r.unit];
    const tz = this.params.string(r.timeZone);
    // Without FROM, ClickHouse fills from the first row's bucket.
    const offset = r.offsetMs ?? 0;
    const stepMs = r.count * (r.unit === 'h' ? 3_600_000 : r.unit === 'm' ? 60_000 : 1000);
    const from =
      r.fromMs === null
        ? ''
        : offset > 0
          ? // aligntime: the bucket holding fromMs, offset + k × span (time_bucket's with an offset).
            `FROM fromUnixTimestamp64Milli(${this.params.int(Math.floor((r.fromMs - offset) / stepMs) * stepMs + offset)}, 'UTC') `
          : `FROM toDateTime64(toStartOfInterval(fromUnixTimestamp64Milli(${this.params.int(r.fromMs)}, ${tz}), INTERVAL ${r.count} ${unit}, ${tz}), 3, 'UTC') `;
    const to = r.toMs === null ? '' : `TO fromUnixTimestamp64Milli(${this.params.int(r.toMs)}, 'UTC') `;
    layer.fill = `WITH FILL ${from}${to}STEP INTERVAL ${r.count} ${unit}`;
  }

  /**
   * Three layers: the cells of each row collected as tuples (with the time fill), every series name of
   * the result (a window over all rows) in Splunk's order, then the map with a value for every name.
   */
  pivot(r: Pivot): Layer {
    const cells = this.hidden();
    const names = this.hidden();
    const keys = r.keys.map((k) => ({ sql: quoteIdent(k.name), alias: k.name }));
    const grouped = this.over(r);
    const tuple = [r.label, ...r.values.map((v) => v.name)].map(quoteIdent).join(', ');
    grouped.select = [...keys, { sql: `groupArray(tuple(${tuple}))`, alias: cells }];
    grouped.groupBy = keys.map((k) => k.sql);
    grouped.order = keys.map((k) => ({ alias: k.alias, descending: false }));
    grouped.visible = [...r.keys];
    grouped.raw = false;
    grouped.fresh = false;
    if (r.fill) this.fillTime(grouped, r.fill);

    const named = this.wrap(grouped);
    const last =
      r.last.length > 0 ? `indexOf([${r.last.map((l) => this.params.string(l)).join(', ')}], l)` : '0';
    const number = 'toFloat64OrNull(l)';
    const all = `groupUniqArrayArray(arrayMap(c -> tupleElement(c, 1), ${quoteIdent(cells)})) OVER ()`;
    const maps = r.values.map((v, i) => {
      const alias = this.hidden();
      const c = quoteIdent(cells);
      return {
        alias,
        zero: v.zero,
        sql: `mapFromArrays(arrayMap(c -> toString(tupleElement(c, 1)), ${c}), arrayMap(c -> ${seriesValue(r.valueType, `tupleElement(c, ${i + 2})`)}, ${c}))`,
      };
    });
    named.select = [
      ...keys,
      ...maps.map((m) => ({ sql: m.sql, alias: m.alias })),
      {
        // Splunk's column order: numbers (numerically), then text, then NULL and OTHER.
        sql: `arraySort(l -> (${last}, isNull(${number}), ifNull(${number}, 0), l), ${all})`,
        alias: names,
      },
    ];

    const out = this.wrap(named);
    const labels = quoteIdent(names);
    const keysSql = r.values.map((v) =>
      !(r.prefix || r.values.length > 1)
        ? labels
        : r.format === undefined
          ? `arrayMap(l -> concat(${this.params.string(v.name)}, ${this.params.string(r.sep)}, l), ${labels})`
          : // Splunk's format="$VAL$-$AGG$": the statistic's name is known here, the series' in each row.
            `arrayMap(l -> replaceAll(${this.params.string(r.format.replaceAll('$AGG$', v.name))}, ${this.params.string('$VAL$')}, l), ${labels})`,
    );
    const valuesSql = maps.map((m) => {
      const cell = `${quoteIdent(m.alias)}[l]`;
      return `arrayMap(l -> ${m.zero ? `ifNull(${cell}, 0)` : cell}, ${labels})`;
    });
    const join = (xs: string[]): string =>
      xs.length === 1 ? (xs[0] ?? '') : `arrayConcat(${xs.join(', ')})`;
    out.select = [...keys, { sql: `mapFromArrays(${join(keysSql)}, ${join(valuesSql)})`, alias: r.column }];
    out.visible = [...r.keys, { name: r.column, type: r.valueType }];
    out.fresh = false;
    return out;
  }

  /** One row per named value of each input row (untable): the listed columns, then the series map. */
  unpivot(r: Unpivot): Layer {
    const layer = this.over(r);
    const value = (x: string): string => seriesValue(r.valueType, x);
    const parts = r.columns.map((c) => `[(${this.params.string(c)}, ${value(quoteIdent(c))})]`);
    if (r.series) {
      const m = quoteIdent(r.series);
      parts.push(`arrayMap(k -> (k, ${value(`${m}[k]`)}), mapKeys(${m}))`);
    }
    const entries = parts.length === 1 ? (parts[0] ?? '') : `arrayConcat(${parts.join(', ')})`;
    const pair = this.hidden();
    const position = this.hidden();
    layer.select = [
      { sql: quoteIdent(r.key), alias: r.key },
      ...layer.order.map((o) => ({ sql: quoteIdent(o.alias), alias: o.alias })),
      {
        // The listed columns come first: with `keepEmpty`, positions up to their count stay even when null.
        sql: `arrayJoin(arrayFilter(e -> ${r.keepEmpty === true ? `e.1 <= ${r.columns.length} OR ` : ''}isNotNull(e.2.2), arrayMap((e, i) -> (i, e), ${entries}, arrayEnumerate(${entries}))))`,
        alias: pair,
      },
      { sql: `tupleElement(tupleElement(${quoteIdent(pair)}, 2), 1)`, alias: r.nameColumn },
      { sql: `tupleElement(tupleElement(${quoteIdent(pair)}, 2), 2)`, alias: r.valueColumn },
      { sql: `tupleElement(${quoteIdent(pair)}, 1)`, alias: position },
    ].filter((x, i, all) => all.findIndex((y) => y.alias === x.alias) === i);
    layer.order = [...layer.order, { alias: position, descending: false }];
    layer.visible = [
      ...layer.visible.filter((c) => c.name === r.key),
      { name: r.nameColumn, type: 'string' },
      { name: r.valueColumn, type: r.valueType },
    ];
    layer.raw = false;
    layer.fresh = false;
    return layer;
  }

  /**
   * GROUP BY `groups` with `aggregates`; events missing a group value are dropped (Splunk's `by`). An
   * output name that is also an input column (`_time` for a time bucket) would make ClickHouse group by
   * the column instead of the expression: such layers group under hidden names, renamed one level up.
   */
  aggregate(
    layer: Layer,
    groups: readonly { name: string; expr: Expr; keepNull?: boolean }[],
    aggregates: readonly Aggregate[],
  ): Layer {
    const ctx = this.ctx(layer);
    const inputNames = new Set([...tableNames, ...layer.select.map((x) => x.alias)]);
    const groupItems = groups.map((g) => ({ name: g.name, sql: printExpr(g.expr, ctx) }));
    // A time bucket groups by its start as ClickHouse computes it; the DateTime64 comes one level up.
    const bucketStart = groups.map((g) =>
      g.expr.kind === 'call' && g.expr.fn === 'time_bucket' && g.expr.args[0]
        ? timeBucketStart(g.expr, printExpr(g.expr.args[0], ctx), this.params)
        : undefined,
    );
    const aggItems = aggregates.map((a) => ({ name: a.name, sql: printAggregate(a, ctx) }));
    // Aggregates may share a name with what they read (`sum(count) AS count`: columns win, by the
    // statement's settings); only in the table's own layer would the alias leak into WHERE.
    const shadows =
      groupItems.some((x) => readsAsTable(x.name, inputNames) && x.sql !== quoteIdent(x.name)) ||
      (layer.json === 'fields' &&
        aggItems.some((x) => tableNames.has(x.name) && x.sql !== quoteIdent(x.name)));
    const alias = (name: string): string => (shadows ? this.hidden() : name);
    const groupAliases = groupItems.map((g) => ({ ...g, alias: alias(g.name) }));
    const aggAliases = aggItems.map((a) => ({ ...a, alias: alias(a.name) }));
    // Splunk drops events that lack any BY field.
    groupItems.forEach((g, i) => {
      const e = groups[i]?.expr;
      if (groups[i]?.keepNull === true) return;
      if (!e || !neverNull(e, layer.json === 'fields')) layer.where.push(`isNotNull(${g.sql})`);
    });
    const visible = [
      ...groups.map((g) => ({ name: g.name, type: typeOf(g.expr) })),
      ...aggregates.map((a) => ({ name: a.name, type: a.type })),
    ];
    // Splunk returns stats rows sorted by their BY values.
    const order = (use: 'alias' | 'name'): OrderItem[] =>
      groupAliases.map((g) => ({ alias: use === 'alias' ? g.alias : g.name, descending: false }));
    const grouped: Layer = {
      ...layer,
      select: [
        ...groupAliases.map((x, i) => ({ sql: (shadows && bucketStart[i]) || x.sql, alias: x.alias })),
        ...aggAliases.map((x) => ({ sql: x.sql, alias: x.alias })),
      ],
      groupBy: groupAliases.map((g) => quoteIdent(g.alias)),
      order: order('alias'),
      visible,
      raw: false,
      fresh: false,
    };
    if (!shadows) return grouped;
    const out = this.wrap(grouped);
    out.select = [
      ...groupAliases.map((x, i) => ({
        sql: bucketStart[i] ? `toDateTime64(${quoteIdent(x.alias)}, 3, 'UTC')` : quoteIdent(x.alias),
        alias: x.name,
      })),
      ...aggAliases.map((x) => ({ sql: quoteIdent(x.alias), alias: x.name })),
    ];
    out.order = order('name');
    out.fresh = false;
    return out;
  }

  /** Sort keys become hidden columns, so the order survives later layers. Missing values sort last. */
  sort(layer: Layer, keys: readonly SortKey[]): Layer {
    const order: OrderItem[] = [];
    const add = (sql: string, descending: boolean): void => {
      const alias = this.hidden();
      layer.select.push({ sql, alias });
      order.push({ alias, descending });
    };
    for (const k of keys) {
      const x = this.expr(k.expr, layer);
      const t = k.expr.type;
      add(`isNull(${x})`, false);
      if (k.mode === 'ip') {
        const ip = `toIPv4OrNull(${t === 'any' || t === 'string' ? x : `toString(${x})`})`;
        add(`isNull(${ip})`, false);
        add(ip, k.descending);
        add(x, k.descending);
      } else if (
        k.mode === 'num' ||
        ((t === 'number' || t === 'time' || t === 'bool') && k.mode === 'auto')
      ) {
        const n = t === 'any' || t === 'string' ? `toFloat64OrNull(${x})` : x;
        if (t === 'any' || t === 'string') add(`isNull(${n})`, false);
        add(n, k.descending);
      } else if (k.mode === 'auto' && t === 'any') {
        // Splunk's auto order: numbers (numerically) before strings (lexicographically).
        add(`isNull(toFloat64OrNull(${x}))`, k.descending);
        add(`toFloat64OrNull(${x})`, k.descending);
        add(x, k.descending);
      } else {
        add(t === 'string' || t === 'any' ? x : `toString(${x})`, k.descending);
      }
    }
    layer.order = order;
    return layer;
  }
}

/**
 * One printer per relation kind: the relation as a SELECT (a layer), built on its input's layer or, where
 * the layering pass (`anchor.ts`) says so, on a new layer over it. A kind without a printer does not compile.
 */
const printers: RelPrinters = {
  scan: (p, r) => {
    const where = [`${quoteIdent('org_id')} = ${p.params.string(r.orgId)}`];
    if (r.indexes) where.push(`${quoteIdent('index')} IN ${p.params.bind(r.indexes, 'Array(String)')}`);
    if (r.earliestMs !== null) {
      where.push(`${quoteIdent('_time')} >= fromUnixTimestamp64Milli(${p.params.int(r.earliestMs)}, 'UTC')`);
    }
    if (r.latestMs !== null) {
      where.push(`${quoteIdent('_time')} < fromUnixTimestamp64Milli(${p.params.int(r.latestMs)}, 'UTC')`);
    }
    if (r.summary) {
      where.push(`${quoteIdent('model')} = ${p.params.string(r.summary.model)}`);
      where.push(`${quoteIdent('dataset')} = ${p.params.string(r.summary.dataset)}`);
      if (r.summary.builtTo !== undefined)
        where.push(`${quoteIdent('built_to')} <= ${p.params.bind(r.summary.builtTo, 'UInt64')}`);
    }
    const indexed = r.indexTime;
    if (indexed?.earliestMs != null)
      where.push(
        `${quoteIdent('_indextime')} >= fromUnixTimestamp64Milli(${p.params.int(indexed.earliestMs)}, 'UTC')`,
      );
    if (indexed?.latestMs != null)
      where.push(
        `${quoteIdent('_indextime')} < fromUnixTimestamp64Milli(${p.params.int(indexed.latestMs)}, 'UTC')`,
      );
    const reads = p.reads;
    const columns = reads ? tableColumns.filter((c) => c === '_time' || reads.columns.has(c)) : tableColumns;
    const fields =
      !reads || reads.json
        ? [{ sql: quoteIdent('fields'), alias: '_fields' }]
        : [...reads.paths].map((p) => ({
            sql: `${quoteIdent('fields')}.${quoteIdent(p)}`,
            alias: `_fields.${p}`,
          }));
    const indexTimeSelect = r.indexTimeColumn
      ? [{ sql: `toUnixTimestamp(${quoteIdent('_indextime')})`, alias: r.indexTimeColumn }]
      : [];
    return {
      from: quoteIdent(p.tables[r.table] ?? r.table),
      json: 'fields',
      select: [...columns.map((c) => ({ sql: quoteIdent(c), alias: c })), ...fields, ...indexTimeSelect],
      where,
      groupBy: [],
      limit: null,
      limitBy: null,
      fill: null,
      order: [{ alias: '_time', descending: true }],
      visible: columns.map((c) => ({ name: c, type: c === '_time' ? 'time' : 'any' })),
      raw: fields.length > 0,
      fresh: true,
    };
  },
  values: (p, r) => {
    return {
      from: `numbers(${r.count})`,
      json: '_fields',
      select: [
        {
          sql: `fromUnixTimestamp64Milli(${p.params.int(r.timeMs)}, 'UTC')`,
          alias: '_time',
        },
      ],
      where: [],
      groupBy: [],
      limit: null,
      limitBy: null,
      fill: null,
      order: [],
      visible: [{ name: '_time', type: 'time' }],
      raw: false,
      fresh: false,
    };
  },
  filter: (p, r) => {
    const layer = p.over(r);
    const e = r.predicate;
    const always = e.kind === 'call' && e.fn === 'isnotnull' && e.args[0] !== undefined;
    if (!(always && e.args[0] && neverNull(e.args[0], layer.json === 'fields')))
      layer.where.push(p.expr(e, layer));
    return layer;
  },
  compute: (p, r) => {
    const layer = p.over(r);
    const sql = p.output(r, r.name, r.expr, layer);
    p.keepOrder(layer, [r.name]);
    layer.select = layer.select.filter((s) => s.alias !== r.name);
    layer.select.push({ sql, alias: r.name });
    const computed = { name: r.name, type: r.expr.type === 'null' ? 'any' : r.expr.type } as const;
    // The series map keeps its place among the columns (its series are columns there).
    layer.visible =
      r.name === seriesColumn && layer.visible.some((c) => c.name === r.name)
        ? layer.visible.map((c) => (c.name === r.name ? computed : c))
        : [...layer.visible.filter((c) => c.name !== r.name), computed];
    layer.fresh = false;
    return layer;
  },
  aggregate: (p, r) => {
    return p.aggregate(p.over(r), r.groups, r.aggregates);
  },
  sort: (p, r) => {
    return p.sort(p.over(r), r.keys);
  },
  dedup: (p, r) => {
    if (r.consecutive) return p.dedupConsecutive(r);
    const layer = p.over(r);
    const keys = r.keys.map((k) => p.expr(k, layer));
    const anyNull = keys.map((k) => `isNull(${k})`).join(' OR ');
    if (!r.keepEmpty) keys.forEach((k) => layer.where.push(`isNotNull(${k})`));
    // With keepempty=true every event missing a key is kept: give each its own key.
    const byKeys = r.keepEmpty ? [...keys, `if(${anyNull}, rowNumberInAllBlocks(), 0)`] : keys;
    const [first] = layer.order;
    if (r.count === 1 && !r.keepEmpty && layer.json === 'fields' && layer.order.length === 1 && first) {
      // Straight over the table, keeping each key's newest (or oldest) event: only events at their
      // key's latest time can survive, so a semi-join on (keys, that time) first narrows the sort
      // and LIMIT BY to a handful of rows (measured 25x faster than LIMIT 1 BY alone on 2 M events).
      const t = quoteIdent(first.alias);
      const agg = first.descending ? 'max' : 'min';
      const group = keys.join(', ');
      layer.where.push(
        `(${group}, ${t}) IN (SELECT ${group}, ${agg}(${t}) FROM ${layer.from} WHERE ${layer.where.join(' AND ')} GROUP BY ${group})`,
      );
    }
    layer.limitBy = { count: r.count, keys: byKeys };
    layer.fresh = false;
    return layer;
  },
  window: (p, r) => {
    const inner = p.rel(r.input);
    // Right over the table, its columns are the table's (never null).
    const atTable = inner.json === 'fields';
    const layer = p.over(r, inner);
    const ctx = p.ctx(layer);
    const keys = r.partition.map((k) => printExpr(k, ctx));
    const partition = keys.length > 0 ? `PARTITION BY ${keys.join(', ')}` : '';
    let frame = '';
    if (r.running) {
      // Running statistics follow the rows' order: newest first for events, as Splunk processes them.
      const lag = r.running.lag;
      const from =
        lag !== undefined
          ? `${lag} PRECEDING`
          : r.running.size > 0
            ? `${r.running.size - (r.running.current ? 1 : 0)} PRECEDING`
            : 'UNBOUNDED PRECEDING';
      const to = lag !== undefined ? `${lag} PRECEDING` : r.running.current ? 'CURRENT ROW' : '1 PRECEDING';
      const keys = [
        ...(layer.order.length > 0 ? [orderSql(layer.order)] : []),
        ...(r.running.tiebreak ? [`${printExpr(r.running.tiebreak, ctx)} ASC`] : []),
      ];
      const order = r.running.positions
        ? `ORDER BY ${printExpr(r.running.positions, ctx)} `
        : keys.length > 0
          ? `ORDER BY ${keys.join(', ')} `
          : '';
      frame = `${order}${r.running.range === true ? 'RANGE' : 'ROWS'} BETWEEN ${from} AND ${to}`;
    }
    const over = `OVER (${[partition, frame].filter((x) => x !== '').join(' ')})`;
    const aggregate = p.timeWindow(r, ctx, keys, over) ?? ((a: Aggregate) => printAggregate(a, ctx, over));
    const missing = keys
      .filter((_k, i) => {
        const e = r.partition[i];
        return !(e && neverNull(e, atTable));
      })
      .map((k) => `isNull(${k})`)
      .join(' OR ');
    p.keepOrder(
      layer,
      r.aggregates.map((a) => a.name),
    );
    for (const a of r.aggregates) {
      const sql = aggregate(a);
      // Events that lack a BY field keep their place but get no statistic (a multivalue one: no values,
      // since ClickHouse has no nullable arrays; the service shows an empty list as null).
      const none = a.type === 'mv' ? '[]' : 'NULL';
      layer.select = layer.select.filter((x) => x.alias !== a.name);
      layer.select.push({ sql: missing === '' ? sql : `if(${missing}, ${none}, ${sql})`, alias: a.name });
      layer.visible = [...layer.visible.filter((c) => c.name !== a.name), { name: a.name, type: a.type }];
    }
    layer.fresh = false;
    return layer;
  },
  expand: (p, r) => {
    const layer = p.over(r);
    const list = p.expr(r.list, layer);
    const sliced = r.limit > 0 ? `arraySlice(${list}, 1, ${r.limit})` : list;
    // The list is computed once, under its own name (it is read several times).
    const all = p.hidden();
    const values = quoteIdent(all);
    if (r.unordered === true) {
      // No values keeps the event, with none.
      p.keepOrder(layer, [r.name]);
      layer.select = layer.select.filter((x) => x.alias !== r.name);
      layer.select.push(
        { sql: sliced, alias: all },
        {
          sql: `arrayJoin(if(empty(${values}), [CAST(NULL AS Nullable(String))], ${values}))`,
          alias: r.name,
        },
      );
      layer.visible = [...layer.visible.filter((c) => c.name !== r.name), { name: r.name, type: 'string' }];
      layer.fresh = false;
      return layer;
    }
    // Each value with its position, so an event's values keep their order; no values keeps the event.
    const pair = p.hidden();
    const position = p.hidden();
    p.keepOrder(layer, [r.name]);
    layer.select = layer.select.filter((x) => x.alias !== r.name);
    layer.select.push(
      { sql: sliced, alias: all },
      {
        sql: `arrayJoin(if(empty(${values}), [(1, CAST(NULL AS Nullable(String)))], arrayMap((v, i) -> (i, v), ${values}, arrayEnumerate(${values}))))`,
        alias: pair,
      },
      { sql: `tupleElement(${quoteIdent(pair)}, 2)`, alias: r.name },
      { sql: `tupleElement(${quoteIdent(pair)}, 1)`, alias: position },
    );
    layer.visible = [...layer.visible.filter((c) => c.name !== r.name), { name: r.name, type: 'string' }];
    layer.order = [...layer.order, { alias: position, descending: false }];
    layer.fresh = false;
    return layer;
  },
  fill: (p, r) => {
    const layer = p.over(r);
    p.fillTime(layer, r);
    return layer;
  },
  pivot: (p, r) => {
    return p.pivot(r);
  },
  unpivot: (p, r) => {
    return p.unpivot(r);
  },
  union: (p, r) => {
    const src = p.hidden();
    const pos = p.hidden();
    // Only the columns used above: each side then reads no more of its events than that.
    const names = unioned(r, p.need(r), p.fieldColumns);
    const parts = r.inputs.map((input, i) => {
      const side = p.rel(input);
      p.prune(side, p.need(input));
      const layer = p.wrap(side);
      const order = layer.order.length > 0 ? `ORDER BY ${orderSql(layer.order)}` : '';
      // Each side keeps its own order: its position, after the side's number.
      // Numbers meet as Float64 across the sides (a count here, an average there); a series map is
      // the same map type on every side (`pivot … COLSUMMARY`: the same chart twice).
      const numeric = new Set(
        r.columns.filter((c) => c.type === 'number' && c.name !== seriesColumn).map((c) => c.name),
      );
      layer.select = [
        ...names.map((n) => ({
          sql: numeric.has(n) ? `toFloat64(${quoteIdent(n)})` : quoteIdent(n),
          alias: n,
        })),
        // Unordered (a sort follows): no side is sorted for its positions.
        ...(r.unordered === true
          ? []
          : [
              { sql: String(i), alias: src },
              { sql: `row_number() OVER (${order})`, alias: pos },
            ]),
      ];
      return render(layer, false);
    });
    return {
      from: `(\n${indent(parts.join('\nUNION ALL\n'))}\n)`,
      json: '_fields',
      select: [...names, ...(r.unordered === true ? [] : [src, pos])].map((n) => ({
        sql: quoteIdent(n),
        alias: n,
      })),
      where: [],
      groupBy: [],
      limit: null,
      limitBy: null,
      fill: null,
      order:
        r.unordered === true
          ? []
          : [
              { alias: src, descending: false },
              { alias: pos, descending: false },
            ],
      visible: r.columns.filter((c) => names.includes(c.name)),
      raw: r.raw,
      fresh: true,
    };
  },
  join: (p, r) => {
    const left = p.wrap(p.rel(r.left));
    const right = p.wrap(p.rel(r.right));
    const matched = p.hidden();
    const l = (n: string): string => `l.${quoteIdent(n)}`;
    const rr = (n: string): string => `r.${quoteIdent(n)}`;
    right.select = [...right.select, { sql: '1', alias: matched }];
    const select: SelectItem[] = r.columns.map((c) => {
      if (c.from === 'left') return { sql: l(c.name), alias: c.name };
      if (c.from === 'right') return { sql: rr(c.name), alias: c.name };
      if (c.name === seriesColumn) {
        // Both sides' series maps: merged where the row matched, the subsearch's winning unless !overwrite.
        const merged = r.overwrite
          ? `mapUpdate(${l(c.name)}, ${rr(c.name)})`
          : `mapUpdate(${rr(c.name)}, ${l(c.name)})`;
        return { sql: `if(isNotNull(${rr(matched)}), ${merged}, ${l(c.name)})`, alias: c.name };
      }
      const num = (x: string): string => (c.type === 'number' ? `toFloat64(${x})` : x);
      const sql = r.overwrite
        ? `if(isNotNull(${rr(matched)}), ${num(rr(c.name))}, ${num(l(c.name))})`
        : `if(isNotNull(${l(c.name)}), ${num(l(c.name))}, ${num(rr(c.name))})`;
      return { sql: r.keys.includes(c.name) ? l(c.name) : sql, alias: c.name };
    });
    // The left's order, carried under hidden names (a right column may have taken the name).
    const order = left.order.map((o) => {
      const alias = p.hidden();
      select.push({ sql: l(o.alias), alias });
      return { alias, descending: o.descending };
    });
    const max = r.max ?? 1;
    let limitBy: Layer['limitBy'] = null;
    if (max !== 1) {
      // Several matches per row: each left row's matches follow it, in the right's order, the first
      // `max` of them (LIMIT BY the left row).
      const leftRow = p.hidden();
      const rightPos = p.hidden();
      left.select = [...left.select, { sql: 'rowNumberInAllBlocks()', alias: leftRow }];
      const rightOrder =
        right.order.length > 0
          ? `row_number() OVER (ORDER BY ${orderSql(right.order)})`
          : 'rowNumberInAllBlocks()';
      right.select = [...right.select, { sql: rightOrder, alias: rightPos }];
      for (const [alias, sql] of [
        [leftRow, l(leftRow)],
        [rightPos, rr(rightPos)],
      ] as const) {
        select.push({ sql, alias });
        order.push({ alias, descending: false });
      }
      if (max > 0) limitBy = { count: max, keys: [quoteIdent(leftRow)] };
    }
    if (r.raw) select.push(...p.carryFields(l));
    // usetime: the subsearch row's time against the result's, to the second (equal seconds always match).
    const second = (x: string): string => `toStartOfSecond(${x})`;
    const time = r.time
      ? [`${second(rr('_time'))} ${r.time.earlier ? '<=' : '>='} ${second(l('_time'))}`]
      : [];
    // join's other comparisons (`L.t<R.t`): numbers as numbers; other values as numbers when both are, else
    // as text. A side without the field matches nothing.
    const compare = (r.compare ?? []).map((c) => {
      if (c.numeric) return `${l(c.name)} ${c.op} ${rr(c.name)}`;
      const [a, b] = [l(c.name), rr(c.name)].map((x) => `toString(${x})`);
      const [na, nb] = [a, b].map((x) => `toFloat64OrNull(${x})`);
      return `if(isNotNull(${na}) AND isNotNull(${nb}), ${na} ${c.op} ${nb}, ${a} ${c.op} ${b})`;
    });
    const on = [...r.keys.map((k) => `${l(k)} = ${rr(k)}`), ...compare, ...time].join(' AND ');
    // ANY LEFT JOIN keeps every left row with at most one right row; an inner join then keeps the
    // matched ones (ClickHouse's ANY INNER JOIN would also keep one row per left key). ALL: every match.
    const strictness = max === 1 ? 'ANY' : 'ALL';
    return joinedLayer(left, `${strictness} LEFT JOIN`, render(right, false), on, {
      select,
      where: r.type === 'inner' ? [`isNotNull(${rr(matched)})`] : [],
      limitBy,
      order,
      visible: r.columns.map((c) => ({ name: c.name, type: c.type })),
      raw: r.raw,
    });
  },
  'lookup-scan': (p, r) => {
    const row = p.hidden();
    return {
      from: quoteIdent('lookup_rows'),
      json: '_fields',
      select: [
        ...r.columns.map((c) => ({ sql: cellSql(quoteIdent('cells'), c, p.params), alias: c })),
        { sql: quoteIdent('row'), alias: row },
      ],
      // Rows are numbered from 0 in file order: `start`/`max` select the rows read.
      where: [
        currentRowsWhere(r.table, p.params),
        ...(r.start ? [`${quoteIdent('row')} >= ${Math.trunc(r.start)}`] : []),
        ...(r.max !== undefined ? [`${quoteIdent('row')} < ${Math.trunc((r.start ?? 0) + r.max)}`] : []),
      ],
      groupBy: [],
      limit: null,
      limitBy: null,
      fill: null,
      order: [{ alias: row, descending: false }],
      visible: r.columns.map((name) => ({ name, type: 'any' })),
      raw: false,
      // A column may be named like one of the table's (`name`, `version`): filters go one layer up.
      fresh: false,
    };
  },
  lookup: (p, r) => {
    const left = p.over(r);
    const ctx = p.ctx(left);
    // Multivalue keys: each combination of their values is looked up (with the row's other keys), the
    // outputs hold the matches of every combination in order. The table's matches come as one row of
    // parallel arrays.
    const listKeys = r.keys.filter((k) => k.value.type === 'mv');
    const listKey = listKeys[0];
    const keys = r.keys.map((k) => {
      const alias = p.hidden();
      const sql = printExpr(k.value, ctx);
      if (k.value.type === 'mv') {
        left.select.push({ sql, alias });
        return { alias, right: p.hidden() };
      }
      // Structured fields are read as Nullable(String) already; the join needs one key type on both sides.
      left.select.push({
        sql: k.value.kind === 'field' ? sql : `CAST(${sql} AS Nullable(String))`,
        alias,
      });
      return { alias, right: p.hidden() };
    });
    const existing = r.outputs.map((o) => {
      if (!o.existing) return undefined;
      const alias = p.hidden();
      left.select.push({ sql: printExpr(o.existing, ctx), alias });
      return alias;
    });
    const matches = p.hidden();
    const right = lookupMatchesSql(
      r.table,
      r.keys.map((k) => k.column),
      keys.map((k) => k.right),
      matches,
      r.maxMatches,
      p.params,
      r.time,
    );
    // A time-based lookup: the event's time in epoch seconds, which picks among the key's rows.
    const eventSecs = r.time ? p.hidden() : '';
    if (r.time) {
      const t = printExpr(r.time.event, ctx);
      left.select.push({
        sql:
          r.time.event.type === 'time'
            ? `toUnixTimestamp64Milli(${t}) / 1000`
            : `toFloat64OrNull(toString(${t}))`,
        alias: eventSecs,
      });
    }
    const names = new Set(r.outputs.map((o) => o.name));
    const l = (n: string): string => `l.${quoteIdent(n)}`;
    const select: SelectItem[] = left.visible
      .filter((c) => !names.has(c.name))
      .map((c) => ({ sql: l(c.name), alias: c.name }));
    const allKeys = listKey ? p.hidden() : '';
    // Every key a row looks for: one per combination of the list keys' values (a tuple for several keys).
    const lists = listKeys.map((k) => keys[r.keys.indexOf(k)]?.alias ?? '');
    const value = (alias: string): string => {
      const at = lists.indexOf(alias);
      return at < 0 ? l(alias) : `v${at}`;
    };
    const probe =
      keys.length === 1
        ? value(keys[0]?.alias ?? '')
        : `tuple(${keys.map((k) => value(k.alias)).join(', ')})`;
    const probes = keyProbes(lists.map(l), probe);
    const tableKey =
      keys.length === 1
        ? quoteIdent(keys[0]?.right ?? '')
        : `tuple(${keys.map((k) => quoteIdent(k.right)).join(', ')})`;
    r.outputs.forEach((o, i) => {
      const found = listKey
        ? `arrayFlatten(arrayMap(q -> ${matchedValuesSql(`arrayElement(r.${quoteIdent(matches)}, indexOf(r.${quoteIdent(allKeys)}, q))`, o.column, p.params)}, ${probes}))`
        : matchedValuesSql(
            r.time
              ? matchesAtSql(`r.${quoteIdent(matches)}`, l(eventSecs), r.time, r.maxMatches)
              : `r.${quoteIdent(matches)}`,
            o.column,
            p.params,
          );
      const keep = existing[i];
      select.push({
        sql: keep ? `if(notEmpty(${l(keep)}), ${l(keep)}, ${found})` : found,
        alias: o.name,
      });
    });
    // The input's order, carried under hidden names (an output may have taken an order column's name).
    const order = left.order.map((o) => {
      const alias = p.hidden();
      select.push({ sql: l(o.alias), alias });
      return { alias, descending: o.descending };
    });
    if (left.raw) select.push(...p.carryFields(l));
    if (listKey) {
      // One row: every key of the table and its matches, as two parallel arrays.
      const table = `SELECT groupArray(${tableKey}) AS ${quoteIdent(allKeys)}, groupArray(${quoteIdent(matches)}) AS ${quoteIdent(matches)}\nFROM (\n${indent(right)}\n)`;
      return joinedLayer(left, 'CROSS JOIN', table, '', {
        select,
        order,
        visible: [
          ...left.visible.filter((c) => !names.has(c.name)),
          ...r.outputs.map((o) => ({ name: o.name, type: 'mv' as const })),
        ],
        raw: left.raw,
      });
    }
    const on = keys.map((k) => `${l(k.alias)} = r.${quoteIdent(k.right)}`).join(' AND ');
    return joinedLayer(left, 'LEFT JOIN', right, on, {
      select,
      order,
      visible: [
        ...left.visible.filter((c) => !names.has(c.name)),
        ...r.outputs.map((o) => ({ name: o.name, type: 'mv' as const })),
      ],
      raw: left.raw,
    });
  },
  reverse: (p, r) => {
    const reversed = p.over(r);
    reversed.order = reversed.order.map((o) => ({ alias: o.alias, descending: !o.descending }));
    return reversed;
  },
  take: (p, r) => {
    const layer = p.over(r);
    layer.limit = layer.limit === null ? r.limit : Math.min(layer.limit, r.limit);
    layer.fresh = false;
    return layer;
  },
  project: (p, r) => {
    const layer = p.over(r);
    // Only the columns (and structured fields) used above: the rest would travel through later layers.
    const used = projected(r, p.need(r), p.fieldColumns);
    const select: SelectItem[] = used.columns.map((c) => ({
      sql: p.output(r, c.name, c.expr, layer),
      alias: c.name,
    }));
    // Keep the row order even when its columns are projected away: carry them hidden.
    const order = layer.order.map((o) => {
      const kept = select.find((s) => s.alias === o.alias && s.sql === quoteIdent(o.alias));
      if (kept) return o;
      const alias = p.hidden();
      select.push({ sql: quoteIdent(o.alias), alias });
      return { alias, descending: o.descending };
    });
    const fields = r.fields;
    if (r.keepRaw && layer.raw) {
      if (!fields) select.push(...p.carryFields().filter((c) => used.fields.includes(c.alias)));
      else if (used.fields.length > 0) select.push({ sql: p.expr(fields, layer), alias: '_fields' });
    }
    return {
      ...layer,
      select,
      order,
      visible: used.columns.map((c) => ({
        name: c.name,
        type: c.expr.type === 'null' ? 'any' : c.expr.type,
      })),
      raw: r.keepRaw && layer.raw,
      fresh: false,
    };
  },
  transaction: (p, r) => {
    return printTransaction(p, r, p.withFields.has(r));
  },
  paste: (p, r) => {
    return printPaste(p, r);
  },
  'series-model': (p, r) => {
    return printSeriesModel(p, r);
  },
  'metric-stats': (p, r) => {
    const m = printMetricStats(r, p.params);
    const time = m.columns.find((c) => c.name === '_time');
    return {
      from: `(\n${indent(m.sql)}\n)`,
      json: '_fields',
      select: m.columns.map((c) => ({ sql: quoteIdent(c.inner), alias: c.name })),
      where: [],
      groupBy: [],
      limit: null,
      limitBy: null,
      fill: null,
      // Splunk's order: by time, then by the BY fields; samples (mpreview) newest first.
      order:
        r.points !== undefined
          ? [{ alias: '_time', descending: true }]
          : m.columns
              .slice(0, (time ? 1 : 0) + r.by.length)
              .map((c) => ({ alias: c.name, descending: false })),
      visible: metricColumns(r),
      raw: false,
      fresh: false,
    };
  },
};

/**
 * True when `e` can never be null: a value literal, a column of the table itself (`atTable`: no command
 * has replaced it yet), a time bucket of such, `coalesce(…, value)`, or `if` between such.
 */
function neverNull(e: Expr, atTable: boolean): boolean {
  const never = (x: Expr): boolean => neverNull(x, atTable);
  if (e.kind === 'literal') return e.value !== null;
  if (e.kind === 'column') return atTable && tableNames.has(e.name);
  if (e.kind !== 'call') return false;
  if (e.fn === 'coalesce') return e.args.some(never);
  if (e.fn === 'if') return e.args.slice(1).every(never);
  if (e.fn === 'time_bucket') return e.args[0] !== undefined && never(e.args[0]);
  return e.fn === 'isnull' || e.fn === 'isnotnull';
}

function typeOf(e: Expr): ScalarType {
  return e.type === 'null' ? 'any' : e.type;
}

/** A nullable string for values Splunk treats as text (`values`, `list`, `mode`). */
function asText(a: Aggregate, arg: string): string {
  switch (a.arg?.type) {
    case 'number':
    case 'bool':
      return `toString(${arg})`;
    case 'time':
      return `toString(toUnixTimestamp64Milli(${arg}) / 1000)`;
    case 'any':
    case 'null':
      // Typed text: a column that is null in every row (`table x` of a field never set) is
      // `Nullable(Nothing)`, whose aggregates no later function takes.
      return `CAST(${arg} AS Nullable(String))`;
    default:
      return arg;
  }
}

/**
 * An aggregation as SQL. With `over` (a window such as `OVER (PARTITION BY host)`) every aggregate call
 * becomes a window function, for eventstats; with `{ merge }`, the merge of the aggregate's states over
 * each of those windows (together, one frame); with `{ key, index }`, the aggregate per value of `key`
 * (ClickHouse's -Map combinator) at the key `index` names, for a sparkline's buckets.
 */
function printAggregate(
  a: Aggregate,
  ctx: ExprContext,
  over:
    string | { readonly merge: readonly string[] } | { readonly key: string; readonly index: string } = '',
): string {
  const arg = a.arg ? printExpr(a.arg, ctx) : '';
  const time = a.time ? printExpr(a.time, ctx) : '';
  // A multivalue argument (a lookup's output, a structured field holding a JSON array) counts each of its
  // values, as Splunk's values/list/dc do: never the list itself, and never an empty list.
  const values =
    a.arg && (a.arg.type === 'mv' || a.arg.kind === 'field')
      ? printExpr(a.arg.type === 'mv' ? a.arg : call('to_mv', [a.arg], 'mv'), ctx)
      : undefined;
  // One aggregate function call: `fn(params)(args)`.
  const w = (fn: string, args: string, params = ''): string => {
    if (typeof over !== 'string' && 'key' in over)
      return `${fn}Map${params}(map(${over.key}, ${args === '' ? 'toUInt8(1)' : args}))[${over.index}]`;
    if (typeof over !== 'string') {
      const states = over.merge.map((o) => `${fn}State${params}(${args}) ${o}`);
      return `arrayReduce('${fn}Merge${params}', [${states.join(', ')}])`;
    }
    return over === '' ? `${fn}${params}(${args})` : `${fn}${params}(${args}) ${over}`;
  };
  switch (a.fn) {
    case 'count':
      return w('count', '');
    case 'count_field':
      return w('count', arg);
    case 'dc':
      return values === undefined ? w('uniqExact', arg) : w('uniqExactArray', values);
    case 'dc_set':
      return w('uniqExactArray', arg);
    case 'estdc':
      return w('uniq', arg);
    case 'estdc_error':
      return `(abs(${w('uniq', arg)} - ${w('uniqExact', arg)}) / nullIf(${w('uniqExact', arg)}, 0))`;
    case 'sum':
      return w('sumOrNull', arg);
    case 'sumsq':
      return w('sumOrNull', `${arg} * ${arg}`);
    case 'avg':
      return w('avgOrNull', arg);
    case 'min':
      return w('minOrNull', arg);
    case 'max':
      return w('maxOrNull', arg);
    case 'range':
      return `(${w('maxOrNull', arg)} - ${w('minOrNull', arg)})`;
    case 'stdev':
      return w('stddevSampOrNull', arg);
    case 'stdevp':
      return w('stddevPopOrNull', arg);
    case 'var':
      return w('varSampOrNull', arg);
    case 'varp':
      return w('varPopOrNull', arg);
    case 'perc': {
      // Nearest rank, as Splunk computes percentiles: the value at rank ceil(p/100 × n) of the sorted values.
      const p = ctx.params.float((a.param ?? 50) / 100);
      return nearestRank(w('groupArray', arg), w('count', arg), p);
    }
    case 'mode': {
      const m = w('sumMapIf', `map(ifNull(toString(${arg}), ''), toUInt64(1)), isNotNull(${arg})`);
      return `if(${w('count', arg)} = 0, NULL, mapKeys(${m})[indexOf(mapValues(${m}), arrayMax(mapValues(${m})))])`;
    }
    case 'values':
      // Distinct values, sorted as strings.
      if (values !== undefined) return `arraySort(${w('groupUniqArrayArray', values)})`;
      return `arraySort(${w('groupUniqArray', asText(a, arg))})`;
    case 'fields_map': {
      // Per output name (a map key): distinct values sorted as strings, text (`mode`) or a number (as a
      // statistics series holds them), written as the map's type (`a.type`: a list or text of one value when
      // the maps of one stats differ); a name without values is left out. Further maps (`parts`) add the
      // names not taken yet.
      const each = a.each ?? 'values';
      const stat = (x: FieldsStatsFn): string => fieldsStats(x, arg, w, fieldsStatsExtras(a, ctx, time));
      const map =
        each === 'values'
          ? `mapSort(mapFilter((k, v) -> notEmpty(v), mapApply((k, v) -> (k, arraySort(arrayFilter(x -> isNotNull(x), v))), ${w('groupUniqArrayArrayMap', arg)})))`
          : (each === 'min' || each === 'max') && a.type !== 'number'
            ? // In a series of text or lists, a name without numbers has its least/greatest text.
              `mapSort(${seriesMapAs(minMaxTexts(each, arg, w, 'toString'), 'string', a.type)})`
            : `mapSort(${seriesMapAs(stat(each), fieldsStatValue(each), a.type)})`;
      let sql = map;
      for (const part of a.parts ?? []) sql = `mapUpdate(${printAggregate(part, ctx, over)}, ${sql})`;
      return a.parts?.length ? `mapSort(${sql})` : sql;
    }
    case 'list': {
      // Event order (newest first when events carry _time), at most 100 values (`max`; 0 = all).
      const max = a.max ?? 100;
      if (values !== undefined) {
        const all =
          time === ''
            ? w('groupArrayArray', values)
            : `arrayFlatten(arrayMap(t -> t.2, arrayReverseSort(t -> t.1, ${w('groupArrayIf', `(${time}, ${values}), notEmpty(${values})`)})))`;
        return max > 0 ? `arraySlice(${all}, 1, ${max})` : all;
      }
      if (time === '') return w('groupArray', asText(a, arg), max > 0 ? `(${max})` : '');
      const sorted = `arrayMap(t -> t.2, arrayReverseSort(t -> t.1, ${w('groupArrayIf', `(${time}, ${asText(a, arg)}), isNotNull(${arg})`)}))`;
      return max > 0 ? `arraySlice(${sorted}, 1, ${max})` : sorted;
    }
    case 'latest':
      return w('argMax', `${arg}, ${time}`);
    case 'latest_fields': {
      // Each name's (time, value) pairs: the greatest time wins, so the frame's order does not matter.
      const pairs = `mapApply((k, v) -> (k, (${time}, v)), mapFromArrays(JSONAllPaths(${arg}), JSONAllValues(${arg})))`;
      return `CAST(mapApply((k, v) -> (k, v.2), ${w('maxMap', pairs)}) AS JSON)`;
    }
    case 'earliest':
      return w('argMin', `${arg}, ${time}`);
    case 'latest_time':
      return w('maxIf', `toUnixTimestamp64Milli(${time}) / 1000, isNotNull(${arg})`);
    case 'earliest_time':
      return w('minIf', `toUnixTimestamp64Milli(${time}) / 1000, isNotNull(${arg})`);
    case 'rate': {
      // Splunk: (latest(X) - earliest(X)) / (latest_time(X) - earliest_time(X)); events without X skipped.
      const ms = `toUnixTimestamp64Milli(${time})`;
      const span = `(${w('maxIf', `${ms}, isNotNull(${arg})`)} - ${w('minIf', `${ms}, isNotNull(${arg})`)})`;
      return `((${w('argMax', `${arg}, ${time}`)} - ${w('argMin', `${arg}, ${time}`)}) / nullIf(${span}, 0) * 1000)`;
    }
    case 'eval': {
      // The expression reads each part as a column of its hidden name: the part's SQL stands in for it.
      let sql = arg;
      for (const part of a.parts ?? [])
        sql = sql.replaceAll(quoteIdent(part.name), `(${printAggregate(part, ctx, over)})`);
      return sql;
    }
    case 'per_unit': {
      // Splunk's per_second … per_day: the bucket's sum scaled from the bucket's length to the unit.
      const scaled = (b: Expr | undefined): string => {
        if (b?.kind !== 'call' || b.fn !== 'time_bucket' || b.args[0] === undefined)
          throw new Error("per_unit needs timechart's time bucket");
        const start = w('min', timeBucketStart(b, printExpr(b.args[0], ctx), ctx.params));
        return `(${w('sumOrNull', arg)} * ${a.param ?? 1} / ${bucketSeconds(b, start, ctx.params)})`;
      };
      const b = a.time;
      if (b?.kind === 'call' && b.fn === 'case') {
        // An all-time timechart's span follows the data (timechart.ts, dataSpanBucket): `case(condition,
        // bucket, …)` over the range's columns, the same in every row; the chosen bucket's length scales.
        const branches = b.args.map((x, i) => (i % 2 === 0 ? w('any', printExpr(x, ctx)) : scaled(x)));
        return `multiIf(${[...branches, 'NULL'].join(', ')})`;
      }
      return scaled(b);
    }
    case 'ema': {
      // The frame's values in order, folded from the first: null without any.
      const alpha = ctx.params.float(a.param ?? 0.5);
      return `arrayFold((acc, v) -> if(isNull(acc), v, ${alpha} * v + (1 - ${alpha}) * acc), ${w('groupArray', arg)}, CAST(NULL AS Nullable(Float64)))`;
    }
    case 'collect':
      return w('groupArray', arg);
    case 'sum_map': {
      // sumMap skips nulls and keeps a key whose values are all null as null. Text values are summed as
      // numbers (those that are) and given back as text, so the map keeps its type.
      if (a.type === 'number') return w('sumMap', arg);
      // Lists (`values`, `list`) are not numbers: no series in the totals, a map of the same type.
      if (a.type === 'mv') return `mapFilter((k, v) -> false, ${w('any', arg)})`;
      const sums = w('sumMap', `mapApply((k, v) -> (k, toFloat64OrNull(toString(v))), ${arg})`);
      return `mapApply((k, v) -> (k, ${seriesValue(a.type, 'v')}), ${sums})`;
    }
    case 'sparkline': {
      // One statistic per bucket of the range, each keyed by its bucket's number: a missing bucket is
      // the map's default, 0 for counts and NULL (shown '') for the others.
      const [inner] = a.parts ?? [];
      const b = a.time;
      if (!inner || b?.kind !== 'call' || b.fn !== 'time_bucket' || !b.args[0] || !a.bounds || over !== '')
        throw new Error('a sparkline needs its statistic, bucket and range, in a plain aggregation');
      // The search's range, or over all time the data's (columns the same in every row).
      // (a window's min/max is nullable, and a map's key may not be: a row is there, so they are not null.)
      const time = (x: Expr): string => `toDateTime64(ifNull(${printExpr(x, ctx)}, 0), 3, 'UTC')`;
      const [from, last] =
        'fromMs' in a.bounds
          ? [
              `fromUnixTimestamp64Milli(${ctx.params.int(a.bounds.fromMs)}, 'UTC')`,
              `fromUnixTimestamp64Milli(${ctx.params.int(a.bounds.toMs - 1)}, 'UTC')`,
            ]
          : [time(a.bounds.lo), time(a.bounds.hi)];
      const key = bucketIndex(b, from, printExpr(b.args[0], ctx), ctx.params);
      const value = printAggregate(inner, ctx, { key, index: '__bucket' });
      const lastIndex = bucketIndex(b, from, last, ctx.params);
      // Over the data's range the count is known only when the search runs: at most the planner's limit.
      const count =
        'fromMs' in a.bounds ? `${lastIndex} + 1` : `least(any(${lastIndex}) + 1, ${sparklineMaxBuckets})`;
      const buckets = `range(toUInt64(greatest(${count}, 0)))`;
      return `arrayConcat([${ctx.params.string(sparklineMarker)}], arrayMap(__bucket -> ifNull(toString(${value}), ''), ${buckets}))`;
    }
    case 'fields_stats': {
      const each = a.each ?? 'values';
      // min/max: a name without numbers has the least/greatest of its texts.
      if (each === 'min' || each === 'max')
        return `CAST(${jsonOfFragments(minMaxTexts(each, arg, w, 'toJSONString'))} AS JSON)`;
      return `CAST(toJSONString(${fieldsStats(each, arg, w, fieldsStatsExtras(a, ctx, time))}) AS JSON)`;
    }
    default:
      return assertNever(a.fn, 'aggregation');
  }
}

/** The percentile (a bound parameter, 0–1) and the event time (`list`) of a per-name statistic. */
function fieldsStatsExtras(a: Aggregate, ctx: ExprContext, time: string): { p: string; time: string } {
  return { p: a.each === 'perc' ? ctx.params.float((a.param ?? 50) / 100) : '', time };
}

/**
 * A series map whose values are `from` (a list, text, or a number) as a map of `to`: a number as its text,
 * a number or text as a list of one value. Every map of one stats has the same type, so they merge.
 */
function seriesMapAs(map: string, from: 'mv' | 'string' | 'number', to: ScalarType): string {
  if (to === 'mv') {
    const lists = from === 'mv' ? map : `mapApply((k, v) -> (k, [toString(assumeNotNull(v))]), ${map})`;
    return `CAST(${lists} AS Map(String, Array(String)))`;
  }
  if (to === 'string') {
    const texts = from === 'string' ? map : `mapApply((k, v) -> (k, toString(v)), ${map})`;
    return `CAST(${texts} AS Map(String, Nullable(String)))`;
  }
  return `CAST(${map} AS Map(String, Nullable(Float64)))`;
}

/** Per name of `map` (a `fields_matching`), its values, and those that are numbers; names without any left out. */
function perNameValues(map: string): { texts: string; numbers: string } {
  const only = (f: string): string =>
    `mapFilter((k, v) -> notEmpty(v), mapApply((k, v) -> (k, arrayMap(x -> assumeNotNull(x), arrayFilter(x -> isNotNull(x), ${f}))), ${map}))`;
  return { texts: only('v'), numbers: only('arrayMap(x -> toFloat64OrNull(x), v)') };
}

/**
 * Splunk's min/max per name of `map`: the least/greatest number where the name has numbers, else the
 * least/greatest of its texts (lexicographic, as the stats functions page says), each written by `as`
 * (`toJSONString` for JSON values' text, `toString` for a series of text).
 */
function minMaxTexts(
  each: 'min' | 'max',
  map: string,
  w: (fn: string, args: string) => string,
  as: 'toJSONString' | 'toString',
): string {
  const { texts, numbers } = perNameValues(map);
  const fn = each === 'min' ? 'minArrayMap' : 'maxArrayMap';
  const nums = w(fn, numbers);
  return `mapApply((k, v) -> (k, if(mapContains(${nums}, k), ${as}(${nums}[k]), ${as}(v))), ${w(fn, texts)})`;
}

/** A map of name → a JSON value's text as one JSON object's text (`{"a":1,"b":"x"}`). */
function jsonOfFragments(map: string): string {
  // The map is an expression: read once, through a one-element array.
  const entries = `arrayMap((k, v) -> concat(toJSONString(k), ':', v), mapKeys(m), mapValues(m))`;
  return `arrayMap(m -> concat('{', arrayStringConcat(${entries}, ','), '}'), [${map}])[1]`;
}

/**
 * Per name of `map` (output name → an event's values, `fields_matching`), `each` over that name's values in
 * the frame, through the aggregate function `w` makes (the `-ArrayMap` combinators: per key, over every value
 * of the arrays). Only the values there are count: an event's non-numeric values are no numbers, and a name
 * without values in the frame is left out. `p` is the percentile of `perc` (0–1, printed), `time` the event
 * time `list` orders by.
 */
function fieldsStats(
  each: FieldsStatsFn,
  map: string,
  w: (fn: string, args: string) => string,
  extras: { p: string; time: string } = { p: '', time: '' },
): string {
  const { texts, numbers } = perNameValues(map);
  switch (each) {
    case 'count_field':
      // The events that have the field (as count(x) counts the events with x).
      return w('sumMap', `mapApply((k, v) -> (k, toUInt64(1)), ${texts})`);
    case 'dc':
      return w('uniqExactArrayMap', texts);
    case 'values':
      return `mapApply((k, v) -> (k, arraySort(v)), ${w('groupUniqArrayArrayMap', texts)})`;
    case 'list': {
      // Every value in event order (newest first by the event time; without one, as the rows come), the
      // first 100 of each name.
      if (extras.time === '')
        return `mapApply((k, v) -> (k, arraySlice(v, 1, 100)), ${w('groupArrayArrayMap', texts)})`;
      const timed = `mapApply((k, v) -> (k, arrayMap(x -> (${extras.time}, x), v)), ${texts})`;
      return `mapApply((k, v) -> (k, arraySlice(arrayMap(t -> t.2, arrayReverseSort(t -> t.1, v)), 1, 100)), ${w('groupArrayArrayMap', timed)})`;
    }
    case 'mode': {
      // The most frequent text; between equally frequent ones, the least (as mode over a known field): the
      // name's values counted with sumMap (keys sorted), O(n log n).
      const counted = `arrayReduce('sumMap', arrayMap(x -> [x], v), arrayMap(x -> [toUInt64(1)], v))`;
      const most = `arrayMap(t -> t.1[indexOf(t.2, arrayMax(t.2))], [${counted}])[1]`;
      return `mapApply((k, v) -> (k, ${most}), ${w('groupArrayArrayMap', texts)})`;
    }
    case 'perc':
      // Nearest rank, as over a known field: the value at rank ceil(p × n) of the name's sorted numbers.
      return `mapApply((k, v) -> (k, arraySort(v)[toUInt64(greatest(1, ceil(${extras.p} * length(v))))]), ${w('groupArrayArrayMap', numbers)})`;
    case 'sum':
      return w('sumArrayMap', numbers);
    case 'avg':
      return w('avgArrayMap', numbers);
    case 'min':
      return w('minArrayMap', numbers);
    case 'max':
      return w('maxArrayMap', numbers);
    case 'range': {
      const least = w('minArrayMap', numbers);
      return `mapApply((k, v) -> (k, v - ${least}[k]), ${w('maxArrayMap', numbers)})`;
    }
    case 'stdev':
      return w('stddevSampArrayMap', numbers);
    case 'stdevp':
      return w('stddevPopArrayMap', numbers);
    case 'var':
      return w('varSampArrayMap', numbers);
    case 'varp':
      return w('varPopArrayMap', numbers);
    default:
      return assertNever(each, 'per-name aggregation');
  }
}

/**
 * A layer over `left` joined (`join`: `LEFT JOIN`, `ANY LEFT JOIN`, `FULL OUTER JOIN` …) to the rendered
 * `right`, as `l` and `r`. Never fresh: a filter must not go into the WHERE of the join itself.
 */
export function joinedLayer(
  left: Layer,
  join: string,
  right: string,
  on: string,
  rest: Pick<Layer, 'select' | 'order' | 'visible' | 'raw'> & Partial<Pick<Layer, 'where' | 'limitBy'>>,
): Layer {
  return {
    from: `(\n${indent(render(left, false))}\n) AS l\n${join} (\n${indent(right)}\n) AS r${on === '' ? '' : ` ON ${on}`}`,
    json: '_fields',
    where: [],
    groupBy: [],
    limit: null,
    limitBy: null,
    fill: null,
    ...rest,
    fresh: false,
  };
}

export function indent(sql: string): string {
  return sql
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

export function orderSql(order: readonly OrderItem[]): string {
  return order.map((o) => `${quoteIdent(o.alias)} ${o.descending ? 'DESC' : 'ASC'}`).join(', ');
}

/** Renders a layer; ORDER BY is printed only with a LIMIT (or at the top), where it has an effect. */
export function render(layer: Layer, top: boolean): string {
  const lines = [
    `SELECT ${layer.select.map((s) => (s.sql === quoteIdent(s.alias) ? s.sql : `${s.sql} AS ${quoteIdent(s.alias)}`)).join(', ')}`,
    `FROM ${layer.from}`,
  ];
  if (layer.where.length > 0) lines.push(`WHERE ${layer.where.join(' AND ')}`);
  if (layer.groupBy.length > 0) lines.push(`GROUP BY ${layer.groupBy.join(', ')}`);
  const ordered = layer.limit !== null || layer.limitBy !== null || layer.fill !== null || top;
  if (ordered && layer.order.length > 0) {
    // WITH FILL belongs to the first key (the filled column); further keys order the rows within it.
    const [first, ...rest] = layer.order;
    lines.push(
      layer.fill === null || !first
        ? `ORDER BY ${orderSql(layer.order)}`
        : `ORDER BY ${orderSql([first])} ${layer.fill}${rest.length > 0 ? `, ${orderSql(rest)}` : ''}`,
    );
  }
  if (layer.limitBy !== null) lines.push(`LIMIT ${layer.limitBy.count} BY ${layer.limitBy.keys.join(', ')}`);
  if (layer.limit !== null) lines.push(`LIMIT ${layer.limit}`);
  return lines.join('\n');
}

/**
 * Prints a relation as one SELECT statement with typed parameters.
 *
 * @example printClickHouse(plan('index=web status=500 | stats count by host'))
 *   // SELECT `host`, count() AS `count` FROM `logs` WHERE `org_id` = {p0:String} AND …
 *   //   AND (`index` = {p3:String}) AND ifNull(toFloat64OrNull(…) = {p4:Float64} OR …, false)
 *   //   AND isNotNull(`host`) GROUP BY `host` ORDER BY `host` ASC
 */
export function printClickHouse(rel: Rel, options: PrintOptions = {}): CompiledSql {
  const withFields = transactionsNeedingFields(rel, options.events !== false);
  const printer = new Printer(
    options.events === false ? readsOf(rel, withFields) : undefined,
    withFields,
    listOutputs(rel),
    options.tables,
  );
  printer.plan(rel);
  let layer = printer.rel(rel);
  // The column of the filled names or merged fields is the planner's: it goes into `_fields`, not out.
  const filledBy = options.filledFields;
  const helper =
    filledBy?.kind === 'fill' ? filledBy.names : filledBy?.kind === 'merge' ? filledBy.column : undefined;
  const outputs: Column[] = layer.visible.filter((c) => c.name !== helper);
  if (layer.raw) outputs.push(...printer.fieldColumns.map((name) => ({ name, type: 'any' as const })));
  const hasHidden = layer.select.some((s) => !outputs.some((o) => o.name === s.alias));
  const outOfOrder = layer.select.some((s, i) => s.alias !== outputs[i]?.name);
  // The series map leaves as name/value pairs: a JSON object would lose its order (numeric names first).
  const series = outputs.some((o) => o.name === seriesColumn);
  // Removed fields leave the events' JSON through its type: `JSON(SKIP path, …)` drops exactly those paths.
  const json = layer.raw && printer.fieldColumns[0] === '_fields';
  const removed = json ? (options.removedFields ?? []) : [];
  const filled = json ? options.filledFields : undefined;
  if (
    hasHidden ||
    outOfOrder ||
    series ||
    layer.select.length !== outputs.length ||
    removed.length > 0 ||
    filled !== undefined
  ) {
    const inner = layer;
    layer = printer.wrap(inner);
    layer.select = outputs.map((o) => ({
      sql:
        o.name === seriesColumn
          ? `arrayZip(mapKeys(${quoteIdent(o.name)}), mapValues(${quoteIdent(o.name)}))`
          : o.name === '_fields' && (removed.length > 0 || filled !== undefined)
            ? `CAST(${filledJson(filled, printer.params, '_fields')} AS JSON${removed.length > 0 ? `(${removed.map((f) => `SKIP ${quoteIdent(f)}`).join(', ')})` : ''})`
            : quoteIdent(o.name),
      alias: o.name,
    }));
  }
  if (options.maxRows !== undefined) {
    const cap = options.maxRows + 1;
    layer.limit = layer.limit === null ? cap : Math.min(layer.limit, cap);
  }
  // An alias may share its name with a column it reads (`values(x) AS x, dc(x)`): columns win.
  // join_use_nulls: a right-side column of an unmatched row is NULL, not its type's default.
  // use_variant_as_common_type = 0: branches of different numeric types meet in a number, not a Variant.
  const settings = [
    'prefer_column_name_to_alias = 1',
    'join_use_nulls = 1',
    'use_variant_as_common_type = 0',
  ];
  for (const [name, value] of Object.entries(options.settings ?? {})) {
    if (typeof value === 'number' && Number.isFinite(value)) settings.push(`${name} = ${Math.trunc(value)}`);
  }
  if (options.queryTag !== undefined)
    settings.push(`log_comment = ${printer.params.string(options.queryTag)}`);
  const sql = `${render(layer, true)}\nSETTINGS ${settings.join(', ')}`;
  return { sql, params: printer.params.values, columns: outputs };
}

/** What a statement reads of the table. */
interface Reads {
  readonly columns: ReadonlySet<string>;
  /** The whole JSON column of structured fields is needed (carried as events, merged, unioned). */
  readonly json: boolean;
  /** The structured fields read by name. */
  readonly paths: ReadonlySet<string>;
}

/** Every column name, every structured field read, and whether all structured fields are needed. */
function readsOf(rel: Rel, withFields: ReadonlySet<Rel>): Reads {
  const out = { columns: new Set<string>(), json: false, paths: new Set<string>() };
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) {
      x.forEach(visit);
    } else if (x !== null && typeof x === 'object') {
      if ('kind' in x && x.kind === 'field' && 'path' in x && typeof x.path === 'string')
        out.paths.add(x.path);
      // Steps that carry the structured fields along need them read.
      if ('kind' in x && (x.kind === 'union' || x.kind === 'project') && 'raw' in x && x.raw === true)
        out.json = true;
      // A project that keeps the events (dropping helper columns, fields -, rename) carries only the
      // structured fields read later: each is a `field` node that adds its path here.
      if ('kind' in x && (x.kind === 'join' || x.kind === 'paste') && 'raw' in x && x.raw === true)
        out.json = true;
      if (withFields.has(x as Rel)) out.json = true;
      // Field names known only when the search runs (fillnull and foreach over raw events).
      if (
        'kind' in x &&
        x.kind === 'call' &&
        'fn' in x &&
        (x.fn === 'field_names' ||
          x.fn === 'field_values' ||
          x.fn === 'fields_matching' ||
          x.fn === 'fields_json' ||
          x.fn === 'fields_filled')
      )
        out.json = true;
      if ('kind' in x && x.kind === 'column' && 'name' in x && typeof x.name === 'string')
        out.columns.add(x.name);
      Object.values(x).forEach(visit);
    }
  };
  visit(rel);
  return out;
}
