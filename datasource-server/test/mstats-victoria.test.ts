// mstats on a real VictoriaMetrics against the embedded table: the PromQL path and the SQL path return the
// same rows for the same generated samples. Skipped without the binary, except in CI (CI=true) where it fails.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runPromQL } from '../src/query/metrics.ts';
import { toPromQL } from '../src/spl/backends/promql/lower.ts';
import { compile } from '../src/spl/compile.ts';
import type { Diagnostic } from '../src/spl/diagnostics.ts';
import type { Sample } from './helpers/metric-samples.ts';
import { generateSamples, metricsStore, oracle, range, sameRows, shapes } from './helpers/metric-samples.ts';

const binary = '/usr/bin/victoria-metrics';
const present = fs.existsSync(binary);
if (!present && process.env.CI === 'true')
  throw new Error(`${binary} is missing: the VictoriaMetrics comparison must run in CI`);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** VictoriaMetrics' JSON import lines: one per series. */
function importLines(samples: readonly Sample[]): string {
  const series = new Map<
    string,
    { metric: Record<string, string>; values: number[]; timestamps: number[] }
  >();
  for (const s of samples) {
    const metric = { __name__: s.metric_name, org_id: s.org_id, index: s.index, ...s.labels };
    const id = JSON.stringify(metric);
    const e = series.get(id) ?? { metric, values: [] as number[], timestamps: [] as number[] };
    e.values.push(s.value);
    e.timestamps.push(s.ms);
    series.set(id, e);
  }
  return [...series.values()].map((e) => JSON.stringify(e)).join('\n');
}

describe(
  'mstats: VictoriaMetrics and the metrics table agree',
  { skip: present ? false : `${binary} not installed` },
  () => {
    const samples = generateSamples();
    const { store } = metricsStore(samples);
    let vm: ChildProcess | undefined;
    let url = '';
    let dir = '';

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-vm-'));
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      vm = spawn(
        binary,
        [
          `-storageDataPath=${dir}`,
          `-httpListenAddr=127.0.0.1:${port}`,
          '-retentionPeriod=100y',
          '-loggerLevel=ERROR',
        ],
        {
          stdio: 'ignore',
        },
      );
      for (let i = 0; ; i++) {
        const ok = await fetch(`${url}/health`)
          .then((r) => r.ok)
          .catch(() => false);
        if (ok) break;
        if (i > 100) throw new Error('VictoriaMetrics did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
      const res = await fetch(`${url}/api/v1/import`, { method: 'POST', body: importLines(samples) });
      assert.ok(res.ok, await res.text());
      await fetch(`${url}/internal/force_flush`);
    });
    after(() => {
      if (vm?.pid !== undefined) vm.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const promShapes = shapes.filter((s) => !s.sqlOnly);
    test('at least 15 shapes', () => assert.ok(promShapes.length >= 15));
    for (const shape of promShapes) {
      test(shape.spl, async () => {
        const r = compile(`| mstats ${shape.spl}`, { orgId: 'acme', ...range, nowMs: range.latestMs });
        assert.ok(r.ok && r.plan.metrics, JSON.stringify(!r.ok && r.errors));
        const errors: Diagnostic[] = [];
        const plan = toPromQL(r.plan.metrics, errors);
        assert.ok(plan, JSON.stringify(errors));
        const prom = await runPromQL({ url }, plan, range);
        const sql = await store().query({ sql: r.sql.sql, params: r.sql.params, tenant: 'acme' });
        // 64-bit counts come back from ClickHouse as strings.
        const sqlRows = sql.rows.map((row) =>
          row.map((v, i) => (sql.columns[i]?.type === 'UInt64' ? Number(v) : v)),
        );
        assert.deepEqual(
          prom.columns.map((c) => c.name),
          sql.columns.map((c) => c.name),
        );
        sameRows(prom.rows, sqlRows, `${shape.spl}\n${prom.promql.join('\n')}`);
        sameRows(prom.rows, oracle(samples, { ...shape, ...range }), shape.spl);
      });
    }
  },
);
