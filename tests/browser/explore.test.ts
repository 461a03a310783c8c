// Explore's logs features in real Chromium, with the built plugin called the way Grafana 13's Explore calls
// it (tests/grafana-harness/explore.tsx): raw searches as logs with a visible line limit, the logs-volume
// supplementary query over the whole range, "show context" around a line, and "filter for / filter out
// value" from a line's details editing the SPL and running it again. Numbers come from the fixture.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Env, FixtureEvent } from './helpers.ts';
import { missingRequirements, openPage, screenshot, setUp, tearDown } from './helpers.ts';

const skip = missingRequirements();
let env: Env | undefined;

before(async () => {
  if (!skip) env = await setUp();
});
after(() => tearDown(env));

/** The fixture's `level=` of an event, named as Grafana's logs volume names levels. */
function levelOf(e: FixtureEvent): string {
  const level = /level=(\w+)/.exec(e.event)?.[1] ?? 'unknown';
  return level === 'warn' ? 'warning' : level;
}

function countsByLevel(events: FixtureEvent[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of events) out[levelOf(e)] = (out[levelOf(e)] ?? 0) + 1;
  return out;
}

/** Lines the Explore view asks for on each side of a line (tests/grafana-harness/explore.tsx). */
const CONTEXT = 5;

async function openExplore(query: Record<string, unknown>): Promise<{ page: Page; errors: string[] }> {
  assert.ok(env);
  const opened = await openPage(env);
  await opened.page.evaluate(
    (q) => window.harness.mount('explore', { query: { refId: 'A', ...q } as never }),
    query,
  );
  await opened.page.locator('[data-testid="nexus-query-editor"] .monaco-editor[role="code"]').waitFor();
  await waitDone(opened.page);
  return opened;
}

async function waitDone(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('[data-testid="harness-state"]')?.textContent === 'Done',
  );
}

/** Waits for the query (in the page's state and in the editor's Monaco model) to become `spl`, then for its run. */
async function waitForSpl(page: Page, spl: string): Promise<void> {
  await page.waitForFunction(
    (want) =>
      document.querySelector('[data-testid="harness-explore-spl"]')?.textContent === want &&
      window.harness.monaco.editor.getModels().some((m) => m.getValue() === want),
    spl,
  );
  await waitDone(page);
}

interface Line {
  time: number;
  host: string;
  source: string;
  sourcetype: string;
  level: string;
  direction: string | null;
  text: string;
}

async function lines(page: Page, testId: string): Promise<Line[]> {
  return page.getByTestId(testId).evaluateAll((els) =>
    els.map((e) => ({
      time: Number(e.getAttribute('data-time')),
      host: e.getAttribute('data-host') ?? '',
      source: e.getAttribute('data-source') ?? '',
      sourcetype: e.getAttribute('data-sourcetype') ?? '',
      level: e.getAttribute('data-level') ?? '',
      direction: e.getAttribute('data-direction'),
      text: e.textContent ?? '',
    })),
  );
}

async function volume(page: Page): Promise<Record<string, number>> {
  const entries = await page
    .getByTestId('harness-volume-level')
    .evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-level') ?? '', Number(e.getAttribute('data-count'))]),
    );
  return Object.fromEntries(entries.filter(([, n]) => n !== 0));
}

interface Sent {
  url: string;
  body: { from?: string; to?: string; queries?: { refId: string; spl?: string; limit?: number }[] };
}

test(
  'raw searches render as logs with the line limit; the volume counts every event over the range',
  { skip },
  async () => {
    assert.ok(env);
    const { page, errors } = await openExplore({ spl: 'index=main', limit: 20 });
    const shown = await lines(page, 'harness-log-line');
    // The newest 20 events, newest first.
    const newest = env.events.slice(0, 20);
    assert.deepEqual(
      shown.map((l) => l.time),
      newest.map((e) => e.time * 1000),
    );
    shown.forEach((l, i) => assert.ok(l.text.includes(newest[i]?.event ?? '?'), l.text));
    // Explore's "Line limit" from meta.custom.limit, and the backend's notice.
    assert.match(await page.getByTestId('harness-line-limit').innerText(), /Line limit: 20 reached/);
    assert.match(await page.getByTestId('harness-notice').first().innerText(), /Limit reached.*20 rows/);

    // The volume is over the whole range: its levels add up to all 200 events, not the 20 shown.
    const counts = await volume(page);
    assert.deepEqual(counts, countsByLevel(env.events));
    assert.equal(
      Object.values(counts).reduce((a, b) => a + b, 0),
      env.events.length,
    );
    await page.locator('[data-testid="harness-logs-volume"] canvas').first().waitFor();
    const legend = await page.getByTestId('harness-logs-volume').innerText();
    for (const level of ['error', 'warning', 'info']) assert.match(legend, new RegExp(level));

    // What was sent: the volume query without the row limit, over the same range as the logs query.
    const sent = (await page.evaluate(() =>
      window.harness.requests.filter((r) => r.url.startsWith('/api/ds/query')),
    )) as Sent[];
    const logsReq = sent.find((r) => r.body.queries?.[0]?.refId === 'A');
    const volumeReq = sent.find((r) => r.body.queries?.[0]?.refId === 'log-volume-A');
    assert.ok(logsReq && volumeReq, JSON.stringify(sent));
    assert.equal(logsReq.body.queries?.[0]?.limit, 20);
    assert.equal(volumeReq.body.queries?.[0]?.limit, undefined);
    assert.match(volumeReq.body.queries?.[0]?.spl ?? '', /^index=main \| timechart span=\S+ count by level$/);
    assert.deepEqual([volumeReq.body.from, volumeReq.body.to], [logsReq.body.from, logsReq.body.to]);
    await screenshot(page, 'explore-logs');
    assert.deepEqual(errors, []);
    await page.close();
  },
);

test(
  '"show context" around a web01 line returns the nearest lines of that stream on each side, in time order',
  { skip },
  async () => {
    assert.ok(env);
    const { page, errors } = await openExplore({ spl: 'index=main', limit: 20 });
    const shown = await lines(page, 'harness-log-line');
    // Fixture event 18 is web01's, with more web01 events on each side than the context limit.
    const at = 18;
    const row = shown[at];
    assert.ok(row);
    assert.equal(row.host, 'web01');
    await page.getByTestId('harness-show-context').nth(at).click();
    await page.getByTestId('harness-context').waitFor();
    const context = await lines(page, 'harness-context-line');
    for (const l of context) {
      assert.deepEqual(
        [l.host, l.source, l.sourcetype],
        ['web01', '/var/log/nginx/access.log', 'access'],
        l.text,
      );
    }
    const stream = env.events.filter((e) => e.host === 'web01').map((e) => e.time * 1000);
    const newer = context.filter((l) => l.direction === 'forward').map((l) => l.time);
    const older = context.filter((l) => l.direction === 'backward').map((l) => l.time);
    // The nearest web01 events on each side, newest first as Explore shows them: newer ones above the line,
    // older ones below, one time order throughout.
    assert.deepEqual(newer, stream.filter((t) => t > row.time).slice(-CONTEXT));
    assert.deepEqual(older, stream.filter((t) => t < row.time).slice(0, CONTEXT));
    const all = [...newer, row.time, ...older];
    assert.ok(
      all.every((t, i) => i === 0 || t < (all[i - 1] ?? 0)),
      all.join(' '),
    );
    await screenshot(page, 'explore-context');
    assert.deepEqual(errors, []);
    await page.close();
  },
);

test(
  '"filter for value" and "filter out value" from log details edit the SPL and run it again',
  { skip },
  async () => {
    assert.ok(env);
    const { page, errors } = await openExplore({ spl: 'index=main' });
    assert.equal((await lines(page, 'harness-log-line')).length, env.events.length);
    const errorsOnly = env.events.filter((e) => levelOf(e) === 'error');
    const others = env.events.filter((e) => levelOf(e) !== 'error');

    // The first line is an error (fixture event 0): its details offer level=error.
    await page.getByTestId('harness-details-toggle').first().click();
    const level = page.locator('[data-testid="harness-log-field"][data-key="level"][data-value="error"]');
    assert.equal(await level.getByTestId('harness-filter-for').getAttribute('data-active'), 'false');
    await level.getByTestId('harness-filter-for').click();
    await waitForSpl(page, 'index=main level="error"');
    const filtered = await lines(page, 'harness-log-line');
    assert.equal(filtered.length, errorsOnly.length);
    assert.ok(filtered.every((l) => l.level === 'error' && l.text.includes('level=error')));
    assert.deepEqual(await volume(page), { error: errorsOnly.length });
    await page.getByTestId('harness-details-toggle').first().click();
    assert.equal(await level.getByTestId('harness-filter-for').getAttribute('data-active'), 'true');
    await screenshot(page, 'explore-filtered');

    // Filter out turns the filter around.
    await level.getByTestId('harness-filter-out').click();
    await waitForSpl(page, 'index=main NOT level="error"');
    const inverted = await lines(page, 'harness-log-line');
    assert.equal(inverted.length, others.length);
    assert.ok(inverted.every((l) => l.level !== 'error' && !l.text.includes('level=error')));
    assert.deepEqual(await volume(page), countsByLevel(others));
    await screenshot(page, 'explore-filtered-out');

    // A second filter joins the first: the first line now is fixture event 1, web02's.
    await page.getByTestId('harness-details-toggle').first().click();
    await page
      .locator('[data-testid="harness-log-field"][data-key="host"][data-value="web02"]')
      .getByTestId('harness-filter-for')
      .click();
    await waitForSpl(page, 'index=main NOT level="error" host="web02"');
    const both = await lines(page, 'harness-log-line');
    assert.equal(both.length, others.filter((e) => e.host === 'web02').length);
    assert.ok(both.every((l) => l.host === 'web02' && l.level !== 'error'));
    assert.deepEqual(errors, []);
    await page.close();
  },
);
