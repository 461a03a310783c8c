// Both plugins' plugin.json (source and the built copy in dist/<id>/) validate against Grafana's published plugin schema
// (vendored as test/fixtures/plugin.schema.json; see test/helpers/package-schema.ts for its origin).

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SCHEMA_SHA256, schemaText, validateManifest as validate } from './helpers/package-schema.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const readJson = (...p: string[]): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(ROOT, ...p), 'utf8')) as Record<string, unknown>;

test('the vendored schema is the one of the cited commit', () => {
  assert.equal(createHash('sha256').update(schemaText).digest('hex'), SCHEMA_SHA256);
});

const DS = ['dist', 'nexus-spl-datasource'];
const PANEL = ['dist', 'nexus-events-panel'];

test('src/plugin.json, src/panel/plugin.json and their built copies validate', () => {
  assert.deepEqual(validate(readJson('src', 'plugin.json')), []);
  assert.deepEqual(validate(readJson(...DS, 'plugin.json')), []);
  assert.deepEqual(validate(readJson('src', 'panel', 'plugin.json')), []);
  assert.deepEqual(validate(readJson(...PANEL, 'plugin.json')), []);
});

test('the events panel is a panel plugin with its module and logo', () => {
  const m = readJson(...PANEL, 'plugin.json');
  assert.equal(m['id'], 'nexus-events-panel');
  assert.equal(m['type'], 'panel');
  const info = m['info'] as { version: string; logos: { small: string } };
  assert.match(info.version, /^\d+\.\d+\.\d+$/);
  assert.ok(fs.existsSync(path.join(ROOT, ...PANEL, info.logos.small)));
  assert.ok(fs.existsSync(path.join(ROOT, ...PANEL, 'module.js')));
});

test('the schema does reject a broken manifest', () => {
  const broken = { ...readJson('src', 'plugin.json'), id: 'Nexus SPL', alerting: 'yes' };
  assert.equal(validate(broken).length, 2);
});

test('a backend data source with alerting, logs, metrics, annotations; the executable and module.js are in dist/nexus-spl-datasource/', () => {
  const m = readJson(...DS, 'plugin.json');
  assert.equal(m['id'], 'nexus-spl-datasource');
  assert.equal(m['type'], 'datasource');
  for (const key of ['backend', 'alerting', 'logs', 'metrics', 'annotations'])
    assert.equal(m[key], true, key);
  assert.equal(m['executable'], 'gpx_nexus_spl');
  assert.equal(m['category'], 'logging');
  const info = m['info'] as { version: string; updated: string; logos: { small: string } };
  assert.match(info.version, /^\d+\.\d+\.\d+$/, 'the build filled in %VERSION%');
  assert.match(info.updated, /^\d{4}-\d{2}-\d{2}$/, 'and %TODAY%');
  assert.ok(fs.existsSync(path.join(ROOT, ...DS, info.logos.small)));
  const exe = path.join(ROOT, ...DS, `${String(m['executable'])}_linux_amd64`);
  assert.ok(fs.existsSync(path.join(ROOT, ...DS, 'module.js')));
  if (process.platform === 'linux' && process.arch === 'x64') {
    assert.ok((fs.statSync(exe).mode & 0o111) !== 0, 'executable bit');
  }
});
