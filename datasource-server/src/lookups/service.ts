// Lookup tables in the store, per tenant: list, read, replace or append, delete, and the catalog of their
// columns the SPL compiler needs. Knows nothing of HTTP.
//
// Every write inserts a new version's rows into `lookup_rows`, then one pointer row into `lookup_tables`;
// searches read only the rows of the newest pointer's version (@nexus/spl: backends/clickhouse/lookup.ts).
// So a replacement is seen all at once, and a search never sees old and new rows mixed. Rows of a
// superseded version are deleted once it has been superseded for longer than any search may run.

import type { Role } from '../auth/types.ts';
import type { LookupCatalog } from '@nexus/spl';
import type { Store } from '../store/types.ts';

/** Roles that may create, replace and delete lookup tables (and run `outputlookup`). */
export const LOOKUP_WRITERS: readonly Role[] = ['editor', 'admin'];

export interface LookupInfo {
  /** The canonical name (without `.csv`). */
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: number;
  /** ISO 8601, UTC. */
  readonly updated: string;
}

/** A table's content: cells in the header's order, null where empty. */
export interface LookupContent {
  readonly info: LookupInfo;
  readonly rows: (string | null)[][];
}

/**
 * How long a superseded version's rows stay readable: longer than a search may run (60 s by default),
 * so a search that read the old version pointer still finds all of that version's rows.
 */
export const SUPERSEDED_GRACE_MS = 10 * 60_000;

interface Pointer {
  readonly version: number;
  readonly columns: string[];
  readonly rows: number;
  readonly deleted: boolean;
  readonly updated: string;
}

let lastVersion = 0;

/** A version above `current` and every version this process issued: microseconds since the epoch. */
function nextVersion(current: number, nowMs: number): number {
  lastVersion = Math.max(Math.trunc(nowMs) * 1000, current + 1, lastVersion + 1);
  return lastVersion;
}

const iso = (dateTime64: unknown): string => `${String(dateTime64).replace(' ', 'T')}Z`;

/** The newest pointer of each of the tenant's tables (or of one table), deleted ones included. */
async function pointers(store: Store, orgId: string, name?: string): Promise<Map<string, Pointer>> {
  const r = await store.query({
    sql: `SELECT name, max(version), argMax(columns, version), argMax(rows, version), argMax(deleted, version), argMax(updated_at, version)
FROM lookup_tables
WHERE org_id = {org:String}${name === undefined ? '' : ' AND name = {name:String}'}
GROUP BY name
ORDER BY name`,
    params: { org: orgId, ...(name === undefined ? {} : { name }) },
  });
  const out = new Map<string, Pointer>();
  for (const [n, version, columns, rows, deleted, updated] of r.rows) {
    out.set(String(n), {
      version: Number(version),
      columns: Array.isArray(columns) ? columns.map(String) : [],
      rows: Number(rows),
      deleted: deleted === true || deleted === 1,
      updated: iso(updated),
    });
  }
  return out;
}

const info = (name: string, p: Pointer): LookupInfo => ({
  name,
  columns: p.columns,
  rows: p.rows,
  updated: p.updated,
});

/** The tenant's tables, by name. */
export async function listLookups(store: Store, orgId: string): Promise<LookupInfo[]> {
  const all = await pointers(store, orgId);
  return [...all].filter(([, p]) => !p.deleted).map(([name, p]) => info(name, p));
}

/**
 * The columns of every table of the tenant, for `compile({ lookups })`.
 *
 * @example await lookupCatalog(store, 'acme') // Map { 'users' => ['user', 'dept'] }
 */
export async function lookupCatalog(store: Store, orgId: string): Promise<LookupCatalog> {
  return new Map((await listLookups(store, orgId)).map((t) => [t.name, t.columns]));
}

/** A table's rows in file order, or undefined when it does not exist. */
export async function readLookup(
  store: Store,
  orgId: string,
  name: string,
): Promise<LookupContent | undefined> {
  const p = (await pointers(store, orgId, name)).get(name);
  if (!p || p.deleted) return undefined;
  const r = await store.query({
    sql: `SELECT arrayMap(c -> nullIf(cells[c], ''), {columns:Array(String)})
FROM lookup_rows
WHERE org_id = {org:String} AND name = {name:String} AND version = {version:UInt64}
ORDER BY row`,
    params: { org: orgId, name, version: p.version, columns: p.columns },
  });
  const rows = r.rows.map((row) => {
    const cells = row[0];
    return Array.isArray(cells) ? cells.map((c) => (c === null ? null : String(c))) : [];
  });
  return { info: info(name, p), rows };
}

export interface WriteOptions {
  /** Add the rows after the table's current ones (columns: the current ones, then any new ones). */
  readonly append?: boolean;
  readonly nowMs?: number;
}

/**
 * Replaces (or appends to) a table with `rows` under `header`, creating it if needed. The new version's
 * rows are inserted first and the pointer last, so searches switch to the new content at once.
 *
 * @example await writeLookup(store, 'acme', 'users', ['user', 'dept'], [['alice', 'eng']])
 */
export async function writeLookup(
  store: Store,
  orgId: string,
  name: string,
  header: readonly string[],
  rows: readonly (readonly (string | null)[])[],
  opts: WriteOptions = {},
): Promise<{ info: LookupInfo; created: boolean }> {
  const nowMs = opts.nowMs ?? Date.now();
  const current = (await pointers(store, orgId, name)).get(name);
  const live = current && !current.deleted ? current : undefined;
  const version = nextVersion(current?.version ?? 0, nowMs);
  const keep = opts.append && live ? live : undefined;
  const columns = keep ? [...keep.columns, ...header.filter((h) => !keep.columns.includes(h))] : [...header];
  if (keep) {
    await store.command(
      `INSERT INTO lookup_rows (org_id, name, version, row, cells)
SELECT org_id, name, {new:UInt64}, row, cells
FROM lookup_rows
WHERE org_id = {org:String} AND name = {name:String} AND version = {old:UInt64}`,
      { org: orgId, name, new: version, old: keep.version },
    );
  }
  const offset = keep?.rows ?? 0;
  await store.insertRows(
    'lookup_rows',
    rows.map((cells, i) => ({
      org_id: orgId,
      name,
      version,
      row: offset + i,
      // Empty cells are left out: a missing key reads as '' (null to a search).
      cells: Object.fromEntries(
        header.flatMap((h, j) => {
          const v = cells[j];
          return v === null || v === undefined || v === '' ? [] : [[h, v]];
        }),
      ),
    })),
  );
  const total = offset + rows.length;
  await store.command(
    `INSERT INTO lookup_tables (org_id, name, version, columns, rows, deleted, updated_at)
VALUES ({org:String}, {name:String}, {version:UInt64}, {columns:Array(String)}, {rows:UInt64}, false, fromUnixTimestamp64Milli({now:Int64}, 'UTC'))`,
    { org: orgId, name, version, columns, rows: total, now: Math.trunc(nowMs) },
  );
  await sweepLookups(store, orgId, nowMs);
  return {
    info: { name, columns, rows: total, updated: new Date(nowMs).toISOString() },
    created: live === undefined,
  };
}

/** Deletes a table: searches stop seeing it at once; its rows go after the grace period. False if absent. */
export async function deleteLookup(
  store: Store,
  orgId: string,
  name: string,
  nowMs = Date.now(),
): Promise<boolean> {
  const current = (await pointers(store, orgId, name)).get(name);
  if (!current || current.deleted) return false;
  await store.command(
    `INSERT INTO lookup_tables (org_id, name, version, columns, rows, deleted, updated_at)
VALUES ({org:String}, {name:String}, {version:UInt64}, [], 0, true, fromUnixTimestamp64Milli({now:Int64}, 'UTC'))`,
    { org: orgId, name, version: nextVersion(current.version, nowMs), now: Math.trunc(nowMs) },
  );
  await sweepLookups(store, orgId, nowMs);
  return true;
}

/**
 * Deletes the rows no search can read any more, for all of the tenant's tables: the rows of every version
 * older than the newest pointer published more than `SUPERSEDED_GRACE_MS` ago (each of them was
 * superseded before that), and rows of writes that never published a pointer, once older than the grace
 * period (versions are microsecond timestamps, so a version's age is its number). Returns how many
 * table versions were deleted.
 */
export async function sweepLookups(store: Store, orgId: string, nowMs = Date.now()): Promise<number> {
  const r = await store.query({
    sql: `SELECT r.name, r.versions, p.published
FROM (SELECT name, groupUniqArray(version) AS versions FROM lookup_rows WHERE org_id = {org:String} GROUP BY name) AS r
LEFT JOIN (SELECT name, groupArray(version) AS published FROM lookup_tables WHERE org_id = {org:String} GROUP BY name) AS p
ON r.name = p.name`,
    params: { org: orgId },
  });
  const horizon = (Math.trunc(nowMs) - SUPERSEDED_GRACE_MS) * 1000;
  const numbers = (x: unknown): number[] => (Array.isArray(x) ? x.map(Number) : []);
  let deleted = 0;
  for (const [n, versions, pointers] of r.rows) {
    const published = numbers(pointers);
    const current = Math.max(0, ...published);
    const cutoff = Math.max(0, ...published.filter((v) => v <= horizon));
    const stale = numbers(versions).filter(
      (v) => v < cutoff || (v > current && v <= horizon && !published.includes(v)),
    );
    if (stale.length === 0) continue;
    await store.command(
      'DELETE FROM lookup_rows WHERE org_id = {org:String} AND name = {name:String} AND version IN {stale:Array(UInt64)}',
      { org: orgId, name: String(n), stale },
    );
    deleted += stale.length;
  }
  return deleted;
}

/** A result column the way `outputlookup` writes it. */
export interface WrittenColumn {
  readonly name: string;
  /** The IR type (`time`, `mv`, `number` …), which decides the text. */
  readonly type: string;
}

/**
 * Search results as lookup cells, as Splunk writes them to a CSV file: times as epoch seconds, multivalue
 * fields as their values joined by newlines, numbers and text as printed, null (or no values) as empty.
 *
 * @example resultCells(['_time', 'n'], [['2024-01-10 12:00:00.000', 3]], [{ name: 'n', type: 'number' }])
 *   // [['3']]
 */
export function resultCells(
  names: readonly string[],
  rows: readonly (readonly unknown[])[],
  columns: readonly WrittenColumn[],
): (string | null)[][] {
  const at = columns.map((c) => names.indexOf(c.name));
  const text = (v: unknown, type: string): string | null => {
    if (v === null || v === undefined) return null;
    if (Array.isArray(v)) {
      const values = v.filter((x) => x !== null).map(String);
      return values.length === 0 ? null : values.join('\n');
    }
    if (type === 'time' && typeof v === 'string') {
      const ms = Date.parse(`${v.replace(' ', 'T')}Z`);
      return Number.isNaN(ms) ? v : String(ms / 1000);
    }
    return String(v);
  };
  return rows.map((row) => columns.map((c, i) => text(row[at[i] ?? -1], c.type)));
}
