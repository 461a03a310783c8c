// Prints `transaction`'s sequential algorithm as a fold over the events, newest first: the form for several
// fields (an event may have only some of them, and joins the open transaction it agrees with),
// `keeporphans`, and the open pool's limits (`maxopentxn`, `maxopenevents`).
//
// The fold's state: the open transactions (most recently used first), each event's transaction, the
// transactions that left the pool (closed or evicted) and the next id. Events of different values never
// meet unless some event has only some of the fields: then (or with the pool's limits) one fold takes every
// event, at about 1 ms an event (10,000 events: 9.5 s, measured); otherwise each combination of values
// has its own fold, the folds running in step (100,000 events over two fields: 0.44 s). One field without
// these options keeps the window form of `transaction.ts`.

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

/** How a transaction left the open pool (`done`); one still open at the end has no entry. */
const OPEN = 0;
const CLOSED = 1;
const EVICTED = 2;
/** The status column of an event's own row, among the rows of the `done` entries. */
const EVENT = 255;

/**
 * One step of the fold: `acc` = (open, ids, done, next), `x` = (T, keys, S, E, …). An open transaction is
 * (id, values, newest T, oldest T, events); `done` lists (id, CLOSED | EVICTED) as transactions leave the
 * pool. The step's own work reads only `s` = (open, next) and `x`: a lambda copies what it captures, and
 * the growing `ids` and `done` are touched once, outside them.
 */
/** Whether open transaction `o` is past maxspan or maxpause at time `at` (ms); '' without either. */
function expiryOf(t: Transaction, o: string, at: string): string {
  return [
    ...(t.maxSpanMs !== null ? [`${o}.3 - ${at} >= ${t.maxSpanMs}`] : []),
    ...(t.maxPauseMs !== null ? [`${o}.4 - ${at} > ${t.maxPauseMs}`] : []),
  ].join(' OR ');
}

function step(t: Transaction, keyCount: number): string {
  // Transactions past maxspan or maxpause at this event's time can take no older event: closed.
  const expiry = expiryOf(t, 'o', 'x.1');
  const live = expiry ? `arrayFilter(o -> NOT (${expiry}), s.1)` : 's.1';
  const expired = expiry
    ? `arrayMap(o -> o.1, arrayFilter(o -> ${expiry}, s.1))`
    : 'CAST([] AS Array(UInt32))';
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
  const opened = '(toUInt32(s.2 + 1), x.2, x.1, x.1, toUInt32(1))';
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
  const entry = (id: string, status: number): string => `(${id}, toUInt8(${status}))`;
  const done = [
    `arrayMap(k -> ${entry('k', CLOSED)}, expired)`,
    `if(c, [${entry('n.1', CLOSED)}], [])`,
    ...limits.map(
      (over, i) => `if(${over(pools[i] ?? '')}, [${entry(`${pools[i] ?? ''}[-1].1`, EVICTED)}], [])`,
    ),
  ];
  const last = pools[pools.length - 1] ?? 'p0';
  // (open, this event's transaction, transactions done, next id)
  let body = `(${last}, n.1, CAST(arrayConcat(${done.join(', ')}) AS Array(Tuple(UInt32, UInt8))), toUInt32(if(i = 0, s.2 + 1, s.2)))`;
  for (let k = limits.length - 1; k >= 0; k--) {
    const prev = pools[k] ?? '';
    const over = limits[k];
    if (over) body = bind(pools[k + 1] ?? '', `if(${over(prev)}, arrayPopBack(${prev}), ${prev})`, body);
  }
  body = bind('p0', `if(c, ${rest}, arrayPushFront(${rest}, n))`, body);
  body = bind('c', closes, body);
  body = bind('n', `if(i > 0, ${joined}, ${opened})`, body);
  body = bind('i', index, body);
  body = bind('expired', expired, body);
  body = bind('live', live, body);
  body = bind('s', '(acc.1, acc.4)', body);
  const apply = `arrayMap(r -> (r.1, arrayPushBack(acc.2, r.2), arrayConcat(acc.3, r.3), r.4), [${body}])[1]`;
  if (keyCount === 0) return apply;
  // An event without any of the fields is in no transaction (id 0): an orphan.
  return `if(arrayAll(v -> isNull(v), x.2), (acc.1, arrayPushBack(acc.2, toUInt32(0)), acc.3, acc.4), ${apply})`;
}

/**
 * The events of `l1` with their transaction: positions newest first (`POS`), the transaction (`TXN`),
 * whether it closed (`CLOSED`) and whether the event is an orphan (`ORPHAN`, with `keeporphans`).
 */
export function foldRows(p: LayerPrinter, t: Transaction, l1: Layer, c: FoldColumns): FoldRows {
  const h = (): string => p.hidden();
  const { POS, TXN } = c;
  const [A, F, R, D, X, ID, KIND, ST, CL] = [h(), h(), h(), h(), h(), h(), h(), h(), h()];
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
    'Tuple(Array(Tuple(UInt32, Array(Nullable(String)), Int64, Int64, UInt32)), Array(UInt32), Array(Tuple(UInt32, UInt8)), UInt32)';
  // The fold runs per part, the parts' folds in step. Without an event that has only some of the fields
  // (and without the pool's limits, which count every open transaction), events of different values
  // never meet: a part per combination of values. Otherwise one part holds every event.
  const [P, MINT] = [h(), h()];
  const allNull = c.K.length > 0 ? `arrayAll(v -> isNull(v), ${keys})` : 'false';
  const partial = c.K.length > 1 ? `arrayExists(v -> isNull(v), ${keys}) AND NOT ${allNull}` : 'false';
  const whole = t.maxOpenTxn !== null || t.maxOpenEvents !== null;
  const parted = over(p, l1, [
    ...pass(...l1.select.map((x) => x.alias)),
    {
      sql: whole ? '0' : `if(max(${partial}) OVER () = 1, 0, cityHash64(${keys}))`,
      alias: P,
    },
    // The oldest event with a field: the last the global fold sees, which closes what it finds expired.
    { sql: `min(if(${allNull}, NULL, ${q(c.T)})) OVER ()`, alias: MINT },
  ]);
  const grouped = over(p, parted, [
    ...pass(P),
    { sql: `any(${q(MINT)})`, alias: MINT },
    { sql: `arrayReverseSort(x -> x.1, groupArray((${element.join(', ')})))`, alias: A },
  ]);
  grouped.groupBy = [q(P)];
  const expiredAtEnd = expiryOf(t, 'o', q(MINT));
  const folded = over(p, grouped, [
    ...pass(P, A),
    {
      sql: `arrayFold((acc, x) -> ${step(t, c.K.length)}, ${q(A)}, CAST(([], [], [], 0), '${stateType}'))`,
      alias: F,
    },
    { sql: `defaultValueOfArgumentType(${q(A)}[1])`, alias: D },
    ...pass(MINT),
  ]);
  // What is still open when the part's events end: closed if the oldest event of all finds it expired.
  const atEnd = expiredAtEnd
    ? `arrayMap(o -> (o.1, toUInt8(if(${expiredAtEnd}, ${CLOSED}, ${OPEN}))), ${q(F)}.1)`
    : 'CAST([] AS Array(Tuple(UInt32, UInt8)))';
  // One row per event (its transaction, position, columns) and one per transaction that left the pool
  // (its status, an empty event): a window over each transaction's rows gives its members the status
  // without looking it up in an array (which a lambda would copy for every event).
  const records = over(p, folded, [
    {
      sql: `arrayConcat(arrayMap((x, k, i) -> (k, toUInt8(${EVENT}), toUInt64(i), x), ${q(A)}, ${q(F)}.2, arrayEnumerate(${q(A)})), arrayMap(d -> (d.1, d.2, toUInt64(0), ${q(D)}), arrayConcat(${q(F)}.3, ${atEnd})))`,
      alias: R,
    },
    ...pass(P),
  ]);
  const joinedRows = over(p, records, [
    ...pass(P),
    { sql: `${q(X)}.1`, alias: ID },
    { sql: `${q(X)}.2`, alias: KIND },
    { sql: `${q(X)}.3`, alias: POS },
    { sql: `${q(X)}.4`, alias: X },
  ]);
  joinedRows.from = `${joinedRows.from} ARRAY JOIN ${q(R)} AS ${q(X)}`;
  const withStatus = over(p, joinedRows, [
    ...pass(P, ID, KIND, POS, X),
    {
      sql: `max(if(${q(KIND)} = ${EVENT}, ${OPEN}, ${q(KIND)})) OVER (PARTITION BY ${q(P)}, ${q(ID)})`,
      alias: ST,
    },
  ]);
  // Open at the end: closed unless a startswith event was awaited; evicted: never closed.
  const closed = t.startsWith ? `${q(ST)} = ${CLOSED}` : `${q(ST)} != ${EVICTED}`;
  const rows = over(p, withStatus, [
    ...c.K.map((k, i) => ({ sql: `${q(X)}.${7 + i}`, alias: k })),
    { sql: `${q(X)}.1`, alias: c.T },
    { sql: `${q(X)}.5`, alias: c.R },
    ...(c.S ? [{ sql: `${q(X)}.3`, alias: c.S }] : []),
    ...(c.M ? [{ sql: `${q(X)}.6`, alias: c.M }] : []),
    ...pass(POS),
    { sql: closed, alias: CL },
    ...(ORPHAN
      ? [
          {
            sql: `${q(ID)} = 0${t.keepEvicted ? '' : ` OR NOT (${closed})`}`,
            alias: ORPHAN,
          },
        ]
      : []),
    {
      sql: ORPHAN
        ? `if(${q(ORPHAN)}, (1, ${q(P)}, ${q(POS)}), (0, ${q(P)}, toUInt64(${q(ID)})))`
        : `(${q(P)}, ${q(ID)})`,
      alias: TXN,
    },
  ]);
  rows.where.push(`${q(KIND)} = ${EVENT}`);
  return { layer: rows, CLOSED: CL, ORPHAN };
}
