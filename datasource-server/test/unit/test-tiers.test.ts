// The test tiers (test/run-tier.ts): every test file is in exactly one tier, chosen by its folder.

import assert from 'node:assert/strict';
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
