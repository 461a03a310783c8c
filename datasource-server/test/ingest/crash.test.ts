// The crash test: clients send numbered events over HEC while the real service (src/main.ts, embedded chDB)
// is killed with SIGKILL and restarted, several times. Clients resend every request that got no 2xx, as
// agents do. Afterwards every event is stored exactly once: none lost (all were acknowledged in the end),
// none twice (retries of requests committed just before a kill are recognised, across the restart).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { createStore } from '../../src/store/store.ts';
import { ADMIN_TOKEN, tempDir } from '../helpers/env.ts';
import { start, stop } from '../helpers/server.ts';
import type { Running } from '../helpers/server.ts';

const REQUESTS = Number(process.env['NEXUS_CRASH_REQUESTS'] ?? 240);
const EVENTS_PER_REQUEST = 50;
const SENDERS = 4;
const KILLS = Number(process.env['NEXUS_CRASH_KILLS'] ?? 3);

test(
  'SIGKILL and restart under load: every acknowledged event stored, none twice',
  { timeout: 240_000 },
  async () => {
    const dir = tempDir();
    const env = {
      NEXUS_DATA_DIR: dir,
      NEXUS_ADMIN_TOKEN: ADMIN_TOKEN,
      NEXUS_BATCH_MAX_WAIT_MS: '50',
      NEXUS_RATE_LIMIT_RPS: '0',
      NEXUS_RATE_LIMIT_INGEST_BYTES: '0',
      // NEXUS_INGEST_DEDUP_WINDOW=0 turns the ledger off: this test must then fail (duplicates).
      ...(process.env['NEXUS_INGEST_DEDUP_WINDOW'] === undefined
        ? {}
        : { NEXUS_INGEST_DEDUP_WINDOW: process.env['NEXUS_INGEST_DEDUP_WINDOW'] }),
    };
    let server: Running = await start(env);
    let restarting: Promise<void> | undefined;
    const base = Math.floor(Date.now() / 1000) - 3_600;
    const body = (r: number): string =>
      Array.from({ length: EVENTS_PER_REQUEST }, (_, i) => {
        const seq = r * EVENTS_PER_REQUEST + i;
        return JSON.stringify({ time: base + seq / 1000, event: `crash-test seq=${seq}` });
      }).join('\n');

    let acknowledged = 0;
    let failures = 0;
    /** Sends request `r` until it gets a 2xx, waiting out restarts. */
    async function send(r: number): Promise<void> {
      const text = body(r);
      for (;;) {
        if (restarting) await restarting;
        const port = server.port;
        // One attempt in four gives up after a few milliseconds, as an impatient agent does: the server may
        // still commit it, and the resent copy must then add nothing.
        const patience = Math.random() < 0.25 ? 5 + Math.floor(Math.random() * 60) : 10_000;
        const res = await fetch(`http://127.0.0.1:${port}/services/collector/event`, {
          method: 'POST',
          headers: { Authorization: `Splunk ${ADMIN_TOKEN}` },
          body: text,
          signal: AbortSignal.timeout(patience),
        }).catch(() => undefined);
        if (res !== undefined && res.status === 200) {
          await res.arrayBuffer();
          acknowledged++;
          return;
        }
        if (res !== undefined) {
          assert.ok(res.status >= 500, `only unavailability may refuse a valid request, got ${res.status}`);
          await res.arrayBuffer();
        }
        failures++;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }

    let next = 0;
    const senders = Array.from({ length: SENDERS }, async () => {
      for (let r = next++; r < REQUESTS; r = next++) await send(r);
    });

    let kills = 0;
    const killer = (async () => {
      while (kills < KILLS && next < REQUESTS) {
        await new Promise((resolve) => setTimeout(resolve, 400 + Math.random() * 600));
        if (next >= REQUESTS) break;
        const victim = server;
        restarting = (async () => {
          victim.proc.kill('SIGKILL');
          await victim.exit;
          server = await start(env);
        })();
        await restarting;
        restarting = undefined;
        kills++;
      }
    })();

    try {
      await Promise.all([...senders, killer]);
    } finally {
      await stop(server);
    }
    assert.equal(acknowledged, REQUESTS);
    assert.ok(kills >= 1, 'the server was killed at least once while clients were sending');

    const store = await createStore(loadConfig({ NEXUS_DATA_DIR: dir }));
    try {
      const r = await store.query({
        sql: `SELECT count() AS events, uniqExact(seq) AS distinct_seqs, min(seq), max(seq)
            FROM (SELECT toUInt32(extract(_raw, 'seq=(\\\\d+)')) AS seq FROM logs WHERE startsWith(_raw, 'crash-test'))`,
        params: {},
      });
      const [events, distinct, min, max] = (r.rows[0] ?? []).map(Number);
      const total = REQUESTS * EVENTS_PER_REQUEST;
      assert.equal(distinct, total, 'every event is there');
      assert.equal(events, total, 'and none twice');
      assert.equal(min, 0);
      assert.equal(max, total - 1);
      console.log(
        `# crash test: ${kills} SIGKILLs, ${REQUESTS} requests (${total} events), ${failures} attempts without a 2xx resent; ${events} stored, ${distinct} distinct`,
      );
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);
