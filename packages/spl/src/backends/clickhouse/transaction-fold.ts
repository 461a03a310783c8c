// Prints `transaction`'s sequential algorithm as one fold over every event, newest first: the form for
// several fields (an event may have only some of them, and joins the open transaction it agrees with),
// `keeporphans`, and the open pool's limits (`maxopentxn`, `maxopenevents`).
//
// The fold's state: the open transactions (most recently used first), each event's transaction, each
// transaction's state (open, closed, evicted) and the next id. ClickHouse copies the state at every step,
// so the cost grows with the square of the events (measured: 0.3 s for 10,000 events, 7 s for 100,000);
// one field without these options keeps the window form of `transaction.ts`.

import type { Transaction } from '../../ir/types.ts';
import type { LayerPrinter } from './transaction.ts';
import { over, pass } from './transaction.ts';
import type { Layer } from './print.ts';
import { quoteIdent as q } from './quote.ts';

/** The per-event columns of step 1 that the fold reads, by hidden name. */
export interface FoldColumns {
  readonly K: readonly string[];
  readonly T: string;
  readonly R: string;
  readonly S: string | null;
  readonly E: string | null;
  readonly M: string | null;
  /** The names to give the event's position (newest first) and transaction. */
  readonly POS: string;
  readonly TXN: string;
}

/** The rows, and the names of their columns saying whether the transaction closed and the event is an orphan. */
export interface FoldRows {
  readonly layer: Layer;
  readonly CLOSED: string;
  readonly ORPHAN: string | null;
}

/** `body` with `name` bound to `value` (ClickHouse has no `let`: a one-element `arrayMap`). */
const bind = (name: string, value: string, body: string): string =>
  `arrayMap(${name} -> ${body}, [${value}])[1]`;

/** Transaction states in the fold's state array. */
const OPEN = 0;
const CLOSED = 1;
const EVICTED = 2;

/**
 * One step of the fold: `acc` = (open, ids, states, next), `x` = (T, keys, S, E, …). An open transaction
 * is (id, values, newest T, oldest T, events).
 */
function step(t: Transaction, keyCount: number): string {
  // Transactions past maxspan or maxpause at this event's time can take no older event: closed.
  const expiry = [
    ...(t.maxSpanMs !== null ? [`o.3 - x.1 >= ${t.maxSpanMs}`] : []),
    ...(t.maxPauseMs !== null ? [`o.4 - x.1 > ${t.maxPauseMs}`] : []),
  ].join(' OR ');
  const live = expiry ? `arrayFilter(o -> NOT (${expiry}), acc.1)` : 'acc.1';
  const expired = expiry ? `arrayMap(o -> o.1, arrayFilter(o -> ${expiry}, acc.1))` : '[]';
  // An event joins a transaction whose values it does not contradict; connected: sharing one of them.
  const shares = 'arrayExists((a, b) -> isNotNull(a) AND isNotNull(b), o.2, x.2)';
  const share =
    keyCount === 0
      ? ''
      : t.connected
        ? ` AND ${shares}`
        : t.unifyEnds && t.startsWith
          ? ` AND (NOT x.3 OR ${shares})`
          : '';
  const agrees =
    keyCount === 0 ? 'true' : `arrayAll((a, b) -> isNull(a) OR isNull(b) OR a = b, o.2, x.2)${share}`;
  // An endswith event is the newest of a new transaction.
  const find = `arrayFirstIndex(o -> ${agrees}, live)`;
  const index = t.endsWith ? `if(x.4, 0, ${find})` : find;
  const joined = `(live[i].1, arrayMap((a, b) -> coalesce(a, b), live[i].2, x.2), live[i].3, x.1, toUInt32(live[i].5 + 1))`;
  const opened = '(toUInt32(acc.4 + 1), x.2, x.1, x.1, toUInt32(1))';
  // The startswith event (the oldest) and the maxevents-th event close the transaction.
  const closes =
    [...(t.startsWith ? ['x.3'] : []), ...(t.maxEvents !== null ? [`n.5 >= ${t.maxEvents}`] : [])].join(
      ' OR ',
    ) || 'false';
  const rest = 'arrayFilter(o -> o.1 != n.1, live)';
  // The pool's limits evict the least recently used transaction (the last).
  const limits = [
    ...(t.maxOpenTxn !== null ? [(p: string) => `length(${p}) > ${t.maxOpenTxn}`] : []),
    ...(t.maxOpenEvents !== null ? [(p: string) => `arraySum(o -> o.5, ${p}) > ${t.maxOpenEvents}`] : []),
  ];
  const pools = ['p0', ...limits.map((_, i) => `p${i + 1}`)];
  const evicted = limits.map((over, i) => `if(${over(pools[i] ?? '')}, [${pools[i] ?? ''}[-1].1], [])`);
  const states = `arrayMap((s, k) -> multiIf(k = n.1 AND c, ${CLOSED}, has(expired, k), ${CLOSED}, has(evicted, k), ${EVICTED}, s), st, arrayEnumerate(st))`;
  const last = pools[pools.length - 1] ?? 'p0';
  let body = bind(
    'evicted',
    evicted.length > 0 ? `arrayConcat(${evicted.join(', ')})` : 'CAST([] AS Array(UInt32))',
    `(${last}, arrayPushBack(acc.2, n.1), ${states}, toUInt32(if(i = 0, acc.4 + 1, acc.4)))`,
  );
  for (let k = limits.length - 1; k >= 0; k--) {
    const prev = pools[k] ?? '';
    const over = limits[k];
    if (over) body = bind(pools[k + 1] ?? '', `if(${over(prev)}, arrayPopBack(${prev}), ${prev})`, body);
  }
  body = bind('p0', `if(c, ${rest}, arrayPushFront(${rest}, n))`, body);
  body = bind('st', `if(i = 0, arrayPushBack(acc.3, toUInt8(${OPEN})), acc.3)`, body);
  body = bind('c', closes, body);
  body = bind('n', `if(i > 0, ${joined}, ${opened})`, body);
  body = bind('i', index, body);
  body = bind('expired', expired, body);
  body = bind('live', live, body);
  if (keyCount === 0) return body;
  // An event without any of the fields is in no transaction (id 0): an orphan.
  return `if(arrayAll(v -> isNull(v), x.2), (acc.1, arrayPushBack(acc.2, toUInt32(0)), acc.3, acc.4), ${body})`;
}

/**
 * The events of `l1` with their transaction: positions newest first (`POS`), the transaction (`TXN`),
 * whether it closed (`CLOSED`) and whether the event is an orphan (`ORPHAN`, with `keeporphans`).
 */
export function foldRows(p: LayerPrinter, t: Transaction, l1: Layer, c: FoldColumns): FoldRows {
  const h = (): string => p.hidden();
  const { POS, TXN } = c;
  const [A, F, X, ID, ST, CL] = [h(), h(), h(), h(), h(), h()];
  const ORPHAN = t.keepOrphans ? h() : null;
  const keys =
    c.K.length > 0
      ? `[${c.K.map((k) => `toNullable(toString(${q(k)}))`).join(', ')}]`
      : 'CAST([] AS Array(Nullable(String)))';
  // 1 T, 2 keys as strings, 3 startswith, 4 endswith, 5 _raw, 6 fields, 7… the keys.
  const element = [
    q(c.T),
    keys,
    c.S ? q(c.S) : 'false',
    c.E ? q(c.E) : 'false',
    q(c.R),
    c.M ? q(c.M) : '[]',
    ...c.K.map(q),
  ];
  const stateType =
    'Tuple(Array(Tuple(UInt32, Array(Nullable(String)), Int64, Int64, UInt32)), Array(UInt32), Array(UInt8), UInt32)';
  const grouped = over(p, l1, [
    { sql: `arrayReverseSort(x -> x.1, groupArray((${element.join(', ')})))`, alias: A },
  ]);
  const folded = over(p, grouped, [
    ...pass(A),
    {
      sql: `arrayFold((acc, x) -> ${step(t, c.K.length)}, ${q(A)}, CAST(([], [], [], 0), '${stateType}'))`,
      alias: F,
    },
  ]);
  const perEvent = over(p, folded, [
    ...pass(A),
    { sql: `${q(F)}.2`, alias: ID },
    { sql: `arrayMap(k -> if(k = 0, ${OPEN}, ${q(F)}.3[k]), ${q(F)}.2)`, alias: ST },
  ]);
  // Open at the end: closed unless a startswith event was awaited; evicted: never closed.
  const closed = t.startsWith ? `${q(ST)} = ${CLOSED}` : `${q(ST)} != ${EVICTED}`;
  const rows = over(p, perEvent, [
    ...c.K.map((k, i) => ({ sql: `${q(X)}.${7 + i}`, alias: k })),
    { sql: `${q(X)}.1`, alias: c.T },
    { sql: `${q(X)}.5`, alias: c.R },
    ...(c.S ? [{ sql: `${q(X)}.3`, alias: c.S }] : []),
    ...(c.M ? [{ sql: `${q(X)}.6`, alias: c.M }] : []),
    { sql: `${q(POS)}`, alias: POS },
    { sql: closed, alias: CL },
    ...(ORPHAN
      ? [
          {
            sql: `${q(ID)} = 0${t.keepEvicted ? '' : ` OR NOT (${closed})`}`,
            alias: ORPHAN,
          },
        ]
      : []),
    { sql: q(ID), alias: TXN },
  ]);
  rows.from = `${rows.from} ARRAY JOIN ${q(A)} AS ${q(X)}, ${q(ID)} AS ${q(ID)}, ${q(ST)} AS ${q(ST)}, arrayEnumerate(${q(A)}) AS ${q(POS)}`;
  if (!ORPHAN) return { layer: rows, CLOSED: CL, ORPHAN };
  // An orphan is its own row.
  const out = over(p, rows, [
    ...pass(...c.K, c.T, c.R, ...(c.S ? [c.S] : []), ...(c.M ? [c.M] : []), POS, CL, ORPHAN),
    { sql: `if(${q(ORPHAN)}, (1, ${q(POS)}), (0, toUInt64(${q(TXN)})))`, alias: TXN },
  ]);
  return { layer: out, CLOSED: CL, ORPHAN };
}
