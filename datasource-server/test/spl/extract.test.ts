// `extract` / `kv` on real chDB: `key=value` pairs of `_raw` read as fields by name. Search Reference 9.4,
// extract: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/extract

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'user=ann action="log in" status=200 src-ip=10.0.0.1', 'h1'),
    fixtureEvent(now, 2, 'user:bob|action:logout|status:500', 'h2'),
    fixtureEvent(now, 3, 'no pairs here', 'h3', { user: 'carl' }),
    fixtureEvent(now, 4, 'role=admin role="power user" id=7', 'h4'),
  ]);
});

after(async () => {
  await fx.close();
});

describe('extract', () => {
  test('default delimiters: pairs split by spaces, quoted values, clean_keys turns src-ip into src_ip', async () => {
    const r = await fx.spl('index=main | extract | table host, user, action, status, src_ip');
    assert.deepEqual(r.rows, [
      ['h1', 'ann', 'log in', '200', '10.0.0.1'],
      ['h2', null, null, null, null],
      // A field the event already had stays when its text has no such key.
      ['h3', 'carl', null, null, null],
      ['h4', null, null, null, null],
    ]);
  });

  test('the page example: pairdelim="|" kvdelim=":" (as kv); a later search and stats use the fields', async () => {
    const r = await fx.spl(
      'index=main | kv pairdelim="|", kvdelim=":" | search status=500 | table user, action',
    );
    assert.deepEqual(r.rows, [['bob', 'logout']]);
    const s = await fx.spl('index=main | extract pairdelim="|" kvdelim=":=" | stats count BY status');
    assert.deepEqual(s.rows, [['500', 1]]);
  });

  test('maxchars stops reading; clean_keys=false keeps the key as written', async () => {
    const r = await fx.spl('index=main | extract maxchars=30 | table user, status');
    assert.deepEqual(r.rows[0], ['ann', null]);
    const k = await fx.spl('index=main | extract clean_keys=false | table src_ip, "src-ip"');
    assert.deepEqual(k.rows[0], [null, '10.0.0.1']);
  });

  test('mv_add=true: every value of a repeated key, as a multivalue field; without it the first one', async () => {
    const r = await fx.spl('index=main host=h4 | extract mv_add=true | table role, id');
    assert.deepEqual(r.rows, [[['admin', 'power user'], '7']]);
    const first = await fx.spl('index=main host=h4 | extract | table role');
    assert.deepEqual(first.rows, [['admin']]);
  });

  test('named extractions and bad options are errors (after stats: extract-results.test.ts)', async () => {
    await assert.rejects(fx.spl('index=main | extract access-extractions | table user'), /named extractions/);
    await assert.rejects(fx.spl('index=main | extract limit=x | table user'), /whole number/);
  });
});
