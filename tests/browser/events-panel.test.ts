// nexus-events-panel in the harness: a raw search's events, the interesting fields with their counts over
// the result, and a click on a value that adds a dashboard filter and narrows the results.

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

/** Status of fixture event i (helpers.ts `fixture`). */
const statusOf = (i: number): string => (i % 6 === 0 ? '500' : i % 10 === 0 ? '404' : '200');

test('interesting fields with exact counts; clicking a value narrows the events', { skip }, async () => {
  assert.ok(env);
  const { page, errors } = await openPage(env);
  await page.evaluate(() => {
    window.harness.setVariables([{ name: 'Filters', type: 'adhoc', current: '', options: [], filters: [] }]);
    window.harness.mount('events-panel', { query: { refId: 'A', spl: 'index=main' } as never });
  });
  const count = page.getByTestId('nexus-events-count');
  await count.waitFor();
  assert.equal(await count.getAttribute('data-count'), '200');
  // Virtualised: a page of 50 is far fewer rows in the DOM than events.
  const rows = await page.getByTestId('nexus-event-row').count();
  assert.ok(rows > 0 && rows <= 50, `${rows} rows rendered`);

  const sidebar = page.getByTestId('nexus-field-sidebar');
  const interesting = await sidebar
    .getByTestId('nexus-interesting-field')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-field')));
  for (const f of ['status', 'level', 'user']) assert.ok(interesting.includes(f), `${f} in ${interesting.join(',')}`);
  await screenshot(page, 'events-panel');

  await sidebar.locator('[data-testid="nexus-interesting-field"][data-field="status"]').click();
  const values = sidebar.getByTestId('nexus-field-value');
  await values.first().waitFor();
  const shown = await values.evaluateAll((els) =>
    els.map((e) => [e.getAttribute('data-value'), (e.textContent ?? '').replace(/\s+/g, ' ').trim()]),
  );
  const expected = new Map<string, number>();
  env.events.forEach((_, i) => expected.set(statusOf(i), (expected.get(statusOf(i)) ?? 0) + 1));
  assert.deepEqual(
    shown.map(([v]) => v),
    [...expected.entries()].sort((a, b) => b[1] - a[1]).map(([v]) => v),
    'values by count, most frequent first',
  );
  for (const [value, text] of shown) assert.match(text ?? '', new RegExp(`\\b${expected.get(value ?? '')}\\b`));
  await screenshot(page, 'events-panel-field-values');

  await sidebar.locator('[data-testid="nexus-field-value"][data-value="500"]').click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid="nexus-events-count"]')?.getAttribute('data-count') === '34',
  );
  assert.deepEqual(JSON.parse(await page.getByTestId('harness-filters').innerText()), [
    { key: 'status', operator: '=', value: '500' },
  ]);
  // The query the backend ran carried the filter as structure, not as pasted SPL.
  const last = env.harness.calls.filter((c) => c.path === '/api/ds/query').at(-1);
  const q = (last?.body as { queries: { spl: string }[] }).queries[0];
  assert.equal(q?.spl, 'index=main');
  await screenshot(page, 'events-panel-filtered');
  assert.deepEqual(errors, []);
  await page.close();
});
