// Data model acceleration on real chDB: a tenant accelerates a model (datamodels.conf through the admin API),
// the summarizer builds the summary from the events indexed so far, and `tstats summariesonly=t` reads only
// the summary: the same rows as over the events once they are summarized, none of the events indexed since
// (as in Splunk), a late event in the next build, one tenant's summary never another's, a build the process
// did not finish removed and run again, and the summary dropped when acceleration is turned off.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DataModelSummarizer } from '../../src/knowledge/acceleration.ts';
import { createKnowledgeService } from '../../src/knowledge/service.ts';
import { writeLookup } from '../../src/lookups/service.ts';
import type { LogRow } from '../../src/store/types.ts';
import type { TestEnv } from '../helpers/env.ts';
import { createToken, testEnv } from '../helpers/env.ts';

let env: TestEnv;
const tokens: Record<string, string> = {};
let summarizer: DataModelSummarizer;
const now = Date.now();

const token = (org: string, role: string): Promise<string> => createToken(env.app, org, role);

async function putConf(org: string, text: string): Promise<void> {
  const res = await env.app.request('/admin/knowledge/datamodels', {
    method: 'PUT',
    headers: { Authorization: `Bearer ${tokens[`${org}-admin`] ?? ''}`, 'Content-Type': 'text/plain' },
    body: text,
  });
  assert.equal(res.status, 200, await res.text());
}

async function rows(org: string, query: string): Promise<unknown[][]> {
  const res = await env.app.request('/query/spl', {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokens[`${org}-viewer`] ?? ''}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, earliest: '-7d', latest: '+1h' }),
  });
  const body = (await res.json()) as { rows?: unknown[][] };
  assert.equal(res.status, 200, JSON.stringify(body));
  return body.rows ?? [];
}

const processEvent = (org: string, minutesAgo: number, dest: string, name: string): LogRow => ({
  org_id: org,
  index: 'main',
  _time: now - minutesAgo * 60_000,
  host: dest,
  source: 'WinEventLog:Security',
  sourcetype: 'XmlWinEventLog',
  _raw: `EventCode=4688 NewProcessName=${name}`,
  fields: { tag: ['process', 'report'], dest, process_name: name, user: `${org}-user` },
});

const byDest = (summariesonly: boolean): string =>
  `| tstats summariesonly=${summariesonly} count from datamodel=Endpoint.Processes where Processes.process_name=cmd.exe by Processes.dest | sort Processes.dest`;

before(async () => {
  env = await testEnv();
  for (const org of ['acme', 'other', 'zeta']) {
    tokens[`${org}-admin`] = await token(org, 'admin');
    tokens[`${org}-viewer`] = await token(org, 'viewer');
  }
  await env.store.insertLogs([
    processEvent('acme', 5, 'ws1', 'cmd.exe'),
    processEvent('acme', 4, 'ws1', 'cmd.exe'),
    processEvent('acme', 3, 'ws2', 'cmd.exe'),
    processEvent('acme', 2, 'ws2', 'powershell.exe'),
    // Not a process event: outside the dataset's constraint.
    { ...processEvent('acme', 2, 'ws3', 'cmd.exe'), fields: { dest: 'ws3', process_name: 'cmd.exe' } },
    processEvent('other', 5, 'srv9', 'cmd.exe'),
  ]);
  summarizer = new DataModelSummarizer({
    store: env.store,
    knowledge: (org) => createKnowledgeService(env.store).objects(org),
    maxExecutionSeconds: 60,
    lagMs: 0,
  });
});

after(async () => {
  await env.close();
});

describe('data model acceleration', () => {
  test('datamodels.conf is checked on upload: an unknown setting and a bad earliest_time are refused with their lines', async () => {
    const res = await env.app.request('/admin/knowledge/datamodels', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${tokens['acme-admin'] ?? ''}`, 'Content-Type': 'text/plain' },
      body: '[Endpoint]\nacceleration = true\nacceleration.earliest_time = -3x\naccelerate_me = yes\n',
    });
    assert.equal(res.status, 400);
    const text = await res.text();
    assert.match(text, /earliest_time/);
    assert.match(text, /accelerate_me/);
  });

  test('before acceleration, summariesonly=t reads the events (no summary exists)', async () => {
    assert.deepEqual(await rows('acme', byDest(true)), [
      ['ws1', 2],
      ['ws2', 1],
    ]);
    assert.equal((await summarizer.run()).builds, 0);
  });

  test('accelerated and built: summariesonly=t reads the summary and gives what the events give', async () => {
    await putConf(
      'acme',
      '[Endpoint]\nacceleration = true\nacceleration.earliest_time = -7d\nacceleration.cron_schedule = */5 * * * *\n',
    );
    await putConf('other', '[Endpoint]\nacceleration = 1\n');
    const report = await summarizer.run();
    assert.ok(report.builds >= 2, JSON.stringify(report));
    assert.equal(report.failures, 0);
    const summarized = await rows('acme', byDest(true));
    assert.deepEqual(summarized, [
      ['ws1', 2],
      ['ws2', 1],
    ]);
    assert.deepEqual(await rows('acme', byDest(false)), summarized);
    // The summary is what was read: it holds the dataset's events of this tenant, with their fields.
    const stored = await env.store.query({
      sql: "SELECT count(), groupUniqArray(toString(fields.dest)) FROM datamodel_summaries WHERE org_id = 'acme' AND model = 'Endpoint' AND dataset = 'Processes'",
      params: {},
    });
    assert.equal(Number(stored.rows[0]?.[0]), 4);
    assert.deepEqual([...((stored.rows[0]?.[1] as string[]) ?? [])].sort(), ['ws1', 'ws2']);
    // The admin API reports how far each dataset's summary is built, for the caller's tenant only.
    const res = await env.app.request('/admin/knowledge/summaries', {
      headers: { Authorization: `Bearer ${tokens['acme-admin'] ?? ''}` },
    });
    assert.equal(res.status, 200);
    const { summaries } = (await res.json()) as {
      summaries: {
        model: string;
        dataset: string;
        earliest: string | null;
        builtTo: string | null;
        rows: number;
      }[];
    };
    const processes = summaries.find((s) => s.dataset === 'Processes');
    assert.equal(processes?.model, 'Endpoint');
    assert.equal(processes?.earliest, '-7d');
    assert.equal(processes?.rows, 4);
    assert.ok(Date.parse(processes?.builtTo ?? '') >= now - 1000, processes?.builtTo ?? 'no builtTo');
    assert.ok(summaries.every((s) => s.model === 'Endpoint'));
    // Built on demand through the API too (the service's own summarizer, which waits a minute for late rows).
    const build = await env.app.request('/admin/knowledge/summaries/build', {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens['acme-admin'] ?? ''}` },
    });
    assert.equal(build.status, 200);
    assert.deepEqual(Object.keys((await build.json()) as object).sort(), ['builds', 'dropped', 'failures']);
    const viewer = await env.app.request('/admin/knowledge/summaries/build', {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens['acme-viewer'] ?? ''}` },
    });
    assert.equal(viewer.status, 403);
  });

  test('one tenant’s summary is never another’s', async () => {
    assert.deepEqual(await rows('other', byDest(true)), [['srv9', 1]]);
    assert.deepEqual(
      await rows(
        'acme',
        '| tstats summariesonly=t count from datamodel=Endpoint.Processes where Processes.user=other-user',
      ),
      [[0]],
    );
  });

  test('an event indexed after the build is not in summariesonly=t until the next build; a late event joins too', async () => {
    await env.store.insertLogs([
      processEvent('acme', 1, 'ws1', 'cmd.exe'),
      // Late: its _time two days back, indexed now.
      processEvent('acme', 2 * 24 * 60, 'ws4', 'cmd.exe'),
    ]);
    assert.deepEqual(await rows('acme', byDest(true)), [
      ['ws1', 2],
      ['ws2', 1],
    ]);
    assert.deepEqual(await rows('acme', byDest(false)), [
      ['ws1', 3],
      ['ws2', 1],
      ['ws4', 1],
    ]);
    await new Promise((r) => setTimeout(r, 5));
    await summarizer.run();
    assert.deepEqual(await rows('acme', byDest(true)), await rows('acme', byDest(false)));
  });

  test('a build the process did not finish is removed and run again: no event twice', async () => {
    const [state] = (await summarizer.states('acme')).filter((s) => s.dataset === 'Processes');
    assert.ok(state && state.builtTo > 0);
    // As if the process stopped after the last build's INSERT, before recording it.
    await env.store.insertRows('datamodel_summary_state', [
      {
        org_id: 'acme',
        model: 'Endpoint',
        dataset: 'Processes',
        built_to: 0,
        pending_to: state.builtTo,
        earliest: state.earliest,
        updated_at: Date.now() + 1,
      },
    ]);
    await new Promise((r) => setTimeout(r, 5));
    await summarizer.run();
    assert.deepEqual(await rows('acme', byDest(true)), [
      ['ws1', 3],
      ['ws2', 1],
      ['ws4', 1],
    ]);
  });

  test('acceleration turned off: the summary is dropped and summariesonly=t reads the events again', async () => {
    await putConf('acme', '[Endpoint]\nacceleration = false\n');
    const report = await summarizer.run();
    assert.ok(report.dropped > 0, JSON.stringify(report));
    const left = await env.store.query({
      sql: "SELECT count() FROM datamodel_summaries WHERE org_id = 'acme'",
      params: {},
    });
    assert.equal(Number(left.rows[0]?.[0]), 0);
    assert.deepEqual((await summarizer.states('acme')).length, 0);
    // The other tenant's summary stays.
    assert.deepEqual(await rows('other', byDest(true)), [['srv9', 1]]);
    await env.store.insertLogs([processEvent('acme', 1, 'ws5', 'cmd.exe')]);
    assert.deepEqual(await rows('acme', byDest(true)), [
      ['ws1', 3],
      ['ws2', 1],
      ['ws4', 1],
      ['ws5', 1],
    ]);
  });

  test('a model with a Lookup calculation is built with the tenant’s lookup table', async () => {
    const order = (minutesAgo: number, user: string): LogRow => ({
      org_id: 'zeta',
      index: 'main',
      _time: now - minutesAgo * 60_000,
      host: 'shop1',
      source: 'orders.log',
      sourcetype: 'orders',
      _raw: `order by ${user}`,
      fields: { user },
    });
    await env.store.insertLogs([order(5, 'alice'), order(4, 'bob'), order(3, 'alice')]);
    await writeLookup(
      env.store,
      'zeta',
      'users',
      ['uid', 'dept'],
      [
        ['alice', 'eng'],
        ['bob', 'ops'],
      ],
    );
    const model = {
      modelName: 'Shop',
      objects: [
        {
          objectName: 'Orders',
          parentName: 'BaseEvent',
          constraints: [{ search: 'sourcetype=orders' }],
          fields: [{ fieldName: 'user', type: 'string' }],
          calculations: [
            {
              calculationType: 'Lookup',
              lookupName: 'users',
              lookupInputs: [{ inputField: 'user', lookupField: 'uid' }],
              outputFields: [{ fieldName: 'dept', type: 'string' }],
            },
          ],
        },
      ],
    };
    const put = await env.app.request('/admin/knowledge/datamodels/Shop', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${tokens['zeta-admin'] ?? ''}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(model),
    });
    assert.ok(put.status < 300, await put.text());
    await putConf('zeta', '[Shop]\nacceleration = true\n');
    const report = await summarizer.run();
    assert.equal(report.failures, 0, JSON.stringify(report));
    assert.deepEqual(
      await rows(
        'zeta',
        '| tstats summariesonly=t count from datamodel=Shop.Orders by Orders.dept | sort Orders.dept',
      ),
      [
        ['eng', 2],
        ['ops', 1],
      ],
    );
  });
});
