// Large ingest bodies decode on worker threads (src/ingest/decode-pool.ts): for every decoder, a body decoded
// on a worker gives exactly what the same decoder gives on the event loop (rows, items, samples, partial
// refusals, and the same IngestError for a bad body), the rows come back in parts, and the event loop keeps
// turning while a large body decodes.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { after, test } from 'node:test';
import { snappyBlock } from '../../src/ingest/snappy.ts';
import { compressSync } from 'snappy';
import { loadConfig } from '../../src/config.ts';
import { bodyDigest } from '../../src/ingest/body-digest.ts';
import { DecodePool } from '../../src/ingest/decode-pool.ts';
import { BACKGROUND_NICE } from '../../src/worker-thread.ts';
import { runDecode } from '../../src/ingest/decoders.ts';
import type { DecodeJob, DecoderName } from '../../src/ingest/decoders.ts';
import { IngestError, OutsideRetentionError } from '../../src/ingest/errors.ts';
import type { IngestContext } from '../../src/ingest/normalise.ts';
import { TooManyEventsError } from '../../src/ingest/request-limits.ts';
import type { BulkItem } from '../../src/ingest/es-bulk-decode.ts';
import { logRowLine } from '../../src/store/store.ts';
import type { LogRow } from '../../src/store/types.ts';

const limits = loadConfig({}).ingest;
const NOW_MS = Date.now();
const ctx: IngestContext = {
  orgId: 'acme',
  receivedMs: NOW_MS,
  defaultHost: 'collector',
  defaultSource: 'test',
  defaultSourcetype: 'test',
  rules: limits,
  retentionDays: 30,
};
const nowS = Math.floor(NOW_MS / 1000);

/** Every body goes to the one worker. */
const pool = new DecodePool({ workers: 1, minBytes: 0 });
after(() => pool.close());

/**
 * Rows as the bytes the engine is given (store.ts `logRowLine`): a worker's field maps come back as ordinary
 * objects where the decoder made null-prototype ones, which JSON writes the same, `__proto__` keys included.
 */
function comparable(result: unknown): unknown {
  const r = { ...(result as Record<string, unknown>) };
  if (Array.isArray(r['rows'])) r['rows'] = (r['rows'] as LogRow[]).map((row) => logRowLine(row));
  if (Array.isArray(r['items']))
    r['items'] = (r['items'] as BulkItem[]).map((i) => ({ ...i, row: i.row && logRowLine(i.row) }));
  return r;
}

/** What a decode gives, comparable: the result, or the error's class and every field it carries. */
async function settle(run: () => unknown): Promise<unknown> {
  try {
    return { ok: comparable(await run()) };
  } catch (err) {
    assert.ok(err instanceof IngestError, `an IngestError, got ${String(err)}`);
    return {
      error: err.constructor.name,
      fields: { ...err, message: err.message, slug: err.slug },
    };
  }
}

async function same<N extends DecoderName>(job: DecodeJob<N>, body: Buffer, what: string): Promise<unknown> {
  const here = await settle(() => runDecode(job, body));
  const there = await settle(() => pool.decode(job, body, 'acme'));
  assert.deepEqual(there, here, what);
  return here;
}

const hecLines = (n: number, f: (i: number) => string = (i) => `GET /p${i} status=200 user=u${i % 7}`) =>
  Buffer.from(
    Array.from({ length: n }, (_, i) =>
      JSON.stringify({
        time: nowS - i,
        host: `h${i % 3}`,
        event: f(i),
        fields: i % 5 === 0 ? { k: i } : undefined,
      }),
    ).join('\n'),
  );

const json = (v: unknown) => Buffer.from(JSON.stringify(v));

const CASES: [string, DecodeJob, Buffer][] = [
  [
    'hec event, 2,500 rows (3 parts)',
    { decoder: 'hecEvent', args: { ctx }, shape: 'json', limits },
    hecLines(2500),
  ],
  [
    'hec event with a metric event and an index the token may not write (refusal)',
    { decoder: 'hecEvent', args: { ctx, indexes: ['main'] }, shape: 'json', limits },
    Buffer.concat([
      hecLines(1200),
      Buffer.from(
        `\n${JSON.stringify({ time: nowS, event: 'metric', fields: { metric_name: 'm', _value: 1 } })}\n${JSON.stringify({ time: nowS, event: 'x', index: 'secret' })}`,
      ),
    ]),
  ],
  [
    'hec event: event 1700 is bad (the precise error and its number)',
    { decoder: 'hecEvent', args: { ctx }, shape: 'json', limits },
    Buffer.concat([hecLines(1700), Buffer.from('\n{"time":1,"nope":true}')]),
  ],
  [
    'hec event: an event older than the retention (OutsideRetentionError)',
    { decoder: 'hecEvent', args: { ctx }, shape: 'json', limits },
    Buffer.from(JSON.stringify({ time: nowS - 90 * 86_400, event: 'old' })),
  ],
  [
    'hec event: only whitespace (no data)',
    { decoder: 'hecEvent', args: { ctx }, shape: 'json', limits },
    Buffer.from(' \n '),
  ],
  [
    'hec event: nested past the depth cap (the shape check runs on the worker)',
    { decoder: 'hecEvent', args: { ctx }, shape: 'json', limits },
    Buffer.from(`{"event":${'['.repeat(limits.maxJsonDepth + 5)}${']'.repeat(limits.maxJsonDepth + 5)}}`),
  ],
  [
    'hec raw, 3,000 lines',
    { decoder: 'hecRaw', args: { ctx, meta: { host: 'r1', sourcetype: 'raw' } }, shape: 'lines', limits },
    Buffer.from(Array.from({ length: 3000 }, (_, i) => `line ${i} a=${i}`).join('\n')),
  ],
  [
    'vector, 1,500 events',
    { decoder: 'vector', args: { ctx }, shape: 'json', limits },
    json(
      Array.from({ length: 1500 }, (_, i) => ({
        message: `m${i} k=${i}`,
        host: 'v1',
        timestamp: new Date(NOW_MS - i).toISOString(),
      })),
    ),
  ],
  [
    '_bulk, 1,200 documents, one to a forbidden index (per-item 403)',
    { decoder: 'bulk', args: { ctx, opts: { allowedIndexes: ['main'] } }, shape: 'json', limits },
    Buffer.from(
      Array.from(
        { length: 1200 },
        (_, i) =>
          `${JSON.stringify({ index: { _index: i === 7 ? 'secret' : 'main', _id: `d${i}` } })}\n${JSON.stringify({ message: `d${i}`, n: i })}\n`,
      ).join(''),
    ),
  ],
  [
    'loki json, 1,100 lines',
    { decoder: 'lokiJson', args: { ctx }, shape: 'json', limits },
    json({
      streams: [
        {
          stream: { job: 'j' },
          values: Array.from({ length: 1100 }, (_, i) => [`${BigInt(NOW_MS - i) * 1_000_000n}`, `l${i}`]),
        },
      ],
    }),
  ],
  [
    'otlp json with a bad record (partial success)',
    { decoder: 'otlp', args: { ctx, format: 'json' }, shape: 'json', limits },
    json({
      resourceLogs: [
        {
          scopeLogs: [
            {
              logRecords: [
                ...Array.from({ length: 1050 }, (_, i) => ({
                  timeUnixNano: `${BigInt(NOW_MS - i) * 1_000_000n}`,
                  body: { stringValue: `r${i}` },
                })),
                {
                  timeUnixNano: `${BigInt(NOW_MS) * 1_000_000n}`,
                  body: { stringValue: 'x' },
                  attributes: [{ key: 'index', value: { stringValue: 'BAD INDEX' } }],
                },
              ],
            },
          ],
        },
      ],
    }),
  ],
  [
    'vm import, 1,001 series lines',
    { decoder: 'vmImport', args: { ctx }, shape: 'json', limits },
    Buffer.from(
      Array.from({ length: 1001 }, (_, i) =>
        JSON.stringify({ metric: { __name__: 'm', i: String(i) }, values: [i], timestamps: [NOW_MS - i] }),
      ).join('\n'),
    ),
  ],
  [
    'vm import: not JSON',
    { decoder: 'vmImport', args: { ctx }, shape: 'json', limits },
    Buffer.from('{"metric":'),
  ],
];

test('every decoder gives on a worker exactly what it gives on the event loop', async () => {
  for (const [what, job, body] of CASES) await same(job, body, what);
});

test('a bad body is the same IngestError, of the same class, from the worker', async () => {
  const [, job, body] = CASES.find(([w]) => w.includes('retention')) ?? assert.fail('case');
  await assert.rejects(
    pool.decode(job, body, 'acme'),
    (e) => e instanceof OutsideRetentionError && e.eventIndex === 0,
  );
  const [, job2, body2] = CASES.find(([w]) => w.includes('event 1700')) ?? assert.fail('case');
  await assert.rejects(
    pool.decode(job2, body2, 'acme'),
    (e) => e instanceof IngestError && e.eventIndex === 1700,
  );
});

test('protobuf bodies (Loki, after the snappy block) decode the same on a worker', async () => {
  // A protobuf the decoder refuses, and an empty push: both decoders must agree either way.
  for (const raw of [Buffer.from([0x0a, 0xff, 0xff]), Buffer.alloc(0)]) {
    const block = await snappyBlock(compressSync(raw), limits.maxDecodedBytes);
    await same(
      { decoder: 'lokiProto', args: { ctx }, shape: undefined, limits },
      block,
      `loki protobuf ${raw.length} bytes`,
    );
    await same(
      { decoder: 'remoteWrite', args: { ctx }, shape: undefined, limits },
      block,
      `remote-write ${raw.length} bytes`,
    );
  }
});

test('the event loop keeps turning while a large body decodes on the worker', async () => {
  const [, job] = CASES[0] ?? assert.fail('case');
  const body = hecLines(20_000);
  let turns = 0;
  let running = true;
  const spin = () => {
    turns++;
    if (running) setImmediate(spin);
  };
  setImmediate(spin);
  const decoded = (await pool.decode(job, body, 'acme')) as { rows: unknown[] };
  running = false;
  assert.equal(decoded.rows.length, 20_000);
  // The rows come back in 20 parts, each taken in its own turn: the loop turned at least once per part.
  assert.ok(turns >= 20, `${turns} turns of the event loop during the decode`);
  // On this thread the same decode holds the loop: no turn at all.
  turns = 0;
  running = true;
  setImmediate(spin);
  runDecode(job, body);
  const during = turns;
  running = false;
  assert.equal(during, 0);
});

test('small bodies stay on the event loop; a pool without workers decodes every body here', async () => {
  const small = new DecodePool({ workers: 0, minBytes: 0 });
  const [, job, body] = CASES[0] ?? assert.fail('case');
  assert.deepEqual(await small.decode(job, body, 'acme'), runDecode(job, body));
  await small.close();
});

test('a body over the event cap is refused on the worker, with its event count, before its rows travel', async () => {
  const job: DecodeJob<'hecEvent'> = {
    decoder: 'hecEvent',
    args: { ctx },
    shape: 'json',
    limits: { ...limits, maxEvents: 100 },
  };
  const body = hecLines(2500);
  assert.equal(runDecode(job, body).rows.length, 2500);
  await assert.rejects(
    pool.decode(job, body, 'acme'),
    (e) =>
      e instanceof TooManyEventsError &&
      e.events === 2500 &&
      e.status === 413 &&
      e.message === 'the request holds more than 100 events; split it',
  );
});

/** The nice value of each of this process's threads (Linux: field 19 of /proc/self/task/<tid>/stat). */
function threadNices(): number[] {
  return fs.readdirSync('/proc/self/task').map((tid) => {
    const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // The fields after the command name, which ends with ") ", start at field 3 (state).
    return Number(stat.slice(stat.lastIndexOf(') ') + 2).split(' ')[19 - 3]);
  });
}

test(
  'a decode worker runs at the background nice value, the event loop at its own',
  { skip: process.platform === 'linux' ? false : 'per-thread nice values are read from Linux /proc' },
  async () => {
    const background = () => threadNices().filter((n) => n === BACKGROUND_NICE).length;
    const own = new DecodePool({ workers: 1, minBytes: 0 });
    const before = background();
    const [, job, body] = CASES[0] ?? assert.fail('case');
    await own.decode(job, body, 'acme');
    assert.equal(background(), before + 1, `thread nice values: ${threadNices().join(' ')}`);
    assert.equal(os.getPriority(0), 0, 'the event loop keeps its priority');
    await own.close();
  },
);

test("a body decoded on a worker is hashed there: the request's key uses the worker's digest", async () => {
  const [, job] = CASES[0] ?? assert.fail('case');
  const body = hecLines(3000);
  const digest = createHash('sha256').update(body).digest('hex');
  await pool.decode(job, body, 'acme');
  // Changing the bytes afterwards shows where the digest came from: the worker's, of the bytes it decoded.
  body[0] = body[0] === 0x20 ? 0x0a : 0x20;
  assert.equal(bodyDigest(body), digest);
  assert.notEqual(bodyDigest(Buffer.from(body)), digest, 'another body is hashed here');
});
