// The test tiers (test/run-tier.ts): every test file is in exactly one tier, chosen by its folder.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { tierFiles } from '../run-tier.ts';

test('every test file is in exactly one tier; new top-level files are integration tests', () => {
  const tiers = (['unit', 'integration', 'fuzz', 'noisy'] as const).map((t) => tierFiles(t));
  const all = tiers.flat();
  assert.equal(new Set(all).size, all.length, 'no file in two tiers');
  const [unit, integration, fuzz] = tiers;
  assert.ok(unit?.includes('test/unit/test-tiers.test.ts'));
  assert.ok(fuzz?.includes('test/fuzz/tenant-isolation.test.ts'));
  assert.ok(integration?.includes('test/server.test.ts'));
  assert.ok(integration?.includes('test/spl/run.test.ts'), 'a subfolder other than the tiers is integration');
  assert.ok(!integration?.some((f) => /^test\/(unit|fuzz|noisy)\//.test(f)));
});

test('integration tests mirror src/: each sits in the folder of the src/ area it tests', () => {
  const src = new Set(
    fs
      .readdirSync(new URL('../../src', import.meta.url), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name),
  );
  // test/spl/: the language (@nexus/spl) run on chDB; test/server/: server.ts's TLS listener.
  const other = new Set(['spl', 'server']);
  // Files that test the whole service (app.ts, server.ts, the build, the docs, a full round trip) sit at the top.
  const whole = new Set(['app', 'server', 'build', 'docs-examples', 'e2e']);
  for (const f of tierFiles('integration')) {
    const parts = f.split('/');
    if (parts.length === 2) {
      assert.ok(
        whole.has(path.basename(f, '.test.ts')),
        `${f}: put it in the test/ folder of the src/ area it tests`,
      );
    } else {
      const area = parts[1] ?? '';
      assert.ok(src.has(area) || other.has(area), `${f}: test/${area}/ mirrors no src/ folder`);
    }
  }
});
