// Noisy neighbour, oversized and hostile ingest requests: tenant A sends a /raw gzip body of millions of
// lines, twelve 50 MB events gzipped at once, JSON nested 10,000 deep and a lookup upload of millions of
// rows, each while tenant B ingests and searches at a steady rate. A gets the specific 4xx at once; B gets
// no 5xx or 503 and keeps its p99 within a small factor of its baseline; the server's memory stays bounded.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestContext } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { Answer, NoisyOutcome, Tenants } from '../helpers/noisy.ts';
import { call, failures, noisyNeighbour, p99Ratio, startTenants } from '../helpers/noisy.ts';

/** B's p99 with the neighbour ÷ its baseline p99 may not exceed this (2 shared cores, one process). */
const FACTOR = 5;
const PHASE_MS = 2_000;
/** Growth of the server's resident memory during one case. */
const MAX_GROWTH = 512 * 1024 * 1024;
const CHANNEL = '11111111-2222-4333-8444-555555555555';

let t: Tenants;
before(async () => {
  t = await startTenants();
});
after(async () => {
  await t.close();
});

/** Runs the case, sampling the server's memory; asserts B's side, returns A's answers. */
async function neighbourCase(
  ctx: TestContext,
  name: string,
  bad: () => Promise<Answer[]>,
): Promise<Answer[]> {
  const startRss = t.rss();
  let peak = startRss;
  const sampler = setInterval(() => (peak = Math.max(peak, t.rss())), 50);
  let outcome: NoisyOutcome<Answer[]>;
  try {
    outcome = await noisyNeighbour(t, bad, PHASE_MS);
  } finally {
    clearInterval(sampler);
  }
  assert.deepEqual(failures(outcome.baseline), [], `${name}: B's baseline`);
  assert.deepEqual(failures(outcome.noisy), [], `${name}: B's answers while A misbehaves`);
  const { ratio, detail } = p99Ratio(outcome);
  ctx.diagnostic(
    `${name}: B ${detail} (×${ratio.toFixed(2)}); server memory +${((peak - startRss) / 2 ** 20).toFixed(0)} MiB`,
  );
  assert.ok(ratio <= FACTOR, `${name}: ${detail} (×${ratio.toFixed(2)}, allowed ×${FACTOR})`);
  const growth = peak - startRss;
  assert.ok(growth < MAX_GROWTH, `${name}: memory grew by ${(growth / 2 ** 20).toFixed(0)} MiB`);
  return outcome.bad.flat();
}

/**
 * A's distinct answers to its bad requests, without its own rate limit: A sends in a tight loop, and past its
 * requests per second it gets 429 (the limiter refuses before reading the body, so a client still sending a
 * large one may see the connection closed instead: status 0). Both are A's own bounds, not a failure.
 */
const statuses = (answers: Answer[]) => [
  ...new Set(answers.map((a) => a.status).filter((s) => s !== 429 && s !== 0)),
];

/** The answers with A's specific status (the ones whose text a test reads). */
const specific = (answers: Answer[], status: number) => answers.filter((a) => a.status === status);

describe('noisy neighbour: bounded ingest requests', () => {
  test('/raw gzip of 2.7 M lines: 413 at once, naming the event limit', async (ctx) => {
    const lines = Array.from({ length: 2_700_000 }, (_, i) => `${i}`).join('\n');
    const body = gzipSync(lines);
    const bad = await neighbourCase(ctx, 'raw bomb', async () => [
      await call(`${t.base}/services/collector/raw?channel=${CHANNEL}`, {
        token: t.a,
        body,
        headers: { 'Content-Encoding': 'gzip' },
      }),
    ]);
    assert.deepEqual(statuses(bad), [413], bad[0]?.text);
    assert.match(specific(bad, 413)[0]?.text ?? '', /more than 100000 events \(lines\)/);
  });

  test('twelve 50 MB events gzipped (~50 KB each) at once: 413 for each, naming the ratio', async (ctx) => {
    const body = gzipSync(JSON.stringify({ event: 'x'.repeat(50 * 1024 * 1024) }));
    const bad = await neighbourCase(ctx, '50 MB events ×12', () =>
      Promise.all(
        Array.from({ length: 12 }, () =>
          call(`${t.base}/services/collector/event`, {
            token: t.a,
            body,
            headers: { 'Content-Encoding': 'gzip' },
          }),
        ),
      ),
    );
    assert.deepEqual(statuses(bad), [413], bad[0]?.text);
    assert.match(specific(bad, 413)[0]?.text ?? '', /NEXUS_INGEST_MAX_AMPLIFICATION/);
  });

  test('JSON nested 10,000 deep on HEC, Vector and _bulk: 400 naming the depth', async (ctx) => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const bad = await neighbourCase(ctx, 'deep JSON', () =>
      Promise.all([
        call(`${t.base}/services/collector/event`, { token: t.a, body: `{"event":${deep}}` }),
        call(`${t.base}/ingest/logs`, { token: t.a, body: `[{"message":${deep}}]` }),
        call(`${t.base}/_bulk`, { token: t.a, body: `{"index":{"_index":"main"}}\n{"m":${deep}}\n` }),
      ]),
    );
    assert.deepEqual(statuses(bad), [400], bad[0]?.text);
    for (const a of specific(bad, 400)) assert.match(a.text, /nested deeper than 128 levels/);
    // HEC's own dialect: Splunk's code 6 and text, with the reason beside them.
    const hecAnswer = specific(bad, 400).find((a) => a.text.includes('"code"'));
    const hec = JSON.parse(hecAnswer?.text ?? '{}') as Record<string, unknown>;
    assert.deepEqual([hec['code'], hec['text']], [6, 'Invalid data format']);
  });

  test('a lookup upload of 1.5 M rows (~8 MB): 413 naming the row limit', async (ctx) => {
    const csv = `k,v\n${Array.from({ length: 1_500_000 }, (_, i) => `${i % 1000},v`).join('\n')}\n`;
    // One upload every 250 ms (8 MB each: the test process sends them too, on the same two cores).
    const bad = await neighbourCase(ctx, 'huge lookup', async () => {
      const pause = new Promise((r) => setTimeout(r, 250));
      const answer = await call(`${t.base}/lookups/huge`, {
        method: 'PUT',
        token: t.a,
        body: csv,
        headers: { 'Content-Type': 'text/csv' },
      });
      await pause;
      return [answer];
    });
    assert.deepEqual(statuses(bad), [413], bad[0]?.text);
    assert.match(specific(bad, 413)[0]?.text ?? '', /more than 100000 rows/);
  });
});
