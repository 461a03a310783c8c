// The harness itself: the built plugins load as Grafana loads them, and a query runs end to end.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Env } from './helpers.ts';
import { missingRequirements, openPage, screenshot, setUp, tearDown } from './helpers.ts';

const skip = missingRequirements();
let env: Env | undefined;

before(async () => {
  if (!skip) env = await setUp();
});
after(() => tearDown(env));

test('module.js loads over the shared modules and a stats search renders a table', { skip }, async () => {
  assert.ok(env);
  const { page, errors } = await openPage(env);
  await page.evaluate(() =>
    window.harness.mount('query-editor', {
      query: { refId: 'A', spl: 'index=main | stats count by host' } as never,
    }),
  );
  await page.getByTestId('nexus-query-editor').waitFor();
  await page.getByTestId('harness-run').click();
  await page.getByTestId('harness-table').waitFor();
  await screenshot(page, 'smoke-table');
  const rows = (await page.getByTestId('harness-table').getByRole('row').allInnerTexts()).map((r) =>
    r.split(/\s+/).filter(Boolean),
  );
  // 200 events, hosts in turn: web01 and web02 67 each, db01 66.
  assert.deepEqual(rows, [
    ['host', 'count'],
    ['db01', '66'],
    ['web01', '67'],
    ['web02', '67'],
  ]);
  assert.deepEqual(errors, []);
  await page.close();
});
