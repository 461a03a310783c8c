// The check of a data model summary's view on real chDB: inserts into `logs` ignore a view that fails
// (`materialized_views_ignore_errors`), so each summary round counts the dataset's events and the view's rows
// over the index time since its last check. A view that fails for a block is found (the state says why, with
// the engine's error; the admin API shows the summary incomplete; /metrics counts it), `summariesonly=f`
// reads the events meanwhile, `summariesonly=t` the summary as it is (partial, as Splunk's), and the next
// round rebuilds it; another tenant's summary is neither read nor flagged; a healthy view is never flagged.
// Search Reference, "tstats": https://help.splunk.com/splunk-enterprise/spl-search-reference/10.0/search-commands/tstats

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { compileSummaryView } from '@nexus/spl';
import { DataModelSummarizer, summaryViewName } from '../../src/knowledge/acceleration.ts';
import { createKnowledgeService } from '../../src/knowledge/service.ts';
import type { LogRow } from '../../src/store/types.ts';
import { processEvent as makeProcessEvent, putDatamodels } from '../helpers/acceleration.ts';
import type { TestEnv } from '../helpers/env.ts';
import { ADMIN_TOKEN, createToken, testEnv } from '../helpers/env.ts';
import { splRows } from '../helpers/ingest.ts';

let env: TestEnv;
const tokens: Record<string, string> = {};
let summarizer: DataModelSummarizer;
const now = Date.now();

const putConf = (org: string, text: string): Promise<void> =>
  putDatamodels(env, tokens[`${org}-admin`] ?? '', text);

const rows = (org: string, query: string): Promise<unknown[][]> =>
  splRows(env, query, { token: tokens[`${org}-viewer`] ?? '', earliest: '-7d', latest: '+1h' });

interface SummaryStatus {
  dataset: string;
  complete: boolean;
  checkedTo: string | null;
  error: string | null;
  failedAt: string | null;
}

async function status(org: string): Promise<SummaryStatus | undefined> {
  const res = await env.app.request('/admin/knowledge/summaries', {
    headers: { Authorization: `Bearer ${tokens[`${org}-admin`] ?? ''}` },
  });
  assert.equal(res.status, 200);
  const { summaries } = (await res.json()) as { summaries: SummaryStatus[] };
  return summaries.find((s) => s.dataset === 'Processes');
}

async function incompleteGauge(): Promise<number> {
  const res = await env.app.request('/metrics', { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
  assert.equal(res.status, 200);
  const line = (await res.text())
    .split('\n')
    .find((l) => l.startsWith('nexus_datamodel_summaries_incomplete '));
  assert.ok(line, 'the gauge is exported');
  return Number(line.split(' ')[1]);
}

const processEvent = (org: string, minutesAgo: number, dest: string, name = 'cmd.exe'): LogRow =>
  makeProcessEvent(now, org, minutesAgo, dest, name);

const count = (summariesonly: boolean): string =>
  `| tstats summariesonly=${summariesonly} count from datamodel=Endpoint.Processes`;

/** The check covers whole seconds up to a lag (0 here) before now: wait until the last insert's second ended. */
const nextSecond = (): Promise<void> => new Promise((r) => setTimeout(r, 1_100 - (Date.now() % 1000)));

before(async () => {
  env = await testEnv();
  for (const org of ['chk', 'calm', 'many']) {
    tokens[`${org}-admin`] = await createToken(env.app, org, 'admin');
    tokens[`${org}-viewer`] = await createToken(env.app, org, 'viewer');
  }
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

describe('data model summary check', () => {
  test('a view that fails for a block is found: summariesonly=f reads the events, the next round rebuilds the summary', async () => {
    await env.store.insertLogs([processEvent('chk', 30, 'a1'), processEvent('calm', 30, 'c1')]);
    await putConf('chk', '[Endpoint]\nacceleration = true\n');
    await putConf('calm', '[Endpoint]\nacceleration = true\n');
    let report = await summarizer.run();
    assert.equal(report.failures, 0, JSON.stringify(report));
    const [built] = (await summarizer.states('chk')).filter((s) => s.dataset === 'Processes');
    assert.ok(built && built.liveFrom > 0 && built.builtTo === built.liveFrom, JSON.stringify(built));
    // The dataset's view replaced by one that fails for a block holding a host `bad` (as a calculation that
    // throws on some values would): ClickHouse drops the view's whole block, the insert still succeeds.
    const view = summaryViewName({ orgId: 'chk', model: 'Endpoint', dataset: 'Processes' });
    const knowledge = await createKnowledgeService(env.store).objects('chk');
    const ddl = compileSummaryView('Endpoint', 'Processes', {
      orgId: 'chk',
      knowledge,
      earliestMs: null,
      latestMs: null,
      nowMs: 0,
      view,
      liveFromMs: built.liveFrom,
    });
    assert.ok(ddl.ok);
    const failing = ddl.sql.replace(
      '{sm_build:UInt64} AS `built_to`',
      "{sm_build:UInt64} + throwIf(`host` = 'bad', 'a bad host in the view') AS `built_to`",
    );
    assert.notEqual(failing, ddl.sql);
    await env.store.command(`DROP VIEW ${view} SYNC`);
    await env.store.command(failing, ddl.params);
    // One block with a bad host among good ones (all three lost to the view), one healthy block; the other
    // tenant's events in the failing block are in its own summary.
    await env.store.insertLogs([
      processEvent('chk', 1, 'a2'),
      processEvent('chk', 1, 'bad'),
      processEvent('chk', 1, 'a3'),
      processEvent('calm', 1, 'c2'),
    ]);
    await env.store.insertLogs([processEvent('chk', 1, 'a4')]);
    assert.deepEqual(await rows('chk', count(true)), [[2]]);
    // Before the check the summary is taken for complete, and summariesonly=f trusts it: the known gap.
    assert.deepEqual(await rows('chk', count(false)), [[2]]);
    await nextSecond();
    report = await summarizer.run();
    assert.equal(report.failures, 0, JSON.stringify(report));
    assert.equal(report.incomplete, 1, JSON.stringify(report));
    const [found] = (await summarizer.states('chk')).filter((s) => s.dataset === 'Processes');
    assert.match(found?.error ?? '', /^the view added 1 rows for the 4 events indexed from /);
    assert.match(found?.error ?? '', /FUNCTION_THROW_IF_VALUE_IS_NON_ZERO: a bad host in the view/);
    // summariesonly=f reads the events (Splunk's default gives every event), summariesonly=t the summary
    // as it is: the admin API says it is not complete, and why.
    assert.deepEqual(await rows('chk', count(false)), [[5]]);
    assert.deepEqual(await rows('chk', count(true)), [[2]]);
    const shown = await status('chk');
    assert.equal(shown?.complete, false);
    assert.equal(shown?.error, found?.error);
    assert.ok(Date.parse(shown?.failedAt ?? '') >= now, JSON.stringify(shown));
    assert.equal(await incompleteGauge(), 1);
    // The other tenant: its summary complete and checked, its rows its own.
    const calm = await status('calm');
    assert.equal(calm?.complete, true);
    assert.equal(calm?.error, null);
    assert.ok(calm?.checkedTo !== null, JSON.stringify(calm));
    assert.deepEqual(await rows('calm', count(true)), [[2]]);
    // The next round rebuilds it from its definition (the failing view goes): complete again, and a bad
    // host no longer loses a block.
    report = await summarizer.run('chk');
    assert.equal(report.failures, 0, JSON.stringify(report));
    assert.equal(report.incomplete, 0, JSON.stringify(report));
    assert.deepEqual(await rows('chk', count(true)), [[5]]);
    assert.deepEqual(await rows('chk', count(false)), [[5]]);
    const rebuilt = await status('chk');
    assert.equal(rebuilt?.complete, true, JSON.stringify(rebuilt));
    assert.equal(rebuilt?.error, null);
    assert.equal(await incompleteGauge(), 0);
    await new Promise((r) => setTimeout(r, 10));
    await env.store.insertLogs([processEvent('chk', 1, 'bad'), processEvent('chk', 1, 'a5')]);
    await nextSecond();
    report = await summarizer.run('chk');
    assert.equal(report.incomplete, 0, JSON.stringify(report));
    const [checked] = (await summarizer.states('chk')).filter((s) => s.dataset === 'Processes');
    assert.ok(checked && checked.checkedTo > checked.liveFrom, JSON.stringify(checked));
    assert.deepEqual(await rows('chk', count(true)), [[7]]);
  });

  test('a healthy view is never flagged: many inserts, rounds in between, late events, other tenants', async () => {
    await putConf('many', '[Endpoint]\nacceleration = true\n');
    assert.equal((await summarizer.run('many')).failures, 0);
    // The view starts now (no lag): every event below goes through it.
    await new Promise((r) => setTimeout(r, 5));
    let sent = 0;
    for (let i = 0; i < 60; i++) {
      const block: LogRow[] = [
        processEvent('many', 1, `w${String(i % 7)}`),
        // Outside the dataset (no process tag), and a late event (two days old).
        { ...processEvent('many', 1, 'x'), fields: { dest: 'x', process_name: 'cmd.exe' } },
        processEvent('many', 2 * 24 * 60, `late${String(i % 3)}`, 'powershell.exe'),
        processEvent('calm', 1, 'c3'),
      ];
      await env.store.insertLogs(block);
      sent += 2;
      if (i % 15 === 14) {
        // Rounds while inserts go on: each checks the seconds closed since the last.
        const report = await summarizer.run();
        assert.equal(report.incomplete, 0, JSON.stringify(report));
        assert.equal(report.failures, 0, JSON.stringify(report));
      }
    }
    await nextSecond();
    const report = await summarizer.run();
    assert.equal(report.incomplete, 0, JSON.stringify(report));
    const states = await summarizer.states();
    assert.ok(
      states.every((s) => s.error === ''),
      JSON.stringify(states.filter((s) => s.error !== '')),
    );
    const [many] = states.filter((s) => s.orgId === 'many' && s.dataset === 'Processes');
    assert.ok(many && many.checkedTo >= Date.now() - 2_000, JSON.stringify(many));
    assert.deepEqual(await rows('many', count(true)), [[sent]]);
    assert.deepEqual(await rows('many', count(false)), [[sent]]);
    assert.equal((await status('many'))?.complete, true);
  });
});
