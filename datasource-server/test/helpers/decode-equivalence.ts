// Test helper for the decoders' equivalence tests (a fast path or a rewrite against the precise or earlier
// decoder): a seeded generator, a comparable form of rows and errors, and rows read back from a real chDB.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { createStore, runMigrations } from '../../src/store/index.ts';
import type { IngestContext } from '../../src/ingest/normalise.ts';
import { logRowLine } from '../../src/store/store.ts';
import type { LogRow } from '../../src/store/types.ts';
import { Rng } from './isolation-fuzz.ts';

/** When the equivalence tests' bodies are received. */
export const RECEIVED = Date.UTC(2026, 11, 7, 12, 0, 0);

export interface DecodeContext {
  readonly name: string;
  readonly ctx: IngestContext;
}

/**
 * The two contexts every decoder is compared under, for a protocol's default source and sourcetype: a token with
 * the defaults, and a limited one (a default index, 30 days of retention, events of at most 200 bytes).
 */
export function contexts(defaultSource: string, defaultSourcetype: string): [DecodeContext, DecodeContext] {
  const base: IngestContext = {
    orgId: 'acme',
    receivedMs: RECEIVED,
    defaultHost: 'h0',
    defaultSource,
    defaultSourcetype,
  };
  return [
    { name: 'default', ctx: base },
    {
      name: 'limited token, retention, small events',
      ctx: { ...base, defaultIndex: 'web', retentionDays: 30, rules: { maxEventBytes: 200 } },
    },
  ];
}

/** A deterministic generator (mulberry32), so a failure names a body that can be replayed. */
export function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}

export function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

/** Everything an error says (its class, status, HEC status, event number, message). */
export function describe(err: unknown): string {
  const e = err as { name?: string; status?: number; hec?: unknown; eventIndex?: number; message?: string };
  return JSON.stringify([e.name, e.status, e.hec, e.eventIndex, e.message]);
}

/** A row as the bytes it is stored as (JSONEachRow), which also fixes the order of its fields. */
export const rowBytes = (r: LogRow): string => logRowLine(r);

/** What a decoder answers, in comparable form: its value mapped by `show`, or its error. */
export function outcome<T>(decode: () => T, show: (v: T) => unknown): unknown {
  try {
    return { ok: show(decode()) };
  } catch (err) {
    return { error: describe(err) };
  }
}

/**
 * Stores two sets of rows under two organisations in a fresh embedded store and returns what each reads back
 * (every column, fields as JSON text), in one order.
 */
export async function readBackBoth(
  a: readonly LogRow[],
  b: readonly LogRow[],
): Promise<{ a: unknown[]; b: unknown[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-decode-eq-'));
  const store = await createStore(loadConfig({ NEXUS_DATA_DIR: dir }));
  try {
    await runMigrations(store, { retentionDays: 3650 });
    await store.insertLogs(a.map((r) => ({ ...r, org_id: 'a' })));
    await store.insertLogs(b.map((r) => ({ ...r, org_id: 'b' })));
    const read = async (org: string) =>
      (
        await store.query({
          sql:
            'SELECT `index`, toString(_time), host, source, sourcetype, _raw, toJSONString(fields) FROM logs ' +
            'WHERE org_id = {org:String} ORDER BY _time, _raw, host, toJSONString(fields)',
          params: { org },
        })
      ).rows;
    return { a: await read('a'), b: await read('b') };
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const KV_KEYS = ['a', 'b', 'status', 'user', 'x.y', '__proto__', 'constructor', 'k-1', '_z', 'host', 'index'];
const KV_VALUES = ['1', '"quoted value"', '"esc \\" q"', 'v;w', 'ü', '\ud83d\ude00', '\ud800', '', '"open'];

/** A log line: mostly key=value pairs, with the keys and values the extraction treats specially. */
export function randomLine(r: () => number): string {
  return Array.from({ length: 1 + Math.floor(r() * 6) }, () =>
    r() < 0.6
      ? `${pick(r, KV_KEYS)}=${pick(r, KV_VALUES)}`
      : pick(r, ['GET', '/api/v1', 'x', ' ', '"q"', '=', '\u00a0']),
  ).join(' ');
}

/** A value for an extra key of a JSON log document: scalars, arrays, nested objects, nulls, odd numbers. */
function randomExtra(r: () => number, depth = 0): unknown {
  const p = r();
  if (p < 0.3) return pick(r, ['v', '', 'ü\ud83d\ude00', '\udc00', 'x'.repeat(40)]);
  if (p < 0.45) return pick(r, [0, -1, 1.5, 2 ** 53 + 2, 1e21, -0]);
  if (p < 0.5) return pick(r, [true, false, null]);
  if (p < 0.6) return [1, 'a', null, { b: 1 }, [2]].slice(0, Math.floor(r() * 5));
  if (p < 0.85 && depth < 3) {
    const o: Record<string, unknown> = {};
    for (let k = Math.floor(r() * 3); k > 0; k--)
      o[pick(r, ['b', 'c', 'name', 'x.y'])] = randomExtra(r, depth + 1);
    return o;
  }
  return pick(r, [{}, 'z']);
}

/**
 * A JSON log document of the kind Vector, Fluent Bit, Filebeat and Logstash send, with each deviation the
 * mapping (json-event.ts) handles: message types, time forms, host objects, dotted and clashing keys,
 * `__proto__`, metadata of the wrong type or length, text with lone surrogates.
 */
export function randomLogDoc(r: () => number, i: number, nowS: number): Record<string, unknown> {
  const d: Record<string, unknown> = {};
  const m = r();
  if (m < 0.8) d[r() < 0.8 ? 'message' : 'log'] = randomLine(r);
  else if (m < 0.85) d['message'] = { text: randomLine(r), n: i };
  else if (m < 0.88) d['message'] = pick(r, [42, null, true, [1, 2]]);
  else if (m < 0.9) d['message'] = '';
  const t = r();
  const timeKey = r() < 0.5 ? 'timestamp' : '@timestamp';
  if (t < 0.5) d[timeKey] = new Date((nowS + i / 1000) * 1000).toISOString();
  else if (t < 0.6) d[timeKey] = pick(r, [nowS, nowS * 1e3, nowS * 1e6, nowS * 1e9, nowS + 0.5]);
  else if (t < 0.65)
    d[timeKey] = pick(r, ['2026-12-07T11:59:00.123456789+01:00', 'soon', '', null, 1e30, -3e9]);
  else if (t < 0.7) d[timeKey] = new Date((nowS - 90 * 86_400) * 1000).toISOString();
  const h = r();
  if (h < 0.6) d['host'] = `web${i % 7}`;
  else if (h < 0.75) d['host'] = { name: `web${i % 3}`, ip: ['10.0.0.1'], os: { family: 'linux' } };
  else if (h < 0.8) d['host'] = pick(r, [7, '', null, '\ud800x', 'h'.repeat(1025), { ip: '1' }, [1]]);
  if (r() < 0.2) d['source'] = pick(r, ['/var/log/a', '', 3, { p: 1 }]);
  if (r() < 0.15) d['log'] = { file: { path: pick(r, ['/var/log/b', 4]) }, offset: 10 };
  if (r() < 0.4) d[pick(r, ['source_type', 'sourcetype'])] = pick(r, ['access', 'json', '', 5, { a: 1 }]);
  if (r() < 0.15) d['index'] = pick(r, ['main', 'web', 'other', 'BAD', '', 3]);
  for (let k = Math.floor(r() * 4); k > 0; k--) {
    d[
      pick(r, ['kubernetes', 'agent', 'a', 'a.b', 'status', 'user', 'tags', 'constructor', 'toString', '9'])
    ] = randomExtra(r);
  }
  return d;
}

/** A document's JSON, sometimes with `__proto__` as a key (JSON.stringify cannot write one). */
export function docJson(r: () => number, d: Record<string, unknown>): string {
  const text = JSON.stringify(d);
  if (r() < 0.03 && text.length > 2) {
    return `{"__proto__":${pick(r, ['{"polluted":1}', '"p"', '1', '[2]'])},${text.slice(1)}`;
  }
  return text;
}
