// Benchmark: raw events shown with every field a command extracted (`extract`, `spath` without a path, `xmlkv`,
// a wildcard `rename`, and these followed by `fillnull`, `filldown` or `replace` over every field), against the same events shown without the command, over BENCH_SHOWN_ROWS events
// of each kind (default 100 k key=value lines, 100 k JSON payloads, 100 k XML documents). Each search is run through the service (`runSpl`) as the events panel runs it, with the
// default row limit (10 000) and with every event (`limit=`), BENCH_ROUNDS times alternately; the medians
// are printed in ms.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { runSpl } from '../src/query/service.ts';
import type { LogRow } from '../src/store/index.ts';
import { createStore, runMigrations } from '../src/store/index.ts';
import { median } from './queries.ts';

const rows = Number(process.env.BENCH_SHOWN_ROWS ?? 100_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const now = Date.UTC(2026, 11, 7, 12, 0, 0);

/** Event `i`: a key=value line, or a JSON payload, or an XML document, with two stored fields. */
function event(i: number, kind: string): LogRow {
  const raw =
    kind === 'kv'
      ? `user=u${i % 97} action=login status=${200 + (i % 5)} src=10.0.${i % 256}.${i % 13} msg="took ${i % 1000} ms"`
      : kind === 'json'
        ? JSON.stringify({ user: `u${i % 97}`, detail: { code: i % 7, tags: ['a', 'b'] } })
        : `<r><user>u${i % 97}</user><code>${i % 7}</code></r>`;
  return {
    org_id: 'acme',
    index: kind,
    _time: now - (i + 1) * 1000,
    host: `h${i % 10}`,
    source: '/var/log/app.log',
    sourcetype: kind,
    _raw: raw,
    fields: { app: `a${i % 5}`, region: 'eu' },
  };
}

const pairs: [string, string][] = [
  ['index=kv', 'index=kv | extract'],
  ['index=json', 'index=json | spath input=_raw'],
  ['index=json', 'index=json | spath input=_raw | rename detail.* AS d_*'],
  ['index=xml', 'index=xml | xmlkv'],
  ['index=kv', 'index=kv | rename a* AS z*'],
  // Then a command over every field (against the same command without the extraction): fillnull's names
  // need every event (a window), filldown a running one.
  ['index=kv | fillnull value=0', 'index=kv | extract | fillnull value=0'],
  ['index=kv | filldown', 'index=kv | extract | filldown'],
  ['index=kv | replace u1 WITH x', 'index=kv | extract | replace u1 WITH x'],
  ['index=kv | fillnull value=0', 'index=kv | rename a* AS z* | fillnull value=0'],
];

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-bench-shown-'));
  const store = await createStore(loadConfig({ NEXUS_DATA_DIR: dir }));
  try {
    await runMigrations(store, { retentionDays: 30 });
    const all = ['kv', 'json', 'xml'].flatMap((kind) =>
      Array.from({ length: rows }, (_, i) => event(i, kind)),
    );
    for (let i = 0; i < all.length; i += 50_000) await store.insertLogs(all.slice(i, i + 50_000));
    const time = async (query: string, limit?: number): Promise<number> => {
      const t = performance.now();
      await runSpl(store, 'acme', { query, earliest: '-30d', ...(limit ? { limit } : {}) }, { nowMs: now });
      return performance.now() - t;
    };
    for (const limit of [undefined, 100_000]) {
      for (const [plain, extracted] of pairs) {
        await time(plain, limit);
        await time(extracted, limit);
        const a: number[] = [];
        const b: number[] = [];
        for (let r = 0; r < rounds; r++) {
          a.push(await time(plain, limit));
          b.push(await time(extracted, limit));
        }
        console.log(
          `${String(limit ?? 10_000).padStart(6)} rows of ${String(rows)}  ${extracted.padEnd(56)} ${median(b).toFixed(0).padStart(6)} ms   without: ${median(a).toFixed(0).padStart(6)} ms`,
        );
      }
    }
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
