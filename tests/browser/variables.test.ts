// Template variables: the variable editor's SPL fills the options, and a multi-value selection reaches
// nexus-api as `IN (…)`, narrowing the results.

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

test('a variable query fills its options; a multi-value selection becomes IN (…)', { skip }, async () => {
  assert.ok(env);
  const { page, errors } = await openPage(env);
  await page.evaluate(() => window.harness.mount('variable-editor', { query: { refId: 'V' } as never }));
  const editor = page.getByTestId('nexus-variable-editor');
  await editor.fill('index=main | stats count by host | sort host | fields host');
  await editor.blur();
  await page.getByTestId('harness-variable-run').click();
  const options = page.getByTestId('harness-variable-option');
  await options.first().waitFor();
  assert.deepEqual(await options.evaluateAll((els) => els.map((e) => e.getAttribute('data-value'))), [
    'db01',
    'web01',
    'web02',
  ]);
  await page.locator('[data-testid="harness-variable-option"][data-value="web01"]').check();
  await page.locator('[data-testid="harness-variable-option"][data-value="web02"]').check();
  const selected = JSON.parse(await page.getByTestId('harness-variable-selected').innerText()) as string[];
  assert.deepEqual(selected, ['web01', 'web02']);
  await screenshot(page, 'variable-editor');

  // The dashboard now has `$host` (multi-value) with that selection; a panel uses it.
  await page.evaluate(
    ({ values }) => {
      window.harness.setVariables([
        {
          name: 'host',
          type: 'query',
          multi: true,
          includeAll: true,
          current: values,
          options: window.harness.variableOptions.map((o) => ({
            text: String(o.text),
            value: String(o.value),
          })),
        },
      ]);
      window.harness.mount('query-editor', {
        query: { refId: 'A', spl: 'index=main host=$host | stats count by host' } as never,
      });
    },
    { values: selected },
  );
  await page.getByTestId('harness-run').click();
  await page.getByTestId('harness-table').waitFor();
  const sent = env.harness.calls.filter((c) => c.path === '/api/ds/query').at(-1);
  const spl = (sent?.body as { queries: { spl: string }[] }).queries[0]?.spl;
  assert.equal(spl, 'index=main host IN ("web01", "web02") | stats count by host');
  const rows = (await page.getByTestId('harness-table').getByRole('row').allInnerTexts()).map((r) =>
    r.split(/\s+/).filter(Boolean),
  );
  assert.deepEqual(rows, [
    ['host', 'count'],
    ['web01', '67'],
    ['web02', '67'],
  ]);
  await screenshot(page, 'variable-multi-value');

  // `All` is every option, a hostile single value stays one quoted string.
  await page.evaluate(() => {
    const v = window.harness.templateSrv.variable('host');
    if (v) v.current = ['$__all'];
  });
  await page.getByTestId('harness-run').click();
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="harness-table"] [role="row"]').length === 4,
  );
  const all = env.harness.calls.filter((c) => c.path === '/api/ds/query').at(-1);
  assert.equal(
    (all?.body as { queries: { spl: string }[] }).queries[0]?.spl,
    'index=main host IN ("db01", "web01", "web02") | stats count by host',
  );
  await page.evaluate(() => {
    const v = window.harness.templateSrv.variable('host');
    if (v) v.current = 'web01" OR host="db01';
  });
  await page.getByTestId('harness-run').click();
  // No host is named that: the search finds nothing (only the table's header is left).
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="harness-table"] [role="row"]').length === 1,
  );
  const hostile = env.harness.calls.filter((c) => c.path === '/api/ds/query').at(-1);
  assert.equal(
    (hostile?.body as { queries: { spl: string }[] }).queries[0]?.spl,
    'index=main host="web01\\" OR host=\\"db01" | stats count by host',
  );
  assert.deepEqual(errors, []);
  await page.close();
});
