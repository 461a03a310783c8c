// `tags` on real chDB: the tags the tenant's tags.conf gives to field values.
// Search Reference 9.4, tags: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/tags
// (`tags [outputfield=<field>] [inclname=<bool>] [inclvalue=<bool>] [allowed_tags=<string>] <field-list>`;
// without outputfield, `tag::<field>` per field and a field with all the tags; with it, one field, the field
// name and value before each tag when inclname/inclvalue are true.)

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mergeKnowledge, parseKnowledgeConf } from '@nexus/spl';
import { QueryInputError } from '../../src/query/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.UTC(2026, 11, 7, 12, 0, 0);

const knowledge = mergeKnowledge(
  parseKnowledgeConf(
    'tags',
    [
      '[host=web01]',
      'frontend = enabled',
      'prod = enabled',
      '[host=db01]',
      'database = enabled',
      'retired = disabled',
      '[status=503]',
      'error = enabled',
      '[eventtype=unused]',
      'ignored = enabled',
    ].join('\n'),
  ).objects,
);

let fx: SplFixture;

before(async () => {
  fx = await splFixture(
    now,
    [
      fixtureEvent(now, 1, 'GET / 200', 'web01', { status: '200' }),
      fixtureEvent(now, 2, 'GET /x 503', 'web01', { status: '503' }),
      fixtureEvent(now, 3, 'GET /db 503', 'db01', { status: '503' }),
      fixtureEvent(now, 4, 'GET /app 200', 'app01', { status: '200' }),
    ],
    { knowledge },
  );
});

after(async () => {
  await fx.close();
});

describe('tags', () => {
  test('the page’s first example: tags of host and status into tag::host, tag::status and tag', async () => {
    const r = await fx.spl('index=main | tags host status | table host status tag::host tag::status tag');
    assert.deepEqual(r.columns, ['host', 'status', 'tag::host', 'tag::status', 'tag']);
    // newest first; a disabled tag (retired) is no tag; app01 and status 200 have none
    assert.deepEqual(r.rows, [
      ['web01', '200', ['frontend', 'prod'], null, ['frontend', 'prod']],
      ['web01', '503', ['frontend', 'prod'], 'error', ['frontend', 'prod', 'error']],
      ['db01', '503', 'database', 'error', ['database', 'error']],
      ['app01', '200', null, null, null],
    ]);
  });

  test('without a field list, every field tags.conf tags (after stats, those the results have)', async () => {
    const r = await fx.spl('index=main | stats count by host | tags');
    assert.deepEqual(r.columns, ['host', 'count', 'tag::host', 'tag']);
    assert.deepEqual(r.rows, [
      ['app01', 1, null, null],
      ['db01', 1, 'database', 'database'],
      ['web01', 2, ['frontend', 'prod'], ['frontend', 'prod']],
    ]);
  });

  test('outputfield: one field with every tag; inclname and inclvalue put field and value before it', async () => {
    const q = (opts: string) =>
      `index=main host=web01 status=503 | tags outputfield=mytags ${opts} host status | table mytags`;
    assert.deepEqual((await fx.spl(q(''))).rows, [[['frontend', 'prod', 'error']]]);
    assert.deepEqual((await fx.spl(q('inclname=true'))).rows, [
      [['host::frontend', 'host::prod', 'status::error']],
    ]);
    assert.deepEqual((await fx.spl(q('inclname=true inclvalue=true'))).rows, [
      [['host::web01::frontend', 'host::web01::prod', 'status::503::error']],
    ]);
    assert.deepEqual((await fx.spl(q('inclvalue=t'))).rows, [
      [['web01::frontend', 'web01::prod', '503::error']],
    ]);
  });

  test('allowed_tags keeps only the tags it lists', async () => {
    const r = await fx.spl(
      'index=main status=503 | tags allowed_tags="prod, error" outputfield=t inclname=t host status | table host t',
    );
    assert.deepEqual(r.rows, [
      ['web01', ['host::prod', 'status::error']],
      ['db01', 'status::error'],
    ]);
  });

  test('a bad option value is refused at its place', async () => {
    const q = 'index=main | tags inclname=maybe host';
    await assert.rejects(fx.spl(q), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.match(e.message, /inclname/);
      assert.equal(e.errors[0]?.column, q.indexOf('maybe') + 1);
      return true;
    });
    const reserved = 'index=main | tags outputfield=org_id host';
    await assert.rejects(fx.spl(reserved), (e: unknown) => {
      assert.ok(e instanceof QueryInputError);
      assert.match(e.message, /`org_id` cannot be the output field/);
      assert.equal(e.errors[0]?.column, reserved.indexOf('org_id') + 1);
      return true;
    });
  });
});
