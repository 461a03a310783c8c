// The events panel rendered under jsdom: rows, expansion, the field sidebar, filters, pages and windowing.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import {
  createDataFrame,
  DataFrameType,
  EventBusSrv,
  FieldType,
  getDefaultTimeRange,
  LoadingState,
} from '@grafana/data';
import type { DataFrame, PanelProps } from '@grafana/data';
import { PanelContextProvider } from '@grafana/ui';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { DEFAULT_OPTIONS, EventsPanel } from '../../src/panel/EventsPanel.tsx';
import type { EventsOptions } from '../../src/panel/EventsPanel.tsx';
import { onEventsFilter } from '../../src/panel/filters.ts';
import type { EventsFilter } from '../../src/panel/filters.ts';

const T0 = Date.UTC(2026, 11, 3, 21, 25, 38, 123);

interface Row {
  raw: string;
  labels: Record<string, string>;
}

function logFrame(rows: readonly Row[], searchWords: string[] = []): DataFrame {
  return createDataFrame({
    refId: 'A',
    meta: { type: DataFrameType.LogLines, searchWords },
    fields: [
      { name: 'timestamp', type: FieldType.time, values: rows.map((_, i) => T0 - i * 1000) },
      { name: 'body', type: FieldType.string, values: rows.map((r) => r.raw) },
      { name: 'id', type: FieldType.string, values: rows.map((_, i) => `e${i}`) },
      { name: 'labels', type: FieldType.other, values: rows.map((r) => r.labels) },
    ],
  });
}

/** 10 events: host web-1 ×6 / web-2 ×4; user on 2 (20%); rare on 1 (10%); sourcetype on all. */
const tenEvents = (): Row[] =>
  Array.from({ length: 10 }, (_, i) => ({
    raw: `${i < 2 ? 'ERROR' : 'INFO'} request ${i} host=${i < 6 ? 'web-1' : 'web-2'}`,
    labels: {
      host: i < 6 ? 'web-1' : 'web-2',
      sourcetype: 'access',
      ...(i < 2 ? { user: i === 0 ? 'alice' : 'bob' } : {}),
      ...(i === 9 ? { rare: 'x' } : {}),
    },
  }));

const manyEvents = (n: number): Row[] =>
  Array.from({ length: n }, (_, i) => ({
    raw: `event ${i} status=${200 + (i % 5)}`,
    labels: { host: `h${i % 3}` },
  }));

function props(
  series: DataFrame[],
  options: Partial<EventsOptions> = {},
  timeZone = 'utc',
): PanelProps<EventsOptions> {
  const timeRange = getDefaultTimeRange();
  return {
    id: 1,
    data: { series, state: LoadingState.Done, timeRange },
    timeRange,
    timeZone,
    options: { ...DEFAULT_OPTIONS, ...options },
    transparent: false,
    width: 1000,
    height: 600,
    fieldConfig: { defaults: {}, overrides: [] },
    renderCounter: 0,
    title: 'Events',
    eventBus: new EventBusSrv(),
    onOptionsChange: () => undefined,
    onFieldConfigChange: () => undefined,
    replaceVariables: (s: string) => s,
    onChangeTimeRange: () => undefined,
  };
}

const renderPanel = (p: PanelProps<EventsOptions>) => render(createElement(EventsPanel, p));
const rows = () => screen.queryAllByTestId('nexus-event-row');
const indexes = () => rows().map((r) => Number(r.dataset['index']));

/** Records the filters the panel emits while `fn` runs. */
function filtersDuring(fn: () => void): EventsFilter[] {
  const seen: EventsFilter[] = [];
  const stop = onEventsFilter((f) => seen.push(f));
  try {
    fn();
  } finally {
    stop();
  }
  return seen;
}

afterEach(() => cleanup());

describe('events panel', () => {
  test('renders each event: time in the dashboard time zone, highlighted _raw', () => {
    const frame = logFrame(
      [
        { raw: 'ERROR disk full user=bob', labels: { host: 'web-1', user: 'bob' } },
        { raw: 'INFO all good', labels: { host: 'web-2' } },
      ],
      ['error'],
    );
    renderPanel(props([frame]));
    assert.equal(screen.getByTestId('nexus-events-count').textContent, '2 events');
    const [first, second] = rows();
    assert.ok(first && second);
    assert.match(first.textContent ?? '', /^2026-12-03 21:25:38\.123ERROR disk full user=bob$/);
    assert.match(second.textContent ?? '', /^2026-12-03 21:25:37\.123INFO all good$/);
    const marked = [...first.querySelectorAll('[data-kind]')].map((e) => [
      e.textContent,
      e.getAttribute('data-kind'),
    ]);
    assert.deepEqual(marked, [
      ['ERROR', 'match'],
      ['user', 'key'],
      ['bob', 'value'],
    ]);
    cleanup();
    renderPanel(props([frame], {}, 'America/New_York'));
    assert.match(rows()[0]?.textContent ?? '', /^2026-12-03 16:25:38\.123/);
  });

  test('expanding a row shows its fields; filter for / filter out emit exact filters', () => {
    const { rerender } = renderPanel(props([logFrame(tenEvents())]));
    assert.equal(screen.queryByTestId('nexus-event-fields'), null);
    const row = rows()[1];
    assert.ok(row);
    fireEvent.click(within(row).getByTestId('nexus-event-expand'));
    const table = within(row).getByTestId('nexus-event-fields');
    assert.deepEqual(
      [...table.querySelectorAll('tr')].map((tr) => [
        tr.querySelector('th')?.textContent,
        tr.lastChild?.textContent,
      ]),
      [
        ['host', 'web-1'],
        ['sourcetype', 'access'],
        ['user', 'bob'],
      ],
    );
    const userRow = table.querySelector('tr[data-field="user"]');
    assert.ok(userRow instanceof HTMLElement);
    const seen = filtersDuring(() => {
      fireEvent.click(within(userRow).getByTestId('nexus-event-filter-for'));
      fireEvent.click(within(userRow).getByTestId('nexus-event-filter-out'));
    });
    assert.deepEqual(seen, [
      { key: 'user', operator: '=', value: 'bob' },
      { key: 'user', operator: '!=', value: 'bob' },
    ]);
    fireEvent.click(within(row).getByTestId('nexus-event-expand'));
    assert.equal(screen.queryByTestId('nexus-event-fields'), null);
    // Expanded rows belong to one result: a refresh starts collapsed.
    fireEvent.click(within(row).getByTestId('nexus-event-expand'));
    assert.ok(screen.getByTestId('nexus-event-fields'));
    rerender(createElement(EventsPanel, props([logFrame(tenEvents())])));
    assert.equal(screen.queryByTestId('nexus-event-fields'), null);
  });

  test('the sidebar lists selected and interesting fields with their distinct counts', () => {
    renderPanel(props([logFrame(tenEvents())]));
    const sidebar = screen.getByTestId('nexus-field-sidebar');
    const listed = (id: string) =>
      within(sidebar)
        .queryAllByTestId(id)
        .map((b) => [b.dataset['field'], b.textContent]);
    // host and sourcetype are selected (source is absent); user is in 2 of 10 events (20%), rare in 1 (10%).
    assert.deepEqual(listed('nexus-selected-field'), [
      ['host', 'ahost2'],
      ['sourcetype', 'asourcetype1'],
    ]);
    assert.deepEqual(listed('nexus-interesting-field'), [['user', 'auser2']]);
    cleanup();
    renderPanel(props([logFrame(tenEvents())], { selectedFields: ['user'] }));
    assert.deepEqual(
      screen.getAllByTestId('nexus-interesting-field').map((b) => b.dataset['field']),
      ['host', 'sourcetype'],
    );
    cleanup();
    renderPanel(props([logFrame(tenEvents())], { showInterestingFields: false }));
    assert.equal(screen.queryAllByTestId('nexus-interesting-field').length, 0);
    assert.equal(screen.getAllByTestId('nexus-selected-field').length, 2);
  });

  test('a field opens its top values with counts and percentages; a value emits {key, "=", value}', () => {
    const added: unknown[] = [];
    render(
      createElement(
        PanelContextProvider,
        {
          value: {
            eventsScope: 'global',
            eventBus: new EventBusSrv(),
            onAddAdHocFilter: (f) => added.push(f),
          },
        },
        createElement(EventsPanel, props([logFrame(tenEvents())])),
      ),
    );
    const host = screen.getAllByTestId('nexus-selected-field').find((b) => b.dataset['field'] === 'host');
    assert.ok(host);
    fireEvent.click(host);
    const values = screen.getAllByTestId('nexus-field-value');
    assert.deepEqual(
      values.map((v) => [v.dataset['value'], v.textContent]),
      [
        ['web-1', 'web-16 · 60%'],
        ['web-2', 'web-24 · 40%'],
      ],
    );
    const seen = filtersDuring(() => fireEvent.click(values[1] as HTMLElement));
    assert.deepEqual(seen, [{ key: 'host', operator: '=', value: 'web-2' }]);
    assert.deepEqual(added, [{ key: 'host', operator: '=', value: 'web-2' }]);
    // Clicking the field again closes its values.
    fireEvent.click(host);
    assert.equal(screen.queryAllByTestId('nexus-field-value').length, 0);
  });

  test('pages: 120 events, 50 a page', () => {
    const { rerender } = renderPanel(props([logFrame(manyEvents(120))]));
    const label = () => screen.getByTestId('nexus-events-page-label').textContent;
    const prev = screen.getByTestId('nexus-events-page-prev');
    const next = screen.getByTestId('nexus-events-page-next');
    assert.equal(label(), '1–50 of 120 · page 1 of 3');
    assert.equal(screen.getByTestId('nexus-events-count').textContent, '120 events');
    assert.equal((prev as HTMLButtonElement).disabled, true);
    assert.equal(indexes()[0], 0);
    fireEvent.click(next);
    assert.equal(label(), '51–100 of 120 · page 2 of 3');
    assert.equal(indexes()[0], 50);
    fireEvent.click(next);
    assert.equal(label(), '101–120 of 120 · page 3 of 3');
    assert.deepEqual(
      indexes(),
      Array.from({ length: 20 }, (_, i) => 100 + i),
    );
    assert.equal((next as HTMLButtonElement).disabled, true);
    fireEvent.click(prev);
    assert.equal(label(), '51–100 of 120 · page 2 of 3');
    // A new result starts on page 1.
    rerender(createElement(EventsPanel, props([logFrame(manyEvents(60))])));
    assert.equal(label(), '1–50 of 60 · page 1 of 2');
  });

  test('10,000 events on one page: only the rows in view are in the DOM, and scrolling moves them', () => {
    const frame = logFrame(manyEvents(10000));
    renderPanel(props([frame], { pageSize: 10000 }));
    assert.equal(screen.getByTestId('nexus-events-count').textContent, '10,000 events');
    const first = indexes();
    // 568 px of 24 px rows: 24 in view plus 6 below.
    assert.ok(first.length > 20 && first.length <= 40, `${first.length} rows in the DOM`);
    assert.equal(first[0], 0);
    const list = screen.getByTestId('nexus-events-list');
    Object.defineProperty(list, 'scrollTop', { configurable: true, value: 24 * 5000 });
    act(() => {
      fireEvent.scroll(list);
    });
    const after = indexes();
    assert.ok(after.length <= 40, `${after.length} rows in the DOM`);
    assert.ok(after.includes(5000) && after.includes(5020), `rows ${after[0]}…${after[after.length - 1]}`);
    assert.ok(!after.includes(0));
    // Rows sit at their offsets in a list as tall as all 10,000 rows.
    const row5000 = rows().find((r) => r.dataset['index'] === '5000');
    assert.equal(row5000?.style.top, `${24 * 5000}px`);
    assert.equal((list.firstElementChild as HTMLElement).style.height, `${24 * 10000}px`);
  });

  test('no data, and results that are not events, say so', () => {
    renderPanel(props([]));
    assert.match(screen.getByTestId('nexus-events-empty').textContent ?? '', /No events/);
    cleanup();
    const stats = createDataFrame({
      fields: [
        { name: 'host', type: FieldType.string, values: ['a'] },
        { name: 'count', type: FieldType.number, values: [3] },
      ],
    });
    renderPanel(props([stats]));
    assert.match(screen.getByTestId('nexus-events-wrong-shape').textContent ?? '', /needs a `_raw` field/);
    assert.ok(screen.getByTestId('nexus-events-panel'));
  });

  test('a table frame with _time and _raw renders as events', () => {
    const table = createDataFrame({
      fields: [
        { name: '_time', type: FieldType.time, values: [T0] },
        { name: '_raw', type: FieldType.string, values: ['GET /index.html 200'] },
        { name: 'host', type: FieldType.string, values: ['web-9'] },
      ],
    });
    renderPanel(props([table]));
    assert.equal(rows().length, 1);
    assert.match(rows()[0]?.textContent ?? '', /^2026-12-03 21:25:38\.123GET \/index\.html 200$/);
    assert.deepEqual(
      screen.getAllByTestId('nexus-selected-field').map((b) => b.dataset['field']),
      ['host'],
    );
  });
});
