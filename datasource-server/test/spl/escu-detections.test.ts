// End to end: the shipped sample security events (samples/security/events.json) go in over HEC, the shipped
// knowledge objects (props/transforms/eventtypes/tags.conf) through the admin API, and eleven real ESCU
// detections (their searches from the corpus, ../shared/corpus/escu-train.jsonl) across Endpoint,
// Authentication, Network_Traffic, Network_Resolution, Web and Change return the expected detection rows.
// The same rows come from the accelerated data models' summaries (`summariesonly=true`) and from each
// detection's equivalent `| datamodel … search | search … | stats …`. One of them,
// imported by `nexus detections import`, is evaluated as its alert rule's query A.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MacroRegistry } from '@nexus/spl';
import { detectionRule } from '../../src/cli/detections.ts';
import { DataModelSummarizer } from '../../src/knowledge/acceleration.ts';
import { createKnowledgeService } from '../../src/knowledge/service.ts';
import type { TestEnv } from '../helpers/env.ts';
import { ADMIN_TOKEN, testEnv } from '../helpers/env.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const samples = path.resolve(here, '../../samples/security');
const corpus = new Map(
  fs
    .readFileSync(path.resolve(here, '../../../../shared/corpus/escu-train.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { name: string; search: string })
    .map((d) => [d.name, d.search]),
);
const escu = (name: string): string => {
  const s = corpus.get(name);
  assert.ok(s, `${name} is in the corpus`);
  return s;
};

/** The eleven detections and the columns each test compares. */
const DETECTIONS: [string, string[]][] = [
  ['System User Discovery With Whoami', ['dest', 'user', 'process_name', 'process', 'count']],
  ['Script Execution via WMI', ['dest', 'user', 'process_name', 'count']],
  ['Linux Hardware Addition SwapOff', ['dest', 'user', 'process_name', 'process', 'process_guid']],
  [
    'Disabling Remote User Account Control',
    ['dest', 'user', 'registry_value_data', 'registry_key_name', 'count'],
  ],
  ['Linux Sudoers Tmp File Creation', ['dest', 'file_name', 'file_path', 'count']],
  [
    'Detect Password Spray Attack Behavior From Source',
    ['src', 'user_dc', 'failed_dc', 'failure', 'success'],
  ],
  ['Protocol or Port Mismatch', ['src_ip', 'dest_ip', 'app', 'dest_port', 'count']],
  ['Ngrok Reverse Proxy on Network', ['query', 'answer', 'count']],
  ['Java Class File download by Java User Agent', ['src', 'dest', 'url', 'http_user_agent', 'count']],
  ['Spring4Shell Payload URL Request', ['src', 'dest', 'http_method', 'sourcetype', 'count']],
  ['Windows Create Local Account', ['user', 'dest', 'action', 'result_id', 'count']],
];

let env: TestEnv;
const lines = fs
  .readFileSync(path.join(samples, 'events.json'), 'utf8')
  .split('\n')
  .filter((l) => l !== '');
// Half an hour ago: inside ESCU's hourly window (-70m to -10m) of the imported rule.
const eventTime = Math.floor(Date.now() / 1000) - 1800;

async function request(method: string, url: string, body: string, auth: string): Promise<Response> {
  return env.app.request(url, {
    method,
    headers: { Authorization: auth, 'Content-Type': 'text/plain' },
    body,
  });
}

async function spl(
  query: string,
  earliest = '-24h',
  latest = 'now',
): Promise<{ columns: string[]; rows: unknown[][] }> {
  const res = await env.app.request('/query/spl', {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, earliest, latest }),
  });
  const body = (await res.json()) as { columns: { name: string }[]; rows: unknown[][] };
  assert.equal(res.status, 200, `${query}\n${JSON.stringify(body)}`);
  return { columns: body.columns.map((c) => c.name), rows: body.rows };
}

/** The rows' values of `columns`, in the result's order. */
async function detect(name: string, columns: string[]): Promise<unknown[][]> {
  const r = await spl(escu(name));
  return r.rows.map((row) => columns.map((c) => row[r.columns.indexOf(c)]));
}

before(async () => {
  env = await testEnv();
  const hec = lines
    .map((l) => JSON.stringify({ ...(JSON.parse(l) as object), time: eventTime, index: 'main' }))
    .join('\n');
  const res = await request('POST', '/services/collector/event', hec, `Splunk ${ADMIN_TOKEN}`);
  assert.equal(res.status, 200, await res.text());
  for (const kind of ['props', 'transforms', 'eventtypes', 'tags']) {
    const put = await request(
      'PUT',
      `/admin/knowledge/${kind}`,
      fs.readFileSync(path.join(samples, `${kind}.conf`), 'utf8'),
      `Bearer ${ADMIN_TOKEN}`,
    );
    assert.equal(put.status, 200, `${kind}.conf: ${await put.text()}`);
  }
  for (let i = 0; i < 200; i++) {
    if ((await spl('index=* | stats count')).rows[0]?.[0] === lines.length) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail('the sample events were not searchable');
});
after(async () => env?.close());

describe('ESCU detections over the sample events', () => {
  test('Endpoint.Processes: System User Discovery With Whoami, Script Execution via WMI, Linux Hardware Addition SwapOff', async () => {
    assert.deepEqual(
      await detect('System User Discovery With Whoami', ['dest', 'user', 'process_name', 'process', 'count']),
      [['WIN-DC1', 'alice', 'whoami.exe', 'whoami /all', 1]],
    );
    assert.deepEqual(await detect('Script Execution via WMI', ['dest', 'user', 'process_name', 'count']), [
      ['WIN-WS7', 'NT AUTHORITY\\SYSTEM', 'scrcons.exe', 1],
    ]);
    assert.deepEqual(
      await detect('Linux Hardware Addition SwapOff', [
        'dest',
        'user',
        'process_name',
        'process',
        'process_guid',
      ]),
      [['lnx-db1', 'root', 'swapoff', 'swapoff -a', '{bbbb-1}']],
    );
  });

  test('Endpoint.Registry and Endpoint.Filesystem: Disabling Remote User Account Control, Linux Sudoers Tmp File Creation', async () => {
    assert.deepEqual(
      await detect('Disabling Remote User Account Control', [
        'dest',
        'user',
        'registry_value_data',
        'registry_key_name',
        'count',
      ]),
      [['WIN-WS7', 'WIN-WS7\\eve', '0x00000000', 'System', 1]],
    );
    assert.deepEqual(
      await detect('Linux Sudoers Tmp File Creation', ['dest', 'file_name', 'file_path', 'count']),
      [['lnx-db1', 'sudoers.tmp', '/etc/sudoers.tmp', 1]],
    );
  });

  test('Authentication: Detect Password Spray Attack Behavior From Source', async () => {
    const rows = await detect('Detect Password Spray Attack Behavior From Source', [
      'src',
      'user_dc',
      'failed_dc',
      'failure',
      'success',
    ]);
    assert.deepEqual(rows, [['203.0.113.7', 12, 12, 12, 0]]);
  });

  test('Network_Traffic and Network_Resolution: Protocol or Port Mismatch, Ngrok Reverse Proxy on Network', async () => {
    assert.deepEqual(
      await detect('Protocol or Port Mismatch', ['src_ip', 'dest_ip', 'app', 'dest_port', 'count']),
      [['10.1.0.7', '198.51.100.99', 'ssl', '4444', 1]],
    );
    assert.deepEqual(await detect('Ngrok Reverse Proxy on Network', ['query', 'answer', 'count']), [
      ['tunnel.us.ngrok.com', '3.134.73.173', 1],
    ]);
  });

  test('Web: Java Class File download by Java User Agent, Spring4Shell Payload URL Request', async () => {
    assert.deepEqual(
      await detect('Java Class File download by Java User Agent', [
        'src',
        'dest',
        'url',
        'http_user_agent',
        'count',
      ]),
      [
        [
          '10.1.0.7',
          'updates.example.net',
          'http://updates.example.net/lib/Payload.class',
          'Java/1.8.0_151',
          1,
        ],
      ],
    );
    assert.deepEqual(
      await detect('Spring4Shell Payload URL Request', ['src', 'dest', 'http_method', 'sourcetype', 'count']),
      [['198.51.100.23', 'app.example.com', 'GET', 'squid:access', 1]],
    );
  });

  test('Change: Windows Create Local Account', async () => {
    assert.deepEqual(
      await detect('Windows Create Local Account', ['user', 'dest', 'action', 'result_id', 'count']),
      [['backdoor1', 'WIN-DC1', 'created', '4720', 1]],
    );
  });

  test('the same rows from `| from datamodel:`, `| datamodel … search` and the raw tag search', async () => {
    const expected = [['WIN-DC1', 'alice', 1]];
    const tstats = await spl(
      '| tstats count from datamodel=Endpoint.Processes where Processes.process_name=whoami.exe by Processes.dest Processes.user',
    );
    const from = await spl(
      '| from datamodel:Endpoint.Processes | search process_name=whoami.exe | stats count by dest user',
    );
    const dm = await spl(
      '| datamodel Endpoint Processes search | search Processes.process_name=whoami.exe | stats count by Processes.dest Processes.user',
    );
    const raw = await spl('tag=process tag=report process_name=whoami.exe | stats count by dest user');
    for (const r of [tstats, from, dm, raw]) assert.deepEqual(r.rows, expected);
  });

  test('with the data models accelerated, summariesonly=true gives the same detection rows from the summaries', async () => {
    const conf = ['Endpoint', 'Authentication', 'Network_Traffic', 'Network_Resolution', 'Web', 'Change']
      .map((m) => `[${m}]\nacceleration = true\n`)
      .join('\n');
    const put = await request('PUT', '/admin/knowledge/datamodels', conf, `Bearer ${ADMIN_TOKEN}`);
    assert.equal(put.status, 200, await put.text());
    const summarizer = new DataModelSummarizer({
      store: env.store,
      knowledge: (org) => createKnowledgeService(env.store).objects(org),
      maxExecutionSeconds: 60,
      lagMs: 0,
    });
    const report = await summarizer.run();
    assert.equal(report.failures, 0, JSON.stringify(report));
    let fromSummaries = 0;
    for (const [name, columns] of DETECTIONS) {
      const search = escu(name);
      // What a deployment gets by setting ESCU's `summariesonly_config` macro to true (the corpus has the
      // macros expanded); the two Web detections without the macro get the option added.
      const accelerated = search.includes('summariesonly=false')
        ? search.replaceAll('summariesonly=false', 'summariesonly=true')
        : search.replace(/^\| tstats /, '| tstats summariesonly=true ');
      if (accelerated.includes('summariesonly=true')) fromSummaries++;
      const r = await spl(accelerated);
      const rows = r.rows.map((row) => columns.map((c) => row[r.columns.indexOf(c)]));
      assert.ok(rows.length > 0, name);
      assert.deepEqual(rows, await detect(name, columns), name);
    }
    assert.equal(fromSummaries, DETECTIONS.length, 'every detection reads the summaries');
    const stored = await env.store.query({
      sql: 'SELECT uniqExact(model), count() FROM datamodel_summaries',
      params: {},
    });
    assert.equal(Number(stored.rows[0]?.[0]), 6);
    assert.ok(Number(stored.rows[0]?.[1]) > 0);
  });

  test('every detection gives the same rows from its equivalent `| datamodel … search | search … | stats …`', async () => {
    const tstats =
      /^\| tstats ((?:\w+=\S+ +)*)(.*?) from datamodel=(\w+)(?:\.(\w+))? +where +(.*?) +by +(.*?)( \| .*)?$/is;
    let compared = 0;
    for (const [name, columns] of DETECTIONS) {
      const m = tstats.exec(escu(name));
      assert.ok(m, `${name} is a tstats search`);
      const [, options = '', aggs = '', model = '', node, where = '', by = '', rest = ''] = m;
      // A model with one root dataset is named alone (`datamodel=Web`): its fields say which dataset it is.
      const dataset = node ?? by.split('.')[0] ?? '';
      // tstats `fillnull_value=` gives a missing BY field that value; `stats` would drop the event.
      const fill = /fillnull_value=(\S+)/.exec(options)?.[1];
      const filled = fill === undefined ? '' : ` | fillnull value=${fill} ${by.replaceAll(',', ' ')}`;
      const equivalent = `| datamodel ${model} ${dataset} search | search ${where}${filled} | stats ${aggs} by ${by}${rest}`;
      const r = await spl(equivalent);
      const rows = r.rows.map((row) => columns.map((c) => row[r.columns.indexOf(c)]));
      assert.ok(rows.length > 0, `${name}: ${equivalent}`);
      assert.deepEqual(rows, await detect(name, columns), `${name}: ${equivalent}`);
      compared++;
    }
    assert.equal(compared, 11);
  });

  test('an imported detection fires: its rule’s query A, over the rule’s time range, returns more than 0', async () => {
    const outcome = detectionRule(
      {
        file: 'detections/endpoint/system_user_discovery_with_whoami.yml',
        id: 'whoami',
        name: 'System User Discovery With Whoami',
        type: 'TTP',
        search: escu('System User Discovery With Whoami'),
        description: '',
        tags: { mitre_attack_id: ['T1033'] },
        drilldowns: [],
        references: [],
      },
      { datasourceUid: 'nexus', macros: new MacroRegistry() },
    );
    const a = (
      outcome.rule?.data as {
        refId: string;
        relativeTimeRange: { from: number; to: number };
        model: { spl: string };
      }[]
    )[0];
    assert.ok(a);
    const r = await spl(a.model.spl, `-${a.relativeTimeRange.from}s`, `-${a.relativeTimeRange.to}s`);
    assert.deepEqual(r.rows, [[1]], 'condition C (detections > 0) holds: the rule fires');
  });
});
