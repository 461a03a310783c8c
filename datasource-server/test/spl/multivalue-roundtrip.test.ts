// A list sent over HEC, Vector, OTLP and _bulk comes back as a list: through table, fields, eval, stats
// values/list, mvexpand and lookup outputs, in /query/spl's JSON rows (issue 20).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_TOKEN, testEnv } from '../helpers/env.ts';
import type { TestEnv } from '../helpers/env.ts';
import { post, splRows } from '../helpers/ingest.ts';

let env: TestEnv;
const bearer = { Authorization: `Bearer ${ADMIN_TOKEN}` };

before(async () => {
  env = await testEnv();
  const t = Math.floor(Date.now() / 1000) - 60;
  // HEC indexed fields.
  const hec = await post(
    env,
    '/services/collector/event',
    JSON.stringify({ time: t, host: 'hec', index: 'main', event: 'hec event', fields: { tags: ['a', 'b'] } }),
    { Authorization: `Splunk ${ADMIN_TOKEN}` },
  );
  assert.equal(hec.status, 200, JSON.stringify(hec.body));
  // Vector's http sink: a JSON array of events.
  const vector = await post(
    env,
    '/ingest/logs',
    JSON.stringify([
      {
        timestamp: new Date(t * 1000).toISOString(),
        host: 'vector',
        message: 'vector event',
        tags: ['c', 'd'],
      },
    ]),
    { ...bearer, 'Content-Type': 'application/json' },
  );
  assert.equal(vector.status < 300, true, JSON.stringify(vector.body));
  // OTLP/HTTP JSON: an array attribute.
  const str = (s: string) => ({ stringValue: s });
  const otlp = await post(
    env,
    '/v1/logs',
    JSON.stringify({
      resourceLogs: [
        {
          resource: { attributes: [{ key: 'host.name', value: str('otlp') }] },
          scopeLogs: [
            {
              logRecords: [
                {
                  timeUnixNano: String(BigInt(t) * 1_000_000_000n),
                  body: str('otlp event'),
                  attributes: [
                    { key: 'tags', value: { arrayValue: { values: [str('e'), { intValue: '5' }] } } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    }),
    { ...bearer, 'Content-Type': 'application/json' },
  );
  assert.equal(otlp.status, 200, JSON.stringify(otlp.body));
  // Elasticsearch _bulk.
  const bulk = await post(
    env,
    '/_bulk',
    `${JSON.stringify({ index: { _index: 'main' } })}\n${JSON.stringify({ '@timestamp': new Date(t * 1000).toISOString(), host: 'bulk', message: 'bulk event', tags: ['f', 'g'] })}\n`,
    { ...bearer, 'Content-Type': 'application/x-ndjson' },
  );
  assert.equal(bulk.status, 200, JSON.stringify(bulk.body));
  // Every path acknowledges only what is committed; wait for the batcher's flush.
  for (let i = 0; i < 100; i++) {
    const rows = await splRows(env, '| search * | stats count');
    if (rows[0]?.[0] === 4) break;
    await new Promise((r) => setTimeout(r, 50));
  }
});

after(async () => {
  await env.close();
});

const byHost = async (query: string): Promise<Record<string, unknown>> => {
  const rows = await splRows(env, query);
  return Object.fromEntries(rows.map((r) => [String(r[0]), r[1]]));
};

const expected = { bulk: ['f', 'g'], hec: ['a', 'b'], otlp: ['e', '5'], vector: ['c', 'd'] };

describe('a list sent over HEC, Vector, OTLP and _bulk comes back as a list', () => {
  test('table', async () => {
    assert.deepEqual(await byHost('| search * | table host tags'), expected);
  });
  test('fields', async () => {
    assert.deepEqual(await byHost('| search * | fields host tags | fields - _time _raw'), expected);
  });
  test('eval t=tags', async () => {
    assert.deepEqual(await byHost('| search * | eval t=tags | table host t'), expected);
  });
  test('stats values and list, by host', async () => {
    // values() sorts lexicographically: "5" before "e".
    assert.deepEqual(await byHost('| search * | stats values(tags) by host'), {
      ...expected,
      otlp: ['5', 'e'],
    });
    assert.deepEqual(await byHost('| search * | stats list(tags) by host'), expected);
    const [all] = await splRows(env, '| search * | stats values(tags) AS v dc(tags) AS n');
    assert.deepEqual(all, [['5', 'a', 'b', 'c', 'd', 'e', 'f', 'g'], 8]);
  });
  test('mvexpand: one row per value', async () => {
    const rows = await splRows(env, '| search host=hec | mvexpand tags | table tags');
    assert.deepEqual(rows, [['a'], ['b']]);
  });
  test('mvexpand: one row per value, over every protocol', async () => {
    const rows = await splRows(env, '| search * | mvexpand tags | stats list(tags) AS t count by host');
    assert.deepEqual(
      Object.fromEntries(rows.map((r) => [String(r[0]), [r[1], r[2]]])),
      Object.fromEntries(Object.entries(expected).map(([h, v]) => [h, [v, 2]])),
    );
  });
  test('/query/spl JSON: the list is a JSON array in rows, for every protocol', async () => {
    const res = await post(env, '/query/spl', JSON.stringify({ query: '| search * | table host tags' }), {
      ...bearer,
      'Content-Type': 'application/json',
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const body = res.body as { rows: unknown[][] };
    for (const row of body.rows) assert.ok(Array.isArray(row[1]) && row[1].length === 2, JSON.stringify(row));
    assert.equal(body.rows.length, 4);
  });
  test('mvcount and mvindex read every path', async () => {
    assert.deepEqual(await byHost('| search * | eval n=mvcount(tags) | table host n'), {
      bulk: 2,
      hec: 2,
      otlp: 2,
      vector: 2,
    });
  });
  test('a single value stays a single value, a missing field is null', async () => {
    assert.deepEqual(await byHost('| search * | table host nosuch'), {
      bulk: null,
      hec: null,
      otlp: null,
      vector: null,
    });
    assert.deepEqual(await byHost('| search * | eval one=mvindex(tags, 0) | table host one'), {
      bulk: 'f',
      hec: 'a',
      otlp: 'e',
      vector: 'c',
    });
  });
  test('a column read after table stays a string for the command that reads it', async () => {
    const rows = await splRows(env, '| search * | table host tags | where isnotnull(tags) | stats count');
    assert.deepEqual(rows, [[4]]);
  });
});

describe('lookup outputs', () => {
  before(async () => {
    const rows = await splRows(
      env,
      '| makeresults | eval host="hec", owner="ann" | table host owner | outputlookup owners.csv',
    );
    assert.equal(rows.length, 1);
  });
  test('no match is null: dc() does not count it, values() has no nested lists', async () => {
    const owners = await byHost('| search * | lookup owners.csv host OUTPUT owner | table host owner');
    assert.deepEqual([owners.bulk, owners.otlp, owners.vector], [null, null, null]);
    // One match is a single value, as Splunk shows it, not a list of one.
    assert.equal(owners.hec, 'ann');
    const [stats] = await splRows(
      env,
      '| search * | lookup owners.csv host OUTPUT owner | stats dc(owner) values(owner)',
    );
    assert.deepEqual(stats, [1, 'ann']);
  });
  test('several matches are a list, over every protocol', async () => {
    const written = await splRows(
      env,
      '| makeresults count=8 | streamstats count AS n | eval host=mvindex(split("hec,hec,vector,vector,otlp,otlp,bulk,bulk", ","), n - 1), role="r" + tostring(n % 2) | table host role | outputlookup roles.csv',
    );
    assert.equal(written.length, 8);
    const roles = await byHost('| search * | lookup roles.csv host OUTPUT role | table host role');
    assert.deepEqual(roles, {
      bulk: ['r1', 'r0'],
      hec: ['r1', 'r0'],
      otlp: ['r1', 'r0'],
      vector: ['r1', 'r0'],
    });
  });
  test('isnull() of an unmatched output is true', async () => {
    const rows = await splRows(
      env,
      '| search * | lookup owners.csv host OUTPUT owner | where isnull(owner) | stats count',
    );
    assert.deepEqual(rows, [[3]]);
  });
});
