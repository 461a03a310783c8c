// The query editor's resource calls (catalog, format, explain) through the built executable, against a real nexus-api.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { callResource, grafanaEnv, kill, launch, pluginContext } from './helpers/grafana.ts';
import type { Launched, ResourceAnswer } from './helpers/grafana.ts';
import { ADMIN_TOKEN, startNexus, stopNexus } from './helpers/nexus.ts';
import type { Nexus } from './helpers/nexus.ts';

let nexus: Nexus;
let plugin: Launched;

before(async () => {
  nexus = await startNexus();
  plugin = await launch(grafanaEnv());
});

after(async () => {
  if (plugin) await kill(plugin);
  if (nexus) await stopNexus(nexus);
});

const resource = (method: string, path: string, body?: unknown): Promise<ResourceAnswer> =>
  callResource(
    plugin,
    pluginContext({ url: nexus.url, serviceToken: ADMIN_TOKEN }, { login: 'ann', role: 'Viewer' }),
    method,
    path,
    body,
  );

describe('editor resources', () => {
  test('catalog: commands with options and docs, functions with signatures', async () => {
    const r = await resource('GET', 'catalog');
    assert.equal(r.code, 200);
    const commands = r.body['commands'] as { name: string; options: { name: string }[]; doc: string }[];
    const timechart = commands.find((c) => c.name === 'timechart');
    assert.ok(timechart?.options.some((o) => o.name === 'span'));
    assert.ok((timechart?.doc ?? '').length > 0);
    assert.ok(
      commands.some((c) => c.name === 'tstats'),
      'tstats compiles, so it is offered',
    );
    assert.ok(
      commands.some((c) => c.name === 'kmeans'),
      'kmeans compiles, so it is offered',
    );
    assert.ok(!commands.some((c) => c.name === 'xsl'), 'xsl is not compiled yet, so it is not offered');
    const evalFns = r.body['evalFunctions'] as { name: string; signature: string }[];
    assert.ok(evalFns.some((f) => f.name === 'round' && f.signature === 'round(<num>, <digits>)'));
    const statsFns = r.body['statsFunctions'] as { name: string }[];
    assert.ok(statsFns.some((f) => f.name === 'dc'));
  });

  test('format: nexus-api formats; a broken query comes back with positioned errors', async () => {
    assert.deepEqual(await resource('POST', 'format', { spl: 'index=main|stats count  by host' }), {
      code: 200,
      body: { spl: 'index=main\n| stats count BY host' },
    });
    const bad = await resource('POST', 'format', { spl: 'index=main | stats count by' });
    assert.equal(bad.code, 400);
    const [e] = bad.body['errors'] as { column: number; start: number }[];
    assert.deepEqual([e?.column, e?.start], [28, 27]);
    assert.equal((await resource('POST', 'format', {})).code, 400);
  });

  test("explain: SQL for the editor's time range, the language named", async () => {
    const to = Date.now();
    const r = await resource('POST', 'explain', {
      spl: 'index=main host=web01 | stats count by host',
      from: to - 3_600_000,
      to,
    });
    assert.equal(r.code, 200);
    assert.equal(r.body['language'], 'sql');
    assert.match(String(r.body['query']), /GROUP BY `host`/);
    const bad = await resource('POST', 'explain', { spl: 'index=main | nosuch' });
    assert.equal(bad.code, 400);
    assert.equal((bad.body['errors'] as { column: number }[])[0]?.column, 14);
    assert.equal((await resource('POST', 'explain', { spl: 'x', from: 5, to: 1 })).code, 400);
  });
});
