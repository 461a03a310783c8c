// The `eventtype`, `tag` and `tag::<field>` fields, `tag::<field>=` terms, and `REPORT-` with `DELIMS`/`FIELDS`,
// on chDB. Knowledge Manager manual: "About event types", "About tags and aliases" (tag::<field>), and
// "Create and maintain search-time field extractions through configuration files" (DELIMS and FIELDS).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { compile, mergeKnowledge, parseKnowledgeConf } from '@nexus/spl';
import type { LogRow } from '../../src/store/index.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';

const now = Date.UTC(2026, 11, 7, 12, 0, 0);

const knowledge = mergeKnowledge(
  parseKnowledgeConf(
    'eventtypes',
    [
      '[web_error]',
      'search = sourcetype=access status>=500',
      'tags = error',
      '[web_any]',
      'search = sourcetype=access',
    ].join('\n'),
  ).objects,
  parseKnowledgeConf(
    'tags',
    [
      '[eventtype=web_any]',
      'web = enabled',
      '[host=db01]',
      'database = enabled',
      'critical = enabled',
      '[host=web01]',
      'frontend = enabled',
    ].join('\n'),
  ).objects,
  parseKnowledgeConf('props', ['[csvlog]', 'REPORT-cols = csv_cols', 'EVAL-double = bytes * 2'].join('\n'))
    .objects,
  parseKnowledgeConf('transforms', ['[csv_cols]', 'DELIMS = ",;"', 'FIELDS = user, action, bytes'].join('\n'))
    .objects,
);

const ev = (
  minutes: number,
  host: string,
  sourcetype: string,
  raw: string,
  fields: LogRow['fields'] = {},
): LogRow => fixtureEvent(now, minutes, raw, host, fields, { sourcetype });

const rows: LogRow[] = [
  ev(1, 'web01', 'access', 'GET / 200', { status: 200 }),
  ev(2, 'web01', 'access', 'GET /x 503', { status: 503 }),
  ev(3, 'db01', 'access', 'GET /db 500', { status: 500, tag: 'own' }),
  ev(4, 'db01', 'csvlog', 'alice,login;512'),
  ev(5, 'app01', 'csvlog', 'bob,logout'),
];

let f: SplFixture;
before(async () => {
  f = await splFixture(now, rows, { knowledge });
});
after(async () => f.close());

describe('eventtype and tag as fields', () => {
  test('stats count by eventtype: every eventtype an event matches (multivalue)', async () => {
    const r = await f.spl('index=main | stats count by eventtype');
    assert.deepEqual(r.rows, [
      ['web_any', 3],
      ['web_error', 2],
    ]);
  });

  test('stats count by tag: tags from field values, eventtypes, eventtype tags and the event’s own tag', async () => {
    const r = await f.spl('index=main | stats count by tag');
    assert.deepEqual(r.rows, [
      ['critical', 2],
      ['database', 2],
      ['error', 2],
      ['frontend', 2],
      ['own', 1],
      ['web', 3],
    ]);
    const one = await f.spl('index=main host=db01 sourcetype=access | eval n=mvcount(tag) | table n');
    assert.deepEqual(one.rows, [[5]], 'own, web, error, database, critical');
  });

  test('tag::<field> as a field and as a search term', async () => {
    const r = await f.spl('index=main | stats count by tag::host');
    assert.deepEqual(r.rows, [
      ['critical', 2],
      ['database', 2],
      ['frontend', 2],
    ]);
    assert.deepEqual((await f.spl('tag::host=database | stats count')).rows, [[2]]);
    assert.deepEqual((await f.spl('tag::host=frontend | stats count by host')).rows, [['web01', 2]]);
    // A tag of another field does not match through tag::host.
    assert.deepEqual((await f.spl('tag::host=web | stats count')).rows, [[0]]);
    assert.deepEqual((await f.spl('tag::sourcetype=anything | stats count')).rows, [[0]]);
  });

  test('search tag= and where on the field agree', async () => {
    const byTerm = await f.spl('tag=error | stats count');
    const byField = await f.spl('index=main | where mvcount(mvfilter(tag=="error"))>0 | stats count');
    assert.deepEqual(byTerm.rows, [[2]]);
    assert.deepEqual(byField.rows, [[2]]);
  });
});

describe('REPORT- with DELIMS and FIELDS', () => {
  test('the n-th piece between delimiter characters is the n-th field; missing pieces stay null', async () => {
    const r = await f.spl('sourcetype=csvlog | table user action bytes');
    assert.deepEqual(r.rows, [
      ['alice', 'login', '512'],
      ['bob', 'logout', null],
    ]);
  });

  test('a numeric calculated field over a delimited field sums (both branches of its `if` are numbers)', async () => {
    const r = await f.spl('index=main | stats sum(double) as s count(double) as n');
    assert.deepEqual(r.rows, [[1024, 1]]);
  });

  test('DELIMS without FIELDS or a key-value delimiter is reported, with the transform', async () => {
    const bad = mergeKnowledge(
      parseKnowledgeConf('props', '[access]\nREPORT-bad = cut\n').objects,
      parseKnowledgeConf('transforms', '[cut]\nDELIMS = "&"\n').objects,
    );
    // Compiled only: the problem is found before any statement runs.
    const r = compile('sourcetype=access | stats count', {
      orgId: 'acme',
      nowMs: now,
      earliestMs: 0,
      latestMs: now,
      knowledge: bad,
    });
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : (r.errors[0]?.message ?? ''), /transform `cut`: `DELIMS` needs `FIELDS`/);
  });
});
