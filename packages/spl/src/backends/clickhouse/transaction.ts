// Prints `transaction` (IR `Transaction`) as nested SELECTs: Splunk's sequential grouping, exactly.
//
// Events are numbered per group newest first (`POS`), as Splunk processes them (events with the same
// `_time` in any order, as in Splunk; sorting on `_raw` too would read it for every event). Constraints that need no
// state mark boundaries with window functions: a pause longer than `maxpause`, an `endswith` event, the
// event after a `startswith` one. Without `maxspan`, a transaction is a run between boundaries cut every
// `maxevents` events. With `maxspan` the cut depends on where the transaction started, so the starts come
// from a fold over each group's events (the groups' folds run in step; one huge group is slow, at about
// 25 µs per event). Pointer doubling over arrays was tried: ClickHouse copies a captured array into each
// lambda call, which makes `arrayMap(i -> J[i], J)` quadratic.
// Then one GROUP BY per (group, transaction) builds the output event.

import type { Rel, Transaction } from '../../ir/types.ts';
import type { Unary } from './anchor.ts';
import type { ExprContext } from './expr.ts';
import { printExpr } from './expr.ts';
import type { Layer, SelectItem } from './print.ts';
import type { Params } from './quote.ts';
import { quoteIdent as q } from './quote.ts';
import type { FoldRows } from './transaction-fold.ts';
import { foldRows } from './transaction-fold.ts';

/** What printing a transaction needs of the printer. */
export interface LayerPrinter {
  readonly params: Params;
  rel(r: Rel): Layer;
  wrap(inner: Layer): Layer;
  /** The layer `r` is printed on: its input's, or a new one over it (as the layering pass decides). */
  over(r: Unary, inner?: Layer): Layer;
  ctx(layer: Layer): ExprContext;
  hidden(): string;
}

const pairsType = 'Array(Tuple(String, Nullable(String)))';

/** A fresh hidden column name for each of `keys`. */
function hiddenNames<Key extends string>(p: LayerPrinter, keys: readonly Key[]): Record<Key, string> {
  return Object.fromEntries(keys.map((k) => [k, p.hidden()])) as Record<Key, string>;
}

/** A layer over `inner` selecting exactly `select`. */
export function over(p: LayerPrinter, inner: Layer, select: SelectItem[]): Layer {
  const layer = p.wrap(inner);
  layer.select = select;
  layer.order = [];
  layer.fresh = false;
  return layer;
}

/** Select items passing the columns `aliases` through. */
export const pass = (...aliases: string[]): SelectItem[] => aliases.map((a) => ({ sql: q(a), alias: a }));

/**
 * Each event's fields as (name, value) pairs: the structured fields of `_fields` (a list field gives one
 * pair per value) except `hidden` ones, and the values of the columns merged into the transaction.
 */
function memberFields(p: LayerPrinter, t: Transaction, input: Layer): string {
  const ctx = p.ctx(input);
  const parts = t.merged.map(
    (m) => `arrayMap(v -> (${p.params.string(m.name)}, v), ${printExpr(m.values, ctx)})`,
  );
  if (input.raw) {
    const json = q(ctx.json);
    const types = `JSONAllPathsWithTypes(${json})`;
    const values = `arrayMap(v -> (f, toNullable(toString(v))), CAST(x AS Array(Dynamic)))`;
    parts.push(
      `arrayFilter(x -> NOT has(${p.params.bind(t.hidden, 'Array(String)')}, x.1), arrayFlatten(arrayMap((f, x) -> if(startsWith(${types}[f], 'Array('), ${values}, [(f, toNullable(x))]), JSONAllPaths(${json}), JSONAllValues(${json}))))`,
    );
  }
  const all = parts.length === 0 ? `CAST([] AS ${pairsType})` : `arrayConcat(${parts.join(', ')})`;
  return `arrayFilter(x -> isNotNull(x.2) AND x.2 != '', ${all})`;
}

/** The transaction's structured fields as JSON, from its members' pairs (`M`), ordered by `POS`. */
function mergedJson(p: LayerPrinter, t: Transaction, M: string, POS: string): string {
  let entries: string;
  if (t.mvList) {
    // Every member's values, oldest first, `nullstr` for a member without the field.
    const members = `arrayMap(x -> x.2, arrayReverseSort(x -> x.1, groupArray((${q(POS)}, ${q(M)}))))`;
    const paths = `arraySort(arrayDistinct(arrayFlatten(arrayMap(m -> arrayMap(x -> x.1, m), ${members}))))`;
    const values = `arrayFlatten(arrayMap(m -> if(has(arrayMap(x -> x.1, m), f), arrayMap(x -> x.2, arrayFilter(x -> x.1 = f, m)), [toNullable(${p.params.string(t.nullStr)})]), ${members}))`;
    entries = `arrayMap(f -> (f, ${values}), ${paths})`;
  } else {
    // Distinct values, sorted: the sorted distinct pairs, split where the name changes.
    const pairs = `arraySort(groupUniqArrayArray(${q(M)}))`;
    const names = `arrayMap(x -> x.1, ${pairs})`;
    const groups = `arrayFilter(g -> notEmpty(g), arraySplit((x, a, b) -> a != b, ${pairs}, ${names}, arrayPushFront(arrayPopBack(${names}), '')))`;
    entries = `arrayMap(g -> (g[1].1, arrayMap(x -> x.2, g)), ${groups})`;
  }
  // One value stays a value; several become a list, as a multivalue field.
  const entry = `concat(toJSONString(e.1), ':', if(length(e.2) = 1, toJSONString(e.2[1]), toJSONString(e.2)))`;
  return `CAST(concat('{', arrayStringConcat(arrayMap(e -> ${entry}, ${entries}), ','), '}') AS JSON)`;
}

/**
 * The transactions of `t` as a layer. `withFields`: build `_fields` (the rows are returned as events, or
 * a later step reads a structured field).
 */
export function printTransaction(p: LayerPrinter, t: Transaction, withFields: boolean): Layer {
  const input = p.over(t);
  const ctx = p.ctx(input);
  const K = t.keys.map(() => p.hidden());
  const h = (): string => p.hidden();
  const { T, R, S, E, M, POS, PREVT, PREVS, B, CUT, TXN, AFTER } = hiddenNames(p, [
    'T',
    'R',
    'S',
    'E',
    'M',
    'POS',
    'PREVT',
    'PREVS',
    'B',
    'CUT',
    'TXN',
    'AFTER',
  ]);
  const start = t.startsWith !== null;
  // Several fields, orphans and the open pool's limits need the sequential fold.
  const fold = t.keys.length > 1 || t.keepOrphans || t.maxOpenTxn !== null || t.maxOpenEvents !== null;

  // 1. Per event: the keys, the time in ms, `_raw`, the bounds and the fields.
  const carried = [...K, T, R, ...(start ? [S] : []), ...(withFields ? [M] : [])];
  const l1 = input;
  l1.select = [
    ...t.keys.map((k, i) => ({ sql: printExpr(k.expr, ctx), alias: K[i] ?? '' })),
    { sql: `toUnixTimestamp64Milli(${printExpr(t.time, ctx)})`, alias: T },
    { sql: t.raw ? `ifNull(toString(${printExpr(t.raw, ctx)}), '')` : `''`, alias: R },
    ...(t.startsWith ? [{ sql: printExpr(t.startsWith, ctx), alias: S }] : []),
    ...(t.endsWith ? [{ sql: printExpr(t.endsWith, ctx), alias: E }] : []),
    ...(withFields ? [{ sql: memberFields(p, t, input), alias: M }] : []),
  ];
  l1.order = [];
  l1.fresh = false;
  // Events without any of the fields are in no transaction.
  if (K.length > 0 && !t.keepOrphans) l1.where.push(`NOT (${K.map((k) => `isNull(${q(k)})`).join(' AND ')})`);
  if (fold) {
    const S1 = start ? S : null;
    const E1 = t.endsWith ? E : null;
    const f = foldRows(p, t, l1, { K, T, R, S: S1, E: E1, M: withFields ? M : null, POS, TXN });
    return transactionEvents(p, t, withFields, f.layer, { K, T, R, S, M, POS, TXN, AFTER }, f);
  }
  // 2. Newest first per group: positions, the previous event's time and bound.
  const partition = K.length > 0 ? `PARTITION BY ${K.map(q).join(', ')} ` : '';
  const newestFirst = `${partition}ORDER BY ${q(T)} DESC`;
  const previous = (x: string): string =>
    `any(${q(x)}) OVER (${newestFirst} ROWS BETWEEN 1 PRECEDING AND 1 PRECEDING)`;
  const span = t.maxSpanMs;
  const l2 = over(p, l1, [
    ...pass(...carried),
    ...(t.endsWith ? pass(E) : []),
    {
      sql: `row_number() OVER (${newestFirst})`,
      alias: POS,
    },
    ...(t.maxPauseMs !== null ? [{ sql: previous(T), alias: PREVT }] : []),
    ...(start ? [{ sql: previous(S), alias: PREVS }] : []),
  ]);

  // 3. Boundaries that need no state; `CUT`: a pause longer than `maxpause` ends the previous one.
  const boundary = [
    `${q(POS)} = 1`,
    ...(t.maxPauseMs !== null ? [`${q(PREVT)} - ${q(T)} > ${t.maxPauseMs}`] : []),
    ...(t.endsWith ? [q(E)] : []),
    ...(start ? [q(PREVS)] : []),
  ].join(' OR ');
  const cut = t.maxPauseMs !== null ? `${q(POS)} > 1 AND ${q(PREVT)} - ${q(T)} > ${t.maxPauseMs}` : 'false';
  const byPos = `${partition}ORDER BY ${q(POS)}`;
  const running = `${byPos} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW`;
  let rows: Layer;
  if (span === null) {
    // Runs between boundaries, cut every `maxevents` events.
    const [SEG, SEGSTART] = [h(), h()];
    const l3 = over(p, l2, [
      ...pass(...carried, POS),
      ...(start ? [{ sql: cut, alias: CUT }] : []),
      { sql: `sum(toUInt64(${boundary})) OVER (${running})`, alias: SEG },
      { sql: `max(if(${boundary}, ${q(POS)}, 0)) OVER (${running})`, alias: SEGSTART },
    ]);
    const me = t.maxEvents;
    const offset = `(${q(POS)} - ${q(SEGSTART)})`;
    const cutAt = me === null ? q(CUT) : `(${q(CUT)} OR (${offset} > 0 AND ${offset} % ${me} = 0))`;
    rows = over(p, l3, [
      ...pass(...carried, POS),
      { sql: me === null ? q(SEG) : `(${q(SEG)}, intDiv(${offset}, ${me}))`, alias: TXN },
      // Whether the next older event was cut off by a limit (which closes this transaction).
      ...(start
        ? [{ sql: `any(${cutAt}) OVER (${byPos} ROWS BETWEEN 1 FOLLOWING AND 1 FOLLOWING)`, alias: AFTER }]
        : []),
    ]);
  } else {
    // Where a transaction starts depends on where the previous one started: a fold over each group's
    // events, newest first, carrying the start's time, the count and the starts so far (each with whether
    // the transaction before it was cut by a limit). The groups' folds run in step, vectorised.
    const l3 = over(p, l2, [...pass(...carried, POS), { sql: cut, alias: CUT }, { sql: boundary, alias: B }]);
    const [A, FOLD, STARTS, ENDS, X] = [h(), h(), h(), h(), h()];
    const limit = [
      `acc.1 - x.4 >= ${span}`,
      ...(t.maxEvents !== null ? [`acc.2 >= ${t.maxEvents}`] : []),
    ].join(' OR ');
    const grouped = over(p, l3, [
      ...pass(...K),
      // 1 POS, 2 boundary, 3 cut by maxpause, 4 T, 5 R, 6 S, 7 M.
      {
        sql: `arraySort(x -> x.1, groupArray((${q(POS)}, ${q(B)}, ${q(CUT)}, ${q(T)}, ${q(R)}, ${start ? q(S) : 'false'}, ${withFields ? q(M) : '[]'})))`,
        alias: A,
      },
      {
        sql: `arrayFold((acc, x) -> if(x.2 OR ${limit}, (x.4, toUInt64(1), arrayPushBack(acc.3, (x.1, ${limit} OR x.3))), (acc.1, acc.2 + 1, acc.3)), ${q(A)}, (toInt64(0), toUInt64(0), CAST([] AS Array(Tuple(UInt64, Bool)))))`,
        alias: FOLD,
      },
      { sql: `arrayMap(s -> s.1, ${q(FOLD)}.3)`, alias: STARTS },
      { sql: `arrayPushBack(arrayPopFront(${q(STARTS)}), length(${q(A)}) + 1)`, alias: ENDS },
      {
        sql: `arrayFlatten(arrayMap((s, e) -> arrayWithConstant(e - s, s), ${q(STARTS)}, ${q(ENDS)}))`,
        alias: TXN,
      },
      // A transaction was closed by a limit when the next one started because of one.
      ...(start
        ? [
            {
              sql: `arrayFlatten(arrayMap((s, e, c) -> arrayWithConstant(e - s, c), ${q(STARTS)}, ${q(ENDS)}, arrayPushBack(arrayPopFront(arrayMap(s -> s.2, ${q(FOLD)}.3)), false)))`,
              alias: AFTER,
            },
          ]
        : []),
    ]);
    grouped.groupBy = K.map(q);
    rows = over(p, grouped, [
      ...pass(...K),
      { sql: `${q(X)}.1`, alias: POS },
      { sql: `${q(X)}.4`, alias: T },
      { sql: `${q(X)}.5`, alias: R },
      ...(start ? [{ sql: `${q(X)}.6`, alias: S }] : []),
      ...(withFields ? [{ sql: `${q(X)}.7`, alias: M }] : []),
      ...pass(TXN, ...(start ? [AFTER] : [])),
    ]);
    // The arrays of the ARRAY JOIN are joined element by element (same lengths).
    const join = [A, TXN, ...(start ? [AFTER] : [])];
    rows.from = `${rows.from} ARRAY JOIN ${join.map((a) => `${q(a)} AS ${q(a === A ? X : a)}`).join(', ')}`;
  }

  return transactionEvents(p, t, withFields, rows, { K, T, R, S, M, POS, TXN, AFTER }, null);
}

/** The hidden columns of the events grouped into transactions. */
interface Members {
  readonly K: readonly string[];
  readonly T: string;
  readonly R: string;
  readonly S: string;
  readonly M: string;
  readonly POS: string;
  readonly TXN: string;
  readonly AFTER: string;
}

/**
 * 4. One event per transaction, from its members `rows`. `fold`: the fold's columns saying whether the
 * transaction closed and the event is an orphan (its own row, `_txn_orphan=1`); null for the windows' form.
 */
function transactionEvents(
  p: LayerPrinter,
  t: Transaction,
  withFields: boolean,
  rows: Layer,
  { K, T, R, S, M, POS, TXN, AFTER }: Members,
  fold: FoldRows | null,
): Layer {
  const start = t.startsWith !== null;
  const CLOSED = p.hidden();
  const closed = fold
    ? `any(${q(fold.CLOSED)})`
    : start
      ? `(argMax(${q(S)}, ${q(POS)}) OR argMax(${q(AFTER)}, ${q(POS)}))`
      : 'true';
  const orphan = fold?.ORPHAN ? `any(${q(fold.ORPHAN)})` : null;
  // An orphan is an event, not a transaction: no duration, count or closed_txn.
  const unlessOrphan = (sql: string): string => (orphan ? `if(${orphan}, NULL, ${sql})` : sql);
  const evicts = start || (fold !== null && (t.maxOpenTxn !== null || t.maxOpenEvents !== null));
  const out = over(p, rows, [
    { sql: `fromUnixTimestamp64Milli(min(${q(T)}), 'UTC')`, alias: '_time' },
    ...(t.raw
      ? [
          {
            sql: `arrayStringConcat(arrayMap(x -> x.2, arrayReverseSort(x -> x.1, groupArray((${q(POS)}, ${q(R)})))), ${t.rawDelim === '\n' ? `'\\n'` : p.params.string(t.rawDelim)})`,
            alias: '_raw',
          },
        ]
      : []),
    ...t.keys.map((k, i) => ({ sql: fold ? `any(${q(K[i] ?? '')})` : q(K[i] ?? ''), alias: k.name })),
    { sql: unlessOrphan(`(max(${q(T)}) - min(${q(T)})) / 1000`), alias: 'duration' },
    { sql: unlessOrphan('count()'), alias: 'eventcount' },
    ...(t.keepEvicted ? [{ sql: unlessOrphan(`toUInt8(${closed})`), alias: 'closed_txn' }] : []),
    ...(orphan ? [{ sql: `if(${orphan}, 1, NULL)`, alias: '_txn_orphan' }] : []),
    ...(withFields ? [{ sql: mergedJson(p, t, M, POS), alias: '_fields' }] : []),
    ...(evicts && !t.keepEvicted ? [{ sql: orphan ? `${closed} OR ${orphan}` : closed, alias: CLOSED }] : []),
  ]);
  out.groupBy = fold ? [q(TXN)] : [...K.map(q), q(TXN)];
  out.order = [{ alias: '_time', descending: true }];
  out.visible = [
    { name: '_time', type: 'time' },
    ...(t.raw ? [{ name: '_raw', type: 'any' as const }] : []),
    ...t.keys.map((k) => ({ name: k.name, type: k.expr.type === 'null' ? ('any' as const) : k.expr.type })),
    { name: 'duration', type: 'number' },
    { name: 'eventcount', type: 'number' },
    ...(t.keepEvicted ? [{ name: 'closed_txn', type: 'number' as const }] : []),
    ...(orphan ? [{ name: '_txn_orphan', type: 'number' as const }] : []),
  ];
  out.raw = withFields;
  if (!evicts || t.keepEvicted) return out;
  // Transactions that never reached their `startswith` event are evicted.
  const kept = p.wrap(out);
  kept.select = kept.select.filter((x) => x.alias !== CLOSED);
  kept.where.push(q(CLOSED));
  return kept;
}

/** How many structured-field reads `x` holds (a node shared by two branches counts twice). */
function fieldReads(x: unknown): number {
  if (Array.isArray(x)) return x.reduce((n: number, y) => n + fieldReads(y), 0);
  if (x === null || typeof x !== 'object') return 0;
  const own = 'kind' in x && x.kind === 'field' ? 1 : 0;
  return Object.values(x).reduce((n: number, y) => n + fieldReads(y), own);
}

/**
 * The transactions whose merged structured fields are used: all when the result is events, else those
 * with a structured-field read outside themselves (a later step reads a field of the transaction).
 */
export function transactionsNeedingFields(rel: Rel, events: boolean): Set<Rel> {
  const found: Transaction[] = [];
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(visit);
    else if (x !== null && typeof x === 'object') {
      if ('kind' in x && x.kind === 'transaction') found.push(x as Transaction);
      Object.values(x).forEach(visit);
    }
  };
  visit(rel);
  if (found.length === 0) return new Set();
  const total = fieldReads(rel);
  return new Set(found.filter((t) => events || total - fieldReads(t) > 0));
}
