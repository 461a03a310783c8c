// MLTK model management on real chDB: `| listmodels`, `| deletemodel <name>`, GET/DELETE /models, strict
// tenant isolation (a tenant never lists, reads nor deletes another's model of the same name), and a refit
// keeping one stored row per model.
//
// MLTK: "Search commands for machine learning" (fit, apply, summary, listmodels, deletemodel):
// https://help.splunk.com/splunk-enterprise/apply-machine-learning/use-ai-toolkit/5.6.0/mltk-commands-macros-and-visualizations/search-commands-for-machine-learning

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Role } from '../../src/auth/types.ts';
import { QueryForbiddenError, QueryInputError, runSpl } from '../../src/query/service.ts';
import { refusal } from '../helpers/refusal.ts';
import type { TestEnv } from '../helpers/env.ts';
import { createToken, testEnv } from '../helpers/env.ts';

let env: TestEnv;
const tokens: Record<string, string> = {};
const now = Date.now();

async function spl(query: string, org: string, role: Role = 'editor') {
  return runSpl(env.store, org, { query, earliest: '-1h', latest: 'now' }, { nowMs: Date.now(), role });
}

const failure = (query: string, org: string): Promise<string[]> => refusal(() => spl(query, org), query);

const fitInto = (name: string, org: string, extra = '') =>
  spl(
    `| makeresults count=40 | streamstats count AS i | eval x=i % 9, host=if(i % 2 = 0, "a", "b") | fit DensityFunction x ${extra} dist=norm into ${name}`,
    org,
  );

/** The rows `ml_models` holds for one tenant's model, deleted ones included. */
async function storedRows(org: string, name: string): Promise<number> {
  const r = await env.store.query({
    sql: 'SELECT count() FROM ml_models WHERE org_id = {org:String} AND name = {name:String}',
    params: { org, name },
  });
  return Number(r.rows[0]?.[0]);
}

async function call(method: string, path: string, token: string): Promise<Response> {
  return env.app.request(path, { method, headers: { Authorization: `Bearer ${token}` } });
}

before(async () => {
  env = await testEnv();
  for (const [org, role] of [
    ['acme', 'viewer'],
    ['acme', 'editor'],
    ['other', 'editor'],
  ] as const)
    tokens[`${org}-${role}`] = await createToken(env.app, org, role);
});
after(async () => env.close());

describe('listmodels and deletemodel', () => {
  test('listmodels: one row per model of the tenant, with its type and options', async () => {
    await fitInto('lm_by_host', 'acme', 'by "host"');
    await fitInto('lm_plain', 'acme');
    const r = await spl('| listmodels', 'acme');
    assert.deepEqual(
      r.columns.map((c) => c.name),
      ['name', 'type', 'options', 'groups', 'updated'],
    );
    const mine = r.rows.filter((row) => String(row[0]).startsWith('lm_'));
    assert.deepEqual(
      mine.map((row) => [row[0], row[1], JSON.parse(String(row[2])), Number(row[3])]),
      [
        [
          'lm_by_host',
          'DensityFunction',
          { params: { dist: 'norm', threshold: 0.01 }, feature_variables: ['x'], split_by: ['host'] },
          2,
        ],
        [
          'lm_plain',
          'DensityFunction',
          { params: { dist: 'norm', threshold: 0.01 }, feature_variables: ['x'], split_by: [] },
          1,
        ],
      ],
    );
    const updated = Date.parse(String(mine[0]?.[4]));
    assert.ok(updated >= now - 1000 && updated <= Date.now() + 1000, String(mine[0]?.[4]));
  });

  test('deletemodel deletes the model: apply, summary and listmodels stop seeing it', async () => {
    await fitInto('lm_gone', 'acme');
    const r = await spl('| deletemodel lm_gone', 'acme');
    assert.deepEqual(r.rows, []);
    assert.deepEqual(r.meta.deletedModels, ['lm_gone']);
    const listed = await spl('| listmodels', 'acme');
    assert.ok(!listed.rows.some((row) => row[0] === 'lm_gone'));
    assert.match((await failure('| summary lm_gone', 'acme'))[0] ?? '', /^semantic: no model `lm_gone`/);
    // Deleted twice: the second is a 400 at the name.
    assert.deepEqual(await failure('| deletemodel lm_gone', 'acme'), [
      'semantic: no model `lm_gone` to delete @15',
    ]);
    // Saving again after a delete gives a model again.
    await fitInto('lm_gone', 'acme');
    assert.equal((await spl('| summary lm_gone', 'acme')).rows.length, 1);
  });

  test('a missing model is a 400 at its name, with the nearest name as a hint', async () => {
    try {
      await spl('| deletemodel lm_plian', 'acme');
      assert.fail('expected a 400');
    } catch (err) {
      assert.ok(err instanceof QueryInputError);
      assert.equal(err.status, 400);
      assert.equal(err.errors[0]?.message, 'no model `lm_plian` to delete');
      assert.equal(err.errors[0]?.column, 15);
      assert.deepEqual(err.errors[0]?.hints, ['did you mean `lm_plain`?']);
    }
  });

  test('deletemodel needs the editor or admin role, and nothing is deleted for a viewer', async () => {
    await assert.rejects(spl('| deletemodel lm_plain', 'acme', 'viewer'), QueryForbiddenError);
    assert.equal((await spl('| summary lm_plain', 'acme', 'viewer')).rows.length, 1);
  });
});

describe('tenant isolation', () => {
  test('a tenant never lists, reads nor deletes another tenant’s model of the same name', async () => {
    await fitInto('shared_name', 'acme', 'by "host"');
    await fitInto('shared_name', 'other');
    // `other` sees only its own (one group, no `by`), never acme's other models.
    const listed = await spl('| listmodels', 'other');
    assert.deepEqual(
      listed.rows.map((row) => [row[0], Number(row[3])]),
      [['shared_name', 1]],
    );
    // `other` deletes its own; acme's is untouched, in the store and for its searches.
    await spl('| deletemodel shared_name', 'other');
    assert.equal((await spl('| summary shared_name', 'acme')).rows.length, 2);
    assert.equal(await storedRows('acme', 'shared_name'), 1);
    // A model only acme has is unknown to `other`: deleting it is a 400, and it stays.
    assert.deepEqual(await failure('| deletemodel lm_plain', 'other'), [
      'semantic: no model `lm_plain` to delete @15',
    ]);
    assert.equal((await spl('| summary lm_plain', 'acme')).rows.length, 1);
    // The HTTP API: 404 for another tenant's model, on read and on delete.
    assert.equal((await call('GET', '/models/lm_plain', tokens['other-editor'] ?? '')).status, 404);
    assert.equal((await call('DELETE', '/models/lm_plain', tokens['other-editor'] ?? '')).status, 404);
    assert.equal((await spl('| summary lm_plain', 'acme')).rows.length, 1);
    const body = (await (await call('GET', '/models', tokens['other-editor'] ?? '')).json()) as {
      models: { name: string }[];
    };
    assert.deepEqual(body.models, []);
  });
});

describe('GET/DELETE /models', () => {
  test('lists and reads the tenant’s models; viewers may not delete; DELETE is 204 then 404', async () => {
    await fitInto('api_model', 'acme', 'by "host"');
    const list = await call('GET', '/models', tokens['acme-viewer'] ?? '');
    assert.equal(list.status, 200);
    const { models } = (await list.json()) as { models: { name: string; groups: number; dist: string }[] };
    const m = models.find((x) => x.name === 'api_model');
    assert.deepEqual([m?.groups, m?.dist], [2, 'norm']);
    const one = await call('GET', '/models/api_model', tokens['acme-viewer'] ?? '');
    const read = (await one.json()) as { field: string; by: string[]; parameters: { key: string[] }[] };
    assert.deepEqual(
      [read.field, read.by, read.parameters.map((p) => p.key)],
      ['x', ['host'], [['a'], ['b']]],
    );
    assert.equal((await call('GET', '/models/bad%20name', tokens['acme-viewer'] ?? '')).status, 400);
    assert.equal((await call('DELETE', '/models/api_model', tokens['acme-viewer'] ?? '')).status, 403);
    assert.equal((await call('DELETE', '/models/api_model', tokens['acme-editor'] ?? '')).status, 204);
    assert.equal((await call('DELETE', '/models/api_model', tokens['acme-editor'] ?? '')).status, 404);
    assert.equal((await call('GET', '/models/api_model', tokens['acme-viewer'] ?? '')).status, 404);
  });
});

describe('superseded versions', () => {
  test('a refit keeps one stored row per model; a delete keeps only its marker', async () => {
    for (let i = 0; i < 4; i++) await fitInto('refit', 'acme');
    await fitInto('refit', 'other');
    assert.equal(await storedRows('acme', 'refit'), 1);
    // The newest fit is the one read: refit with a `by` field, two groups.
    await fitInto('refit', 'acme', 'by "host"');
    assert.equal(await storedRows('acme', 'refit'), 1);
    assert.equal((await spl('| summary refit', 'acme')).rows.length, 2);
    await spl('| deletemodel refit', 'acme');
    assert.equal(await storedRows('acme', 'refit'), 1);
    // The other tenant's model of the same name was never touched.
    assert.equal(await storedRows('other', 'refit'), 1);
    assert.equal((await spl('| summary refit', 'other')).rows.length, 1);
  });
});
