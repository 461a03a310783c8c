// `REPORT-` transforms with key-value `DELIMS` on chDB: each pair's key names its field, read where a command
// names it, for the events of the stanza only. transforms.conf spec (`DELIMS = "<pair delimiters>",
// "<key-value delimiters>"`) and Knowledge Manager manual, "Configure delimiter-based field extractions".

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mergeKnowledge, parseKnowledgeConf } from '@nexus/spl';
import type { LogRow } from '../../src/store/index.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';

const now = Date.UTC(2026, 11, 7, 12, 0, 0);

const ev = (minutes: number, sourcetype: string, raw: string, fields: LogRow['fields'] = {}): LogRow =>
  fixtureEvent(now, minutes, raw, 'app01', fields, { sourcetype });

describe('REPORT- with key-value DELIMS', () => {
  const kvKnowledge = mergeKnowledge(
    parseKnowledgeConf('props', '[kvlog]\nREPORT-kv = kv_pairs\nEVAL-kb = bytes / 1024\n').objects,
    parseKnowledgeConf('transforms', '[kv_pairs]\nDELIMS = "|;", ":="\n').objects,
  );
  const kvRows: LogRow[] = [
    ev(1, 'kvlog', 'user:alice|action:login;bytes=2048'),
    ev(2, 'kvlog', 'user=bob|src ip:10.0.0.1|action:"log out"'),
    ev(3, 'other', 'user:mallory|action:login'),
    ev(4, 'kvlog', 'no pairs here', { user: 'own' }),
  ];
  let kf: SplFixture;
  before(async () => {
    kf = await splFixture(now, kvRows, { knowledge: kvKnowledge });
  });
  after(async () => kf.close());

  test('each pair’s key names its field (keys cleaned, quotes removed); other sourcetypes untouched', async () => {
    const r = await kf.spl('index=main | sort - _time | table sourcetype user action bytes src_ip');
    assert.deepEqual(r.rows, [
      ['kvlog', 'alice', 'login', '2048', null],
      ['kvlog', 'bob', 'log out', null, '10.0.0.1'],
      ['other', null, null, null, null],
      ['kvlog', 'own', null, null, null],
    ]);
  });

  test('the events shown carry every pair of their stanza, over their stored fields', async () => {
    const r = await kf.spl('index=main | sort - _time');
    const fields = r.rows.map((row) => row[r.columns.indexOf('_fields')] as Record<string, unknown>);
    // Each pair's key and value, as the stanza cuts them (`src ip` cleaned to `src_ip`); not for `other`.
    const expected = [
      { user: 'alice', action: 'login', bytes: '2048' },
      { user: 'bob', src_ip: '10.0.0.1', action: 'log out' },
      {},
      { user: 'own' },
    ];
    assert.deepEqual(
      fields.map((f) => Object.fromEntries(Object.entries(f).filter(([k]) => k !== 'kb'))),
      expected,
    );
  });

  test('the fields search, group and feed calculated fields', async () => {
    const r = await kf.spl('index=main action=login | stats count sum(kb) AS kb by user');
    assert.deepEqual(r.rows, [['alice', 1, 2]]);
  });
});
