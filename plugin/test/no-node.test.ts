// The executable is self-contained: copied alone into a plugins folder outside the repository (as Grafana
// installs it) and with PATH emptied (no node to find), it shakes hands and answers QueryData.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { decodeFrame } from './helpers/frames.ts';
import { EXECUTABLE, grafanaEnv, kill, launch, pluginContext, unary } from './helpers/grafana.ts';
import type { Launched } from './helpers/grafana.ts';
import { ADMIN_TOKEN, startNexus, stopNexus } from './helpers/nexus.ts';
import type { Nexus } from './helpers/nexus.ts';

let nexus: Nexus;
let plugin: Launched | undefined;
const installed = fs.mkdtempSync(path.join(os.tmpdir(), 'grafana-plugins-'));

before(async () => {
  nexus = await startNexus();
});

after(async () => {
  if (plugin) await kill(plugin);
  if (nexus) await stopNexus(nexus);
  fs.rmSync(installed, { recursive: true, force: true });
});

test('no node on PATH: handshake, health, QueryData', async () => {
  // The environment holds nothing but what Grafana sets: no PATH entries, no HOME, no NODE_* variables.
  const env = grafanaEnv({ PATH: '' });
  assert.equal(spawnSync('node', ['--version'], { env }).error?.message, 'spawnSync node ENOENT');
  const exe = path.join(installed, 'nexus-spl-datasource', path.basename(EXECUTABLE));
  fs.mkdirSync(path.dirname(exe));
  fs.copyFileSync(EXECUTABLE, exe);
  fs.chmodSync(exe, 0o755);
  plugin = await launch(env, exe);
  assert.match(plugin.handshake, /^1\|2\|tcp\|127\.0\.0\.1:\d+\|grpc$/);
  assert.deepEqual(await unary(plugin.health, 'Check', { service: 'plugin' }), { status: 'SERVING' });
  const toMs = Date.now();
  const res = await unary<{ responses: Record<string, { frames: Buffer[]; error: string }> }>(
    plugin.data,
    'QueryData',
    {
      pluginContext: pluginContext({ url: nexus.url, serviceToken: ADMIN_TOKEN }),
      headers: {},
      queries: [
        {
          refId: 'B',
          maxDataPoints: '100',
          intervalMS: '60000',
          timeRange: { fromEpochMS: String(toMs - 3_600_000), toEpochMS: String(toMs) },
          json: Buffer.from(JSON.stringify({ refId: 'B', spl: 'index=* | stats count by index' })),
        },
      ],
    },
  );
  const r = res.responses['B'];
  assert.equal(r?.error, '');
  const frame = decodeFrame(r.frames[0] ?? Buffer.alloc(0));
  assert.deepEqual(
    frame.fields.map((f) => [f.name, f.values]),
    [
      ['index', ['audit', 'main']],
      ['count', [1, 5]],
    ],
  );
});
