// An imported ESCU detection fires through the plugin backend as Grafana's alerting calls it: the sample security
// events (datasource-server/samples/security) go into a real nexus-api over HEC with their knowledge objects,
// `nexus detections import` turns the real ESCU detection "System User Discovery With Whoami" (its search from
// the corpus) into an alert rule, and the rule's query A, sent to the plugin's QueryData with the `FromAlert`
// header and no user over the rule's time range, returns one number above 0: condition C holds.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { parse, stringify } from 'yaml';
import { decodeFrame } from './helpers/frames.ts';
import { alertQuery, grafanaEnv, kill, launch } from './helpers/grafana.ts';
import type { Launched } from './helpers/grafana.ts';
import { ADMIN_TOKEN, startNexus, stopNexus } from './helpers/nexus.ts';
import type { Nexus } from './helpers/nexus.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const samples = path.resolve(here, '../../datasource-server/samples/security');
const whoami = fs
  .readFileSync(path.resolve(here, '../../../shared/corpus/escu-train.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as { name: string; search: string; file: string })
  .find((d) => d.name === 'System User Discovery With Whoami');

let nexus: Nexus;
let plugin: Launched;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-escu-alert-'));

before(async () => {
  // Half an hour ago: inside ESCU's hourly window (-70m to -10m).
  nexus = await startNexus((baseSec) =>
    fs
      .readFileSync(path.join(samples, 'events.json'), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => ({ ...(JSON.parse(l) as object), index: 'main', time: baseSec - 1800 })),
  );
  for (const kind of ['props', 'transforms', 'eventtypes', 'tags']) {
    const res = await fetch(`${nexus.url}/admin/knowledge/${kind}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
      body: fs.readFileSync(path.join(samples, `${kind}.conf`), 'utf8'),
    });
    assert.equal(res.status, 200, `${kind}.conf: ${await res.text()}`);
  }
  plugin = await launch(grafanaEnv());
});

after(async () => {
  if (plugin) await kill(plugin);
  if (nexus) await stopNexus(nexus);
  fs.rmSync(dir, { recursive: true, force: true });
});

interface RuleQuery {
  refId: string;
  relativeTimeRange?: { from: number; to: number };
  model: Record<string, unknown>;
}

test('the imported Whoami detection fires: query A through the plugin (FromAlert, no user) returns 1 > 0', async () => {
  assert.ok(whoami, 'the detection is in the corpus');
  fs.mkdirSync(path.join(dir, 'detections'));
  fs.writeFileSync(
    path.join(dir, 'detections', 'system_user_discovery_with_whoami.yml'),
    stringify({
      name: whoami.name,
      id: '894fc43e-6f50-47d5-a68b-ee9ee23e18f4',
      type: 'TTP',
      search: whoami.search,
      tags: { mitre_attack_id: ['T1033'] },
    }),
  );
  const out = path.join(dir, 'rules.yaml');
  // The `nexus` command line, as a user runs it.
  const cli = path.resolve(here, '../../datasource-server/bin/nexus.js');
  const run = spawnSync(
    process.execPath,
    [cli, 'detections', 'import', '--out', out, path.join(dir, 'detections')],
    {
      encoding: 'utf8',
    },
  );
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stderr, /^1 of 1 detections became alert rules$/m);
  const doc = parse(fs.readFileSync(out, 'utf8')) as {
    groups: { rules: { labels: Record<string, string>; data: RuleQuery[] }[] }[];
  };
  const rule = doc.groups[0]?.rules[0];
  const a = rule?.data.find((d) => d.refId === 'A');
  assert.ok(a?.relativeTimeRange);
  assert.equal(rule?.labels['mitre_attack_id'], 'T1033');
  const r = await alertQuery(
    plugin,
    { url: nexus.url, serviceToken: ADMIN_TOKEN },
    {
      relativeTimeRange: a.relativeTimeRange,
      model: a.model,
    },
  );
  assert.equal(r.error, '', r.error);
  const frame = decodeFrame(r.frames[0] ?? Buffer.alloc(0));
  const numbers = frame.fields.filter((f) => f.arrowType === 'Float64');
  assert.deepEqual(
    numbers.map((f) => [f.name, f.values]),
    [['detections', [1]]],
  );
  // B (reduce: last) then C (threshold: > 0), as the rule states them.
  assert.ok(Number(numbers[0]?.values.at(-1)) > 0, 'condition C holds: the alert fires');
});
