// Generated pages are fresh, and every setting config.ts reads is declared in its one list of settings.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SETTINGS, loadConfig } from '../../src/config.ts';
import { CONFIGURATION_PAGE, configurationPage } from '../../scripts/docs.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

test(`${CONFIGURATION_PAGE} is what \`npm run docs\` generates from src/config.ts`, async () => {
  const onDisk = fs.readFileSync(REPO + CONFIGURATION_PAGE, 'utf8');
  assert.equal(onDisk, await configurationPage(), `${CONFIGURATION_PAGE} is stale: run \`npm run docs\``);
});

test('every environment variable config.ts names is a declared setting', () => {
  const source = fs.readFileSync(new URL('../../src/config.ts', import.meta.url), 'utf8');
  // Upper-case quoted words: variable names, and the JWT algorithm names (the only other such words).
  const named = new Set([...source.matchAll(/'([A-Z][A-Z0-9]*_[A-Z0-9_]+|PORT|HOST)'/g)].map((m) => m[1]));
  const undeclared = [...named].filter((n) => n !== undefined && !(n in SETTINGS));
  assert.deepEqual(undeclared, [], 'declare these in SETTINGS (src/config.ts), then run `npm run docs`');
  assert.ok(named.size >= Object.keys(SETTINGS).length - 5, 'the scan finds the names');
});

test('the declared integer defaults are the parsed defaults, and each bound is enforced', () => {
  const config = loadConfig({});
  assert.equal(config.port, SETTINGS.PORT.default);
  assert.equal(config.batch.maxRows, SETTINGS.NEXUS_BATCH_MAX_ROWS.default);
  assert.equal(config.ingest.maxBodyBytes, SETTINGS.NEXUS_MAX_BODY_BYTES.default);
  assert.equal(config.logLevel, SETTINGS.LOG_LEVEL.default);
  for (const [name, s] of Object.entries(SETTINGS)) {
    if (s.type !== 'integer') continue;
    // NEXUS_QUEUE_MAX_ROWS must also stay >= NEXUS_BATCH_MAX_ROWS; OIDC_* and KAFKA_* need their switch on.
    const env = {
      NEXUS_BATCH_MAX_ROWS: '1',
      OIDC_ISSUER: 'https://idp.example',
      OIDC_AUDIENCE: 'nexus',
      KAFKA_BROKERS: 'localhost:9092',
      [name]: String(s.max + 1),
    };
    assert.throws(() => loadConfig(env), new RegExp(`${name} must be between ${s.min} and ${s.max}`), name);
  }
});
