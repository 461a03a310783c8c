// The provisioned dashboards with SPL panels (dashboards/overview.json, example-web-logs.json) rendered in
// the harness as Grafana renders a dashboard: variables resolved, every nexus panel run against a real
// nexus-api with the fixture and shown (time series, table, logs), annotations run. Screenshots go to
// test-artifacts/browser/ (copied to docs/screenshots/ for the docs).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Env } from './helpers.ts';
import { missingRequirements, openPage, screenshot, setUp, tearDown } from './helpers.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const skip = missingRequirements();
let env: Env | undefined;

before(async () => {
  if (!skip) env = await setUp();
});
after(() => tearDown(env));

const dashboard = (name: string): unknown =>
  JSON.parse(fs.readFileSync(path.join(REPO, 'dashboards', `${name}.json`), 'utf8'));

async function render(name: string): Promise<{
  panels: { title: string; kinds: string[]; error: string; noData: boolean; other: string; rows: number }[];
  annotations: number[];
  errors: string[];
}> {
  assert.ok(env);
  const { page, errors } = await openPage(env);
  await page.evaluate((d) => window.harness.mount('dashboard', { dashboard: d as never }), dashboard(name));
  await page.getByTestId('harness-dashboard-panel').first().waitFor({ timeout: 60_000 });
  const panels = await page.getByTestId('harness-dashboard-panel').evaluateAll((els) =>
    els.map((e) => ({
      title: e.getAttribute('data-panel-title') ?? '',
      other: e.getAttribute('data-other') ?? '',
      rows: Number(e.getAttribute('data-rows')),
      kinds: [...e.querySelectorAll('[data-testid="harness-frame"]')].map(
        (f) => f.getAttribute('data-kind') ?? '',
      ),
      error: e.querySelector('[data-testid="harness-error"]')?.textContent ?? '',
      noData: e.querySelector('[data-testid="harness-no-data"]') !== null,
    })),
  );
  const annotations = await page
    .getByTestId('harness-annotation')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-events'))));
  await screenshot(page, `dashboard-${name}`);
  await page.close();
  return { panels, annotations, errors };
}

test('overview: every SPL panel renders data from nexus-api', { skip }, async () => {
  const r = await render('overview');
  assert.deepEqual(r.errors, []);
  assert.equal(r.panels.length, 5);
  for (const p of r.panels) {
    assert.equal(p.error, '', `${p.title}: ${p.error}`);
    assert.ok(!p.noData && p.kinds.length > 0 && p.rows > 0, `${p.title} shows data (${p.rows} rows)`);
  }
  assert.ok(r.panels.find((p) => p.title === 'Events per index')?.kinds.includes('graph'));
  assert.ok(r.panels.find((p) => p.title === 'Top hosts')?.kinds.includes('table'));
});

test(
  'example: timechart, stats table and logs render; the variable and the annotation run',
  { skip },
  async () => {
    const r = await render('example-web-logs');
    assert.deepEqual(r.errors, []);
    const byTitle = new Map(r.panels.map((p) => [p.title, p]));
    assert.ok(byTitle.get('Requests by host')?.kinds.includes('graph'), 'timechart → time series');
    assert.ok(byTitle.get('Status codes and bytes by host')?.kinds.includes('table'), 'stats → table');
    assert.ok(byTitle.get('Errors')?.kinds.includes('logs'), 'raw events → logs');
    for (const p of r.panels) {
      assert.equal(p.error, '', `${p.title}: ${p.error}`);
      assert.ok(p.rows > 0, `${p.title} shows data (${p.rows} rows)`);
    }
    // The fixture has no deploy events: the annotation query runs and finds none.
    assert.deepEqual(r.annotations, [0]);
  },
);
