// The HEC fast path (src/ingest/hec-fast.ts) against the precise decoder (hec-decode.ts): on a corpus of
// hand-written and seeded random bodies, valid and invalid, the route's decoder gives exactly the precise
// decoder's answer (the same rows, the same error with the same event number), and the rows it stores are the
// same: the same JSONEachRow bytes, and the same rows read back from a real chDB store.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { decodeHecEvents } from '../../src/ingest/hec-decode.ts';
import type { HecBatch } from '../../src/ingest/hec-decode.ts';
import { decodeHecEventBody, decodeHecEventsFast } from '../../src/ingest/hec-fast.ts';
import type { IngestContext } from '../../src/ingest/normalise.ts';
import { createStore, runMigrations } from '../../src/store/index.ts';
import { logRowLine } from '../../src/store/store.ts';
import type { LogRow } from '../../src/store/types.ts';
import { Rng } from '../helpers/isolation-fuzz.ts';
import { contexts, describe, RECEIVED } from '../helpers/decode-equivalence.ts';

const NOW_S = RECEIVED / 1000 - 60;

/** A deterministic generator (mulberry32), so a failure names a body that can be replayed. */
function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}

type Outcome = { ok: true; rows: string[]; samples: string; refusal?: string } | { ok: false; error: string };

/** What a decoder answers, in comparable form: rows as their stored bytes, an error as everything it says. */
function outcome(decode: () => HecBatch): Outcome {
  try {
    const b = decode();
    return {
      ok: true,
      rows: b.rows.map((r) => logRowLine(r)),
      samples: JSON.stringify(b.samples),
      ...(b.refusal === undefined ? {} : { refusal: describe(b.refusal) }),
    };
  } catch (err) {
    return { ok: false, error: describe(err) };
  }
}

const [PLAIN, LIMITED] = contexts('http:t', 'httpevent');
const BASE = PLAIN.ctx;
const CONTEXTS: { name: string; ctx: IngestContext; allowed?: readonly string[] }[] = [
  PLAIN,
  { ...LIMITED, allowed: ['web', 'main'] },
];

const HAND_WRITTEN: string[] = [
  '{"event":"status=200 user=\\"bob smith\\" path=/a","time":1765108740.5,"host":"web1"}',
  '{"event":"a=1"}\n{"event":"b=2"}\r\n\n  \n{"event":"c=3","sourcetype":"x"}\n',
  '{"event":"a=1"}{"event":"b=2"}',
  '{"event":"a=1"}\n{"event":',
  '{"event":"a=1"}\n{"event":"x"} trailing',
  '{"event":"a=1"}\n[{"event":"x"}]',
  '  {"event":"leading space"}',
  '{"event":"x"}\n\t{"event":"tab first"}',
  '{"event":"   "}',
  '{"event":""}',
  '{"event":null}',
  '{"time":1}',
  '{"event":42}',
  '{"event":true}',
  '{"event":{"a":{"b":1},"c":[1,{"d":2}]}}',
  '{"event":{}}',
  '{"event":"metric","fields":{"metric_name":"cpu","_value":1}}',
  '{"event":"metric"}',
  '{"event":"x","fields":{"a":"1","b":["2","3"]}}',
  '{"event":"x","fields":null}',
  '{"event":"x","fields":{"a":{"b":1}}}',
  '{"event":"a.b=1 a=2"}',
  '{"event":"__proto__=1 constructor=2 toString=3 hasOwnProperty=4"}',
  '{"event":"x=1 x=2"}',
  '{"event":"lone \\ud800 surrogate k=\\udc00"}',
  '{"event":"k=v","host":"\\ud800"}',
  '{"event":"k=v","host":123}',
  '{"event":"k=v","host":""}',
  '{"event":"k=v","host":null}',
  `{"event":"k=v","source":"${'s'.repeat(1025)}"}`,
  `{"event":"k=v","source":"${'s'.repeat(1024)}"}`,
  '{"event":"k=v","index":"Bad Index"}',
  '{"event":"k=v","index":"other"}',
  '{"event":"k=v","index":""}',
  '{"event":"k=v","index":"web"}',
  '{"event":"k=v","time":"1765108740"}',
  '{"event":"k=v","time":"abc"}',
  '{"event":"k=v","time":-3000000000}',
  '{"event":"k=v","time":99999999999}',
  '{"event":"k=v","time":1000000000}',
  '{"event":"k=v","time":0.0004}',
  '{"event":"k=v","time":1765108740.0005}',
  `{"event":"${'x'.repeat(66)}"}`,
  `{"event":"${'x'.repeat(67)}"}`,
  `{"event":"${'é'.repeat(100)}"}`,
  '{"event":"k=v","extra":{"ignored":true}}',
  // The key=value scan stops at 64 KiB: here between the two halves of a surrogate pair.
  JSON.stringify({ event: `k=${'x'.repeat(64 * 1024 - 3)}\u{1F600} tail=1` }),
  '{"__proto__":{"event":"x"},"event":"y=1"}',
  '{"event":"k=v"}\u2028',
  '',
  '   \n\n',
  'not json',
];

const KEYS = ['a', 'b', 'status', 'user', 'x.y', '__proto__', 'constructor', 'k-1', '_z', 'valueOf'];
const VALUES = [
  '1',
  '"quoted value"',
  '"esc \\" q"',
  'v;w',
  'ü',
  '\ud83d\ude00',
  '\ud800',
  '',
  '"unterminated',
];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

/** One random envelope line: mostly the common shape, with each deviation the decoders handle. */
function randomEnvelope(r: () => number, i: number): string {
  const p = r();
  if (p < 0.01) return '{"event":"broken"';
  if (p < 0.02) return `{"event":"a=1"}{"event":"b=${i}"}`;
  const env: Record<string, unknown> = {};
  const words = Array.from({ length: 1 + Math.floor(r() * 6) }, () =>
    r() < 0.6
      ? `${pick(r, KEYS)}=${pick(r, VALUES)}`
      : pick(r, ['GET', '/api/v1', 'x', ' ', '"q"', '=', '\u00a0']),
  );
  const e = r();
  env['event'] =
    e < 0.9
      ? words.join(' ')
      : e < 0.93
        ? { msg: words.join(' '), n: i }
        : e < 0.96
          ? '  '
          : e < 0.98
            ? i
            : null;
  const t = r();
  if (t < 0.6) env['time'] = NOW_S + i / 1000;
  else if (t < 0.7) env['time'] = String(Math.floor(NOW_S));
  else if (t < 0.75) env['time'] = NOW_S - 90 * 86_400;
  else if (t < 0.77) env['time'] = 'soon';
  if (r() < 0.7) env['host'] = r() < 0.9 ? `web${i % 7}` : pick(r, [7, '', null, '\ud800x']);
  if (r() < 0.3) env['source'] = pick(r, ['/var/log/a', '', 'src']);
  if (r() < 0.5) env['sourcetype'] = pick(r, ['access', 'json', '']);
  if (r() < 0.2) env['index'] = pick(r, ['main', 'web', 'other', 'BAD', '']);
  if (r() < 0.05) env['fields'] = pick(r, [{ a: '1' }, null, { b: [1, 'x'] }, { c: { d: 1 } }]);
  const text = JSON.stringify(env);
  // JSON.stringify writes a lone surrogate as an escape; a raw one in the body is repaired by UTF-8 decoding.
  return r() < 0.05 ? ` ${text}\r` : text;
}

function randomBodies(seed: number, count: number): string[] {
  const r = rng(seed);
  return Array.from({ length: count }, (_, b) => {
    const n = 1 + Math.floor(r() * 12);
    const clean = r() < 0.5;
    return Array.from({ length: n }, (_, i) =>
      clean
        ? JSON.stringify({
            time: NOW_S + i / 1000,
            host: `web${i}`,
            event: `status=${200 + i} user=u${b} msg="ok ${i}"`,
          })
        : randomEnvelope(r, i),
    ).join(r() < 0.9 ? '\n' : '\n\n');
  });
}

test('HEC fast path: every hand-written and random body gets the precise decoder answer', () => {
  const bodies = [...HAND_WRITTEN, ...randomBodies(24, 3000)];
  let fast = 0;
  let declined = 0;
  for (const { name, ctx, allowed } of CONTEXTS) {
    for (const body of bodies) {
      const precise = outcome(() => decodeHecEvents(body, ctx, allowed));
      const route = outcome(() => decodeHecEventBody(body, ctx, allowed));
      assert.deepEqual(route, precise, `${name}: ${JSON.stringify(body)}`);
      const taken = decodeHecEventsFast(body, ctx, allowed);
      if (taken === undefined) declined++;
      else {
        fast++;
        // Taken by the fast path: the same row values (its field maps are ordinary objects), the same bytes.
        assert.ok(precise.ok, `${name}: the fast path took a body the precise decoder refuses: ${body}`);
        assert.deepEqual(
          taken.rows.map((r) => ({ ...r, fields: { ...r.fields } })),
          decodeHecEvents(body, ctx, allowed).rows.map((r) => ({ ...r, fields: { ...r.fields } })),
        );
      }
    }
  }
  // The corpus exercises both paths.
  assert.ok(fast > 1000, `fast path took ${fast} bodies`);
  assert.ok(declined > 1000, `fast path declined ${declined} bodies`);
});

test('HEC fast path: the rows it stores read back from chDB as the precise decoder rows', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-hec-fast-'));
  const store = await createStore(loadConfig({ NEXUS_DATA_DIR: dir }));
  try {
    await runMigrations(store, { retentionDays: 3650 });
    const base = BASE;
    const bodies = randomBodies(7, 400);
    const fastRows: LogRow[] = [];
    const preciseRows: LogRow[] = [];
    for (const body of bodies) {
      const taken = decodeHecEventsFast(body, { ...base, orgId: 'fast' });
      if (taken === undefined) continue;
      fastRows.push(...taken.rows);
      preciseRows.push(...decodeHecEvents(body, { ...base, orgId: 'precise' }).rows);
    }
    assert.ok(fastRows.length > 500, `${fastRows.length} rows through the fast path`);
    await store.insertLogs(fastRows);
    await store.insertLogs(preciseRows);
    const read = async (org: string) =>
      (
        await store.query({
          sql:
            'SELECT `index`, toString(_time), host, source, sourcetype, _raw, toJSONString(fields) FROM logs ' +
            'WHERE org_id = {org:String} ORDER BY _time, _raw, host',
          params: { org },
        })
      ).rows;
    const fromFast = await read('fast');
    assert.equal(fromFast.length, fastRows.length);
    assert.deepEqual(fromFast, await read('precise'));
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
