// Data model acceleration on real chDB: a tenant accelerates a model (datamodels.conf through the admin API),
// the summarizer creates one materialized view per dataset and backfills the events indexed before it, and
// `tstats summariesonly=t` reads only the summary: an event inserted afterwards is in it at once (the view,
// no build), one tenant's summary never another's, `summariesonly=f` the summary plus the events it does
// not cover (equal to the events' result), a changed knowledge object rebuilds the summary
// (`allow_old_summaries`), a failing view never refuses an insert, a build the process did not finish
// removed and run again, and view and summary dropped when acceleration is turned off.
// Search Reference, "tstats": https://help.splunk.com/splunk-enterprise/spl-search-reference/10.0/search-commands/tstats

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DataModelSummarizer, summaryViewName } from '../../src/knowledge/acceleration.ts';
import { createKnowledgeService } from '../../src/knowledge/service.ts';
import { writeLookup } from '../../src/lookups/service.ts';
import type { LogRow } from '../../src/store/types.ts';
import { processEvent as makeProcessEvent, putDatamodels } from '../helpers/acceleration.ts';
import type { TestEnv } from '../helpers/env.ts';
import { createToken, testEnv } from '../helpers/env.ts';
import { post, splRows } from '../helpers/ingest.ts';

let env: TestEnv;
const tokens: Record<string, string> = {};
let summarizer: DataModelSummarizer;
const now = Date.now();

const token = (org: string, role: string): Promise<string> => createToken(env.app, org, role);

const putConf = (org: string, text: string): Promise<void> =>
  putDatamodels(env, tokens[`${org}-admin`] ?? '', text);

const rows = (org: string, query: string): Promise<unknown[][]> =>
  splRows(env, query, { token: tokens[`${org}-viewer`] ?? '', earliest: '-7d', latest: '+1h' });

const processEvent = (org: string, minutesAgo: number, dest: string, name: string): LogRow =>
  makeProcessEvent(now, org, minutesAgo, dest, name);

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
        liveFrom: string | null;
        complete: boolean;
        rows: number;
      }[];
    };
    const processes = summaries.find((s) => s.dataset === 'Processes');
    assert.equal(processes?.model, 'Endpoint');
    assert.equal(processes?.earliest, '-7d');
    assert.equal(processes?.rows, 4);
    assert.ok(Date.parse(processes?.builtTo ?? '') >= now - 1000, processes?.builtTo ?? 'no builtTo');
    // Backfilled up to the view's start: the summary covers every event.
    assert.equal(processes?.liveFrom, processes?.builtTo);
    assert.equal(processes?.complete, true);
    assert.ok(summaries.every((s) => s.model === 'Endpoint'));
    // Built on demand through the API too (the service's own summarizer, which waits a minute for late rows).
    const build = await env.app.request('/admin/knowledge/summaries/build', {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens['acme-admin'] ?? ''}` },
    });
    assert.equal(build.status, 200);
    assert.deepEqual(Object.keys((await build.json()) as object).sort(), [
      'builds',
      'dropped',
      'failures',
      'incomplete',
    ]);
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

  test('an event inserted after acceleration is in summariesonly=t at once, with no build (the view); a late one too', async () => {
    await env.store.insertLogs([
      processEvent('acme', 1, 'ws1', 'cmd.exe'),
      // Late: its _time two days back, indexed now.
      processEvent('acme', 2 * 24 * 60, 'ws4', 'cmd.exe'),
    ]);
    const expected = [
      ['ws1', 3],
      ['ws2', 1],
      ['ws4', 1],
    ];
    assert.deepEqual(await rows('acme', byDest(true)), expected);
    assert.deepEqual(await rows('acme', byDest(false)), expected);
    // Written by the view (built_to 0), not by a build.
    const byView = await env.store.query({
      sql: "SELECT count() FROM datamodel_summaries WHERE org_id = 'acme' AND dataset = 'Processes' AND built_to = 0",
      params: {},
    });
    assert.equal(Number(byView.rows[0]?.[0]), 2);
    // The view is one ClickHouse materialized view per tenant and dataset, over `logs`.
    const views = await env.store.query({
      sql: "SELECT count() FROM system.tables WHERE database = currentDatabase() AND engine = 'MaterializedView' AND name = {n:String}",
      params: { n: summaryViewName({ orgId: 'acme', model: 'Endpoint', dataset: 'Processes' }) },
    });
    assert.equal(Number(views.rows[0]?.[0]), 1);
  });

  test('a view takes its own tenant’s rows only: another tenant’s insert is in its own summary, or in none', async () => {
    await env.store.insertLogs([
      processEvent('other', 1, 'srv8', 'cmd.exe'),
      // zeta accelerates nothing (yet): its events are in no summary.
      processEvent('zeta', 1, 'ws1', 'cmd.exe'),
    ]);
    assert.deepEqual(await rows('other', byDest(true)), [
      ['srv8', 1],
      ['srv9', 1],
    ]);
    assert.deepEqual(await rows('acme', byDest(true)), [
      ['ws1', 3],
      ['ws2', 1],
      ['ws4', 1],
    ]);
    const orgs = await env.store.query({
      sql: "SELECT org_id, count() FROM datamodel_summaries WHERE dataset = 'Processes' GROUP BY org_id ORDER BY org_id",
      params: {},
    });
    assert.deepEqual(
      orgs.rows.map(([o, n]) => [o, Number(n)]),
      [
        ['acme', 6],
        ['other', 2],
      ],
    );
  });

  test('summariesonly=f reads the summary plus the events it does not cover yet: the events’ result', async () => {
    const org = 'gap';
    tokens[`${org}-admin`] = await token(org, 'admin');
    tokens[`${org}-viewer`] = await token(org, 'viewer');
    await env.store.insertLogs([
      processEvent(org, 30, 'g1', 'cmd.exe'),
      processEvent(org, 20, 'g2', 'cmd.exe'),
      processEvent(org, 10, 'g2', 'powershell.exe'),
    ]);
    await putConf(org, '[Endpoint]\nacceleration = true\n');
    // A summarizer that waits two seconds for late rows: its view takes the events indexed from two seconds
    // after it is created, and its backfill may go up to two seconds before, so the three events above are
    // in the summary's gap (indexed before the view, not backfilled yet).
    const waiting = new DataModelSummarizer({
      store: env.store,
      knowledge: (o) => createKnowledgeService(env.store).objects(o),
      maxExecutionSeconds: 60,
      lagMs: 2_000,
    });
    const report = await waiting.run(org);
    assert.equal(report.failures, 0, JSON.stringify(report));
    await new Promise((r) => setTimeout(r, 2_100));
    await env.store.insertLogs([processEvent(org, 1, 'g3', 'cmd.exe')]);
    const raw = await rows(
      org,
      '| from datamodel:Endpoint.Processes | search process_name=cmd.exe | stats count by dest | sort dest',
    );
    assert.deepEqual(raw, [
      ['g1', 1],
      ['g2', 1],
      ['g3', 1],
    ]);
    // Only the view's event is summarized so far.
    assert.deepEqual(await rows(org, byDest(true)), [['g3', 1]]);
    assert.deepEqual(await rows(org, byDest(false)), raw);
    assert.deepEqual(await rows(org, byDest(false).replace('summariesonly=false', 'summariesonly=f')), raw);
    // The covered part does come from the summary: a row only the summary has is counted.
    await env.store.insertRows('datamodel_summaries', [
      {
        org_id: org,
        model: 'Endpoint',
        dataset: 'Processes',
        index: 'main',
        _time: new Date(now - 60_000).toISOString().replace('T', ' ').replace('Z', ''),
        host: 'x',
        source: 'x',
        sourcetype: 'x',
        fields: { dest: 'marker', process_name: 'cmd.exe' },
        built_to: 0,
      },
    ]);
    assert.deepEqual(await rows(org, byDest(false)), [...raw, ['marker', 1]]);
    await env.store.command(
      "DELETE FROM datamodel_summaries WHERE org_id = {org:String} AND fields.dest = 'marker'",
      { org },
    );
    // The backfill done (a summarizer on time): everything is summarized, both read the same.
    assert.equal((await summarizer.run(org)).failures, 0);
    const [state] = (await summarizer.states(org)).filter((s) => s.dataset === 'Processes');
    assert.ok(state && state.liveFrom > 0 && state.builtTo === state.liveFrom, JSON.stringify(state));
    assert.deepEqual(await rows(org, byDest(true)), raw);
    assert.deepEqual(await rows(org, byDest(false)), raw);
  });

  test('summariesonly=f reads the events older than acceleration.earliest_time raw, the rest from the summary', async () => {
    const org = 'early';
    tokens[`${org}-admin`] = await token(org, 'admin');
    tokens[`${org}-viewer`] = await token(org, 'viewer');
    await env.store.insertLogs([
      processEvent(org, 30, 'e1', 'cmd.exe'),
      // Two days back: outside the summary's hour.
      processEvent(org, 2 * 24 * 60, 'e2', 'cmd.exe'),
    ]);
    await putConf(org, '[Endpoint]\nacceleration = true\nacceleration.earliest_time = -1h\n');
    assert.equal((await summarizer.run(org)).failures, 0);
    const [state] = (await summarizer.states(org)).filter((s) => s.dataset === 'Processes');
    assert.ok(state && state.builtTo === state.liveFrom, 'backfilled');
    // The summary holds the recent event only; summariesonly=f gives both, as the events do.
    assert.deepEqual(await rows(org, byDest(true)), [['e1', 1]]);
    const both = [
      ['e1', 1],
      ['e2', 1],
    ];
    assert.deepEqual(await rows(org, byDest(false)), both);
    assert.deepEqual(
      await rows(
        org,
        '| from datamodel:Endpoint.Processes | search process_name=cmd.exe | stats count by dest | sort dest',
      ),
      both,
    );
  });

  test('a changed knowledge object makes the summary old (allow_old_summaries) until the next round rebuilds it', async () => {
    const org = 'gap';
    const res = await env.app.request('/admin/knowledge/props', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${tokens[`${org}-admin`] ?? ''}`, 'Content-Type': 'text/plain' },
      body: '[XmlWinEventLog]\nFIELDALIAS-dest = user AS dest\n',
    });
    assert.equal(res.status, 200, await res.text());
    const now = [['gap-user', 3]];
    // Old summary: not used by default (the events are read), used with allow_old_summaries=t.
    assert.deepEqual(await rows(org, byDest(false)), now);
    assert.deepEqual(await rows(org, byDest(true)), []);
    assert.deepEqual(await rows(org, byDest(true).replace('tstats', 'tstats allow_old_summaries=t')), [
      ['g1', 1],
      ['g2', 1],
      ['g3', 1],
    ]);
    const before = (await summarizer.states(org)).find((s) => s.dataset === 'Processes');
    assert.equal((await summarizer.run(org)).failures, 0);
    const after = (await summarizer.states(org)).find((s) => s.dataset === 'Processes');
    assert.ok(before && after && after.liveFrom > before.liveFrom, 'a new view');
    assert.deepEqual(await rows(org, byDest(true)), now);
    // Built with the alias: the new events go through the new view.
    await env.store.insertLogs([processEvent(org, 1, 'g4', 'cmd.exe')]);
    assert.deepEqual(await rows(org, byDest(true)), [['gap-user', 4]]);
    assert.deepEqual(await rows(org, byDest(false)), [['gap-user', 4]]);
  });

  test('a view that fails never refuses an insert: HEC acknowledges, the event is in logs once', async () => {
    // A broken view on `logs` (as a bad definition could make one): every block it sees throws.
    await env.store.command(
      'CREATE MATERIALIZED VIEW broken_view TO datamodel_summaries AS ' +
        "SELECT org_id, 'Broken' AS model, 'Broken' AS dataset, `index`, _time, host, source, sourcetype, " +
        "'' AS _raw, fields, throwIf(1, 'this view always fails') AS built_to FROM logs",
    );
    try {
      const ingest = await token('acme', 'ingest');
      const sent = await post(
        env,
        '/services/collector/event',
        JSON.stringify({
          event: 'EventCode=4688 after the broken view',
          index: 'main',
          sourcetype: 'XmlWinEventLog',
        }),
        { Authorization: `Splunk ${ingest}`, 'Content-Type': 'application/json' },
      );
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      assert.equal(sent.body['code'], 0);
      await env.store.insertLogs([processEvent('acme', 1, 'ws6', 'cmd.exe')]);
      const stored = await env.store.query({
        sql: "SELECT count() FROM logs WHERE org_id = 'acme' AND (_raw = 'EventCode=4688 after the broken view' OR host = 'ws6')",
        params: {},
      });
      assert.equal(Number(stored.rows[0]?.[0]), 2);
      // The working views still ran.
      assert.deepEqual(await rows('acme', byDest(true)), [
        ['ws1', 3],
        ['ws2', 1],
        ['ws4', 1],
        ['ws6', 1],
      ]);
    } finally {
      await env.store.command('DROP VIEW IF EXISTS broken_view SYNC');
    }
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
      ['ws6', 1],
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
    // Its views are gone: an insert no longer writes to the summary.
    const views = await env.store.query({
      sql: 'SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = {n:String}',
      params: { n: summaryViewName({ orgId: 'acme', model: 'Endpoint', dataset: 'Processes' }) },
    });
    assert.equal(Number(views.rows[0]?.[0]), 0);
    // The other tenant's summary stays.
    assert.deepEqual(await rows('other', byDest(true)), [
      ['srv8', 1],
      ['srv9', 1],
    ]);
    await env.store.insertLogs([processEvent('acme', 1, 'ws5', 'cmd.exe')]);
    const after = await env.store.query({
      sql: "SELECT count() FROM datamodel_summaries WHERE org_id = 'acme'",
      params: {},
    });
    assert.equal(Number(after.rows[0]?.[0]), 0);
    assert.deepEqual(await rows('acme', byDest(true)), [
      ['ws1', 3],
      ['ws2', 1],
      ['ws4', 1],
      ['ws5', 1],
      ['ws6', 1],
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
