// Auth tests: header parsing, and token bootstrap/rotation on real chDB.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { tokenFromHeader } from '../../src/auth/middleware.ts';
import { createTokenService, hashToken } from '../../src/auth/tokens.ts';
import { loadConfig } from '../../src/config.ts';
import { runMigrations } from '../../src/store/migrations.ts';
import { createStore } from '../../src/store/store.ts';
import type { Store } from '../../src/store/types.ts';
import { tempDir } from '../helpers/env.ts';

let dir: string;
let store: Store;
before(async () => {
  dir = tempDir();
  store = await createStore(loadConfig({ NEXUS_DATA_DIR: dir }));
  await runMigrations(store, { retentionDays: 30 });
});
after(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('tokenFromHeader: Splunk, Bearer, Basic (password or user), bad schemes', () => {
  assert.deepEqual(tokenFromHeader('Splunk abc'), { token: 'abc' });
  assert.deepEqual(tokenFromHeader('bearer abc'), { token: 'abc' });
  assert.deepEqual(tokenFromHeader(`Basic ${Buffer.from('x:tok').toString('base64')}`), { token: 'tok' });
  assert.deepEqual(tokenFromHeader(`Basic ${Buffer.from('tok:').toString('base64')}`), { token: 'tok' });
  assert.deepEqual(tokenFromHeader(`ApiKey ${Buffer.from('id:tok').toString('base64')}`), { token: 'tok' });
  assert.deepEqual(tokenFromHeader('ApiKey abc'), { token: 'abc' });
  assert.deepEqual(tokenFromHeader(`ApiKey ${Buffer.from('id:').toString('base64')}`), {
    failure: 'bad-scheme',
  });
  assert.deepEqual(tokenFromHeader(undefined), { failure: 'missing' });
  assert.deepEqual(tokenFromHeader('Token abc'), { failure: 'bad-scheme' });
  assert.deepEqual(tokenFromHeader('Splunk'), { failure: 'bad-scheme' });
});

test('a generated token is created once, stored only as a hash, and verifies', async () => {
  const tokens = createTokenService({ store });
  const { generatedToken } = await tokens.bootstrap(undefined);
  assert.match(generatedToken ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  const token = generatedToken ?? '';
  const identity = await tokens.verify(token);
  assert.deepEqual(
    { ...identity, tokenId: typeof identity?.tokenId },
    { orgId: 'default', role: 'admin', subject: 'bootstrap (generated)', via: 'token', tokenId: 'string' },
  );
  assert.equal(await tokens.verify(token + 'x'), undefined);
  const stored = await store.query({ sql: 'SELECT token_hash FROM tokens', params: {} });
  assert.deepEqual(stored.rows, [[hashToken(token)]]);
  const again = await createTokenService({ store }).bootstrap(undefined);
  assert.equal(again.generatedToken, undefined);
});

test('NEXUS_ADMIN_TOKEN: registered, and a changed value revokes the previous one', async () => {
  const one = 'first-admin-token-0001';
  const two = 'second-admin-token-0002';
  await createTokenService({ store }).bootstrap(one);
  const tokens = createTokenService({ store, refreshMs: 0 });
  await tokens.bootstrap(two);
  assert.equal((await tokens.verify(two))?.role, 'admin');
  assert.equal(await tokens.verify(one), undefined);
});
