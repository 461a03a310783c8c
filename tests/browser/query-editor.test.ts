// The SPL query editor in real Chromium, loaded from the built module.js with Grafana's @grafana/ui Monaco:
// highlighting, completion from nexus-api (commands, functions, the index's fields and values), an error
// underlined where nexus-api reports it, and results as a table, a time series and logs.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Env } from './helpers.ts';
import { missingRequirements, openPage, screenshot, setUp, tearDown, TOKEN } from './helpers.ts';

const skip = missingRequirements();
let env: Env | undefined;

before(async () => {
  if (!skip) env = await setUp();
});
after(() => tearDown(env));

const EDITOR = '[data-testid="nexus-query-editor"]';

async function openEditor(spl = ''): Promise<{ page: Page; errors: string[] }> {
  assert.ok(env);
  const opened = await openPage(env);
  await opened.page.evaluate(
    (q) => window.harness.mount('query-editor', { query: { refId: 'A', spl: q } as never }),
    spl,
  );
  await opened.page.locator(`${EDITOR} .monaco-editor[role="code"]`).waitFor();
  return opened;
}

/** Replaces the editor's text by typing, as a user does. */
async function typeQuery(page: Page, text: string): Promise<void> {
  await page.locator(`${EDITOR} .view-lines`).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
  // Close the suggestions typing opened.
  await page.keyboard.press('Escape');
}

/** The labels of the completion list after Ctrl+Space (with a screenshot of it open when named). */
async function suggestions(page: Page, shot?: string): Promise<string[]> {
  await page.keyboard.press('Control+Space');
  const rows = page.locator('.suggest-widget .monaco-list-row');
  await rows
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(async (err: unknown) => {
      const text = await page.evaluate(() => window.harness.monaco.editor.getModels()[0]?.getValue());
      throw new Error(`no completion for ${JSON.stringify(text)}: ${String(err)}`);
    });
  await page.waitForTimeout(300);
  const labels = await rows.evaluateAll((els) =>
    els.map((e) => (e.getAttribute('aria-label') ?? '').split(',')[0]?.trim() ?? ''),
  );
  if (shot) await screenshot(page, shot);
  await page.keyboard.press('Escape');
  return labels;
}

test('typing shows SPL highlighting: commands, functions, fields, strings, pipes', { skip }, async () => {
  const { page, errors } = await openEditor();
  const spl =
    'index=main status>=500 | stats count by host | eval x=if(a="b", 1, 2) | search [search user=u1]';
  await typeQuery(page, spl);
  const tokens = await page.evaluate(
    (text) =>
      window.harness.monaco.editor
        .tokenize(text, 'spl')[0]
        ?.map((t) => ({ offset: t.offset, type: t.type })) ?? [],
    spl,
  );
  const typeAt = (needle: string, nth = 0): string => {
    let at = -1;
    for (let i = 0; i <= nth; i++) at = spl.indexOf(needle, at + 1);
    const tok = [...tokens].reverse().find((t) => t.offset <= at);
    return tok?.type ?? '';
  };
  assert.equal(typeAt('status'), 'variable.spl', 'a field before a comparison');
  assert.equal(typeAt('500'), 'number.spl');
  assert.equal(typeAt('|'), 'delimiter.pipe.spl');
  assert.equal(typeAt('stats'), 'keyword.spl', 'a command after a pipe');
  assert.equal(typeAt('count'), 'predefined.spl', 'a stats function');
  assert.equal(typeAt('if('), 'predefined.spl', 'an eval function');
  assert.equal(typeAt('"b"'), 'string.spl');
  assert.equal(typeAt('['), 'delimiter.square.spl', 'a subsearch');
  // The rendered line: a command, a function and a string in three different colours.
  const colours = await page.evaluate(
    (texts) => {
      const spans = [...document.querySelectorAll('[data-testid="nexus-query-editor"] .view-line span span')];
      return texts.map((text) => {
        const s = spans.find((e) => e.textContent === text);
        return s ? getComputedStyle(s).color : 'missing';
      });
    },
    ['stats', 'count', '"b"'],
  );
  assert.ok(!colours.includes('missing'), colours.join(' '));
  assert.equal(new Set(colours).size, 3, `distinct colours: ${colours.join(' ')}`);
  await screenshot(page, 'editor-highlighting');
  assert.deepEqual(errors, []);
  await page.close();
});

test('completion offers commands, functions, the index fields and their values', { skip }, async () => {
  const { page, errors } = await openEditor();
  await typeQuery(page, 'index=main | st');
  const commands = await suggestions(page, 'editor-completion-commands');
  for (const c of ['stats', 'streamstats']) assert.ok(commands.includes(c), `${c} in ${commands.join(',')}`);
  assert.ok(!commands.includes('eval'), 'filtered by the prefix');

  // Monaco's list is virtual: prefixes bring each expected entry into view.
  const offered = async (text: string, want: string[]): Promise<void> => {
    await typeQuery(page, text);
    const got = await suggestions(page);
    for (const w of want)
      assert.ok(
        got.some((s) => s.startsWith(w)),
        `${w} after "${text}": ${got.join(',')}`,
      );
  };
  await offered('index=main | stats ', ['avg', 'count', 'dc']);
  await offered('index=main | stats pe', ['perc']);
  await offered('index=main | timechart span=1h m', ['max', 'min']);
  await offered('index=main | eval y=i', ['if']);
  await offered('index=main | eval y=co', ['coalesce']);
  await offered('index=main | where str', ['strftime']);

  await typeQuery(page, 'index=main | stats count by ');
  const fields = await suggestions(page, 'editor-completion-fields');
  // The fixture's fields, read from the index over the editor's time range.
  for (const f of ['host', 'status', 'level', 'user', 'sourcetype'])
    assert.ok(fields.includes(f), `${f} in ${fields.join(',')}`);

  await typeQuery(page, 'index=');
  const indexes = await suggestions(page);
  assert.ok(
    indexes.some((s) => s.includes('main')),
    `main in ${indexes.join(',')}`,
  );

  await typeQuery(page, 'index=main host=');
  const values = await suggestions(page, 'editor-completion-values');
  for (const v of ['web01', 'web02', 'db01'])
    assert.ok(
      values.some((s) => s.includes(v)),
      `${v} in ${values.join(',')}`,
    );
  assert.deepEqual(errors, []);
  await page.close();
});

test('a deliberate error is underlined at the column nexus-api reports', { skip }, async () => {
  const { page, errors } = await openEditor();
  const spl = 'index=main | stats cout(bytes) by host';
  await typeQuery(page, spl);
  // Validation is debounced: wait for the marker.
  await page.waitForFunction(
    () => window.harness.monaco.editor.getModelMarkers({ owner: 'nexus-spl' }).length > 0,
  );
  const markers = await page.evaluate(() =>
    window.harness.monaco.editor.getModelMarkers({}).map((m) => ({
      message: m.message,
      line: m.startLineNumber,
      start: m.startColumn,
      end: m.endColumn,
      severity: m.severity,
    })),
  );
  assert.equal(markers.length, 1);
  const col = spl.indexOf('cout') + 1;
  assert.deepEqual(
    { line: markers[0]?.line, start: markers[0]?.start, end: markers[0]?.end },
    { line: 1, start: col, end: col + 'cout'.length },
  );
  assert.match(markers[0]?.message ?? '', /cout/);
  // The squiggle is drawn under `cout`: its left edge is that text's left edge.
  const squiggle = page.locator(`${EDITOR} .squiggly-error`).first();
  await squiggle.waitFor();
  const sq = await squiggle.boundingBox();
  const word = await page.locator(`${EDITOR} .view-line span span`, { hasText: /^cout$/ }).boundingBox();
  assert.ok(sq && word, 'both drawn');
  assert.ok(Math.abs(sq.x - word.x) < 2, `squiggle at x=${sq.x}, cout at x=${word.x}`);
  assert.ok(Math.abs(sq.width - word.width) < 2, `squiggle ${sq.width} px wide, cout ${word.width} px`);
  await screenshot(page, 'editor-error');

  // Fixing it clears the marker.
  await typeQuery(page, 'index=main | stats count(bytes) by host');
  await page.waitForFunction(
    () => window.harness.monaco.editor.getModelMarkers({ owner: 'nexus-spl' }).length === 0,
  );
  assert.deepEqual(errors, []);
  await page.close();
});

test('results render as a table, a time series and logs; Shift+Enter runs', { skip }, async () => {
  assert.ok(env);
  const { page, errors } = await openEditor();

  await typeQuery(page, 'index=main | stats count by host');
  await page.keyboard.press('Shift+Enter');
  await page.getByTestId('harness-table').waitFor();
  assert.equal(await page.getByTestId('harness-frame').getAttribute('data-kind'), 'table');
  await screenshot(page, 'results-table');

  await typeQuery(page, 'index=main | timechart span=10m count by level');
  await page.keyboard.press('Shift+Enter');
  await page.getByTestId('harness-timeseries').waitFor();
  // uPlot draws the series on a canvas, with a legend entry per series.
  await page.locator('[data-testid="harness-timeseries"] canvas').first().waitFor();
  const legend = await page.getByTestId('harness-timeseries').innerText();
  for (const level of ['error', 'info', 'warn']) assert.match(legend, new RegExp(level));
  await screenshot(page, 'results-timeseries');

  await typeQuery(page, 'index=main status=500');
  await page.keyboard.press('Shift+Enter');
  await page.getByTestId('harness-logs').waitFor();
  const lines = await page.getByTestId('harness-log-line').allInnerTexts();
  const expected = env.events.filter((e) => e.event.includes('status=500'));
  assert.equal(lines.length, expected.length);
  assert.ok(lines.every((l) => l.includes('status=500')));
  await screenshot(page, 'results-logs');
  assert.deepEqual(errors, []);
  await page.close();
});

test(
  'Format rewrites the query through nexus-api; Show compiled shows the SQL it runs',
  { skip },
  async () => {
    const { page, errors } = await openEditor();
    await typeQuery(page, 'index=main   status=500|stats   count   by host|sort  -count');
    await page.getByTestId('nexus-format').click();
    await page.waitForFunction(
      () => !window.harness.monaco.editor.getModels()[0]?.getValue().includes('   '),
    );
    const formatted = await page.evaluate(
      () => window.harness.monaco.editor.getModels()[0]?.getValue() ?? '',
    );
    // Exactly what nexus-api's formatter makes of it.
    assert.ok(env);
    const res = await fetch(`${env.nexusUrl}/query/spl/format`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: 'index=main   status=500|stats   count   by host|sort  -count' }),
    });
    assert.equal(formatted, ((await res.json()) as { spl: string }).spl);
    assert.equal(formatted.replace(/\s+/g, ' '), 'index=main status=500 | stats count BY host | sort -count');
    // The switch's input is visually hidden, as in Grafana: click its label.
    await page.getByText('Show compiled').click();
    const compiled = page.getByTestId('nexus-compiled');
    await compiled.waitFor();
    assert.equal(await compiled.getAttribute('data-language'), 'sql');
    const sql = await compiled.innerText();
    assert.match(sql, /SELECT/i);
    assert.match(sql, /GROUP BY/i);
    // Values are bound parameters, never pasted into the SQL.
    assert.doesNotMatch(sql, /'500'/);
    await screenshot(page, 'editor-format-compiled');
    assert.deepEqual(errors, []);
    await page.close();
  },
);
