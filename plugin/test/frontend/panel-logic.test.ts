// The events panel's pure logic: frames → events, interesting fields, top values, highlighting, paging, filters.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { createDataFrame, DataFrameType, FieldType } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { applyEventsFilter } from '../../src/panel/applyFilter.ts';
import { cellTime, eventsFromFrames } from '../../src/panel/events.ts';
import type { NexusEvent } from '../../src/panel/events.ts';
import { formatPercent, summariseFields, topValues } from '../../src/panel/fields.ts';
import { filterUrlValue, onEventsFilter, withFilter } from '../../src/panel/filters.ts';
import type { EventsFilter } from '../../src/panel/filters.ts';
import { highlight, termPattern } from '../../src/panel/highlight.ts';
import {
  clampPage,
  pageCount,
  pageLabel,
  pageRange,
  rowOffsets,
  visibleRows,
} from '../../src/panel/paging.ts';

const T0 = Date.UTC(2026, 11, 3, 21, 25, 38, 123);

const logLines = () =>
  createDataFrame({
    refId: 'A',
    meta: { type: DataFrameType.LogLines, searchWords: ['error'] },
    fields: [
      { name: 'timestamp', type: FieldType.time, values: [T0, T0 - 1000] },
      { name: 'body', type: FieldType.string, values: ['error user=bob', 'ok user=amy'] },
      { name: 'severity', type: FieldType.string, values: ['error', null] },
      { name: 'id', type: FieldType.string, values: ['a1', 'a2'] },
      {
        name: 'labels',
        type: FieldType.other,
        // Grafana decodes the JSON field into objects; a string must work too.
        values: [{ host: 'web-1', user: 'bob', status: 500 }, '{"host":"web-2","user":"amy"}'],
      },
    ],
  });

const ev = (fields: Record<string, string>, i: number): NexusEvent => ({
  id: String(i),
  time: T0 - i,
  raw: `event ${i}`,
  fields,
});

describe('eventsFromFrames', () => {
  test('a log-lines frame: id, time in ms, body as _raw, labels as fields, search words', () => {
    const r = eventsFromFrames([logLines()]);
    assert.equal(r.kind, 'events');
    if (r.kind !== 'events') return;
    assert.deepEqual(r.events, [
      { id: 'a1', time: T0, raw: 'error user=bob', fields: { host: 'web-1', user: 'bob', status: '500' } },
      { id: 'a2', time: T0 - 1000, raw: 'ok user=amy', fields: { host: 'web-2', user: 'amy' } },
    ]);
    assert.deepEqual(r.searchWords, ['error']);
  });

  test('a table with _time and _raw: other columns become fields, nulls are absent', () => {
    const frame = createDataFrame({
      fields: [
        { name: '_time', type: FieldType.string, values: ['2026-12-03T21:25:38.123Z', 'not a time'] },
        { name: '_raw', type: FieldType.string, values: ['GET /a 200', 'GET /b 404'] },
        { name: 'host', type: FieldType.string, values: ['web-1', null] },
        { name: 'bytes', type: FieldType.number, values: [512, 0] },
      ],
    });
    const r = eventsFromFrames([frame]);
    assert.equal(r.kind, 'events');
    if (r.kind !== 'events') return;
    assert.deepEqual(r.events, [
      { id: '0:0', time: T0, raw: 'GET /a 200', fields: { host: 'web-1', bytes: '512' } },
      { id: '0:1', time: null, raw: 'GET /b 404', fields: { bytes: '0' } },
    ]);
  });

  test('a table without _raw is the wrong shape, and the message names its fields', () => {
    const frame = createDataFrame({
      fields: [
        { name: 'host', type: FieldType.string, values: ['a'] },
        { name: 'count', type: FieldType.number, values: [3] },
      ],
    });
    const r = eventsFromFrames([frame]);
    assert.equal(r.kind, 'wrong-shape');
    if (r.kind !== 'wrong-shape') return;
    assert.match(r.message, /`_raw`/);
    assert.match(r.message, /`host`, `count`/);
  });

  test('no frames, or frames without rows, are empty', () => {
    assert.deepEqual(eventsFromFrames([]), { kind: 'empty' });
    assert.deepEqual(eventsFromFrames([createDataFrame({ fields: [{ name: '_raw', values: [] }] })]), {
      kind: 'empty',
    });
  });

  test('several frames are merged newest first', () => {
    const older = createDataFrame({
      fields: [
        { name: '_time', type: FieldType.time, values: [T0 - 5000] },
        { name: '_raw', type: FieldType.string, values: ['older'] },
      ],
    });
    const r = eventsFromFrames([older, logLines()]);
    assert.equal(r.kind, 'events');
    if (r.kind !== 'events') return;
    assert.deepEqual(
      r.events.map((e) => e.raw),
      ['error user=bob', 'ok user=amy', 'older'],
    );
  });

  test('cellTime reads ms numbers, ISO text, numeric text and Dates', () => {
    assert.equal(cellTime(T0), T0);
    assert.equal(cellTime('2026-12-03T21:25:38.123Z'), T0);
    assert.equal(cellTime(String(T0)), T0);
    assert.equal(cellTime(new Date(T0)), T0);
    assert.equal(cellTime(''), null);
    assert.equal(cellTime(NaN), null);
  });
});

describe('summariseFields', () => {
  // 10 events: host everywhere (2 values), user in 2 (20%: interesting), rare in 1 (10%: not), code in 5.
  const events = Array.from({ length: 10 }, (_, i) =>
    ev(
      {
        host: i < 6 ? 'web-1' : 'web-2',
        ...(i < 2 ? { user: i === 0 ? 'alice' : 'bob' } : {}),
        ...(i === 9 ? { rare: 'x' } : {}),
        ...(i % 2 === 0 ? { code: String(200 + i) } : {}),
      },
      i,
    ),
  );

  test('interesting fields are those in at least 20% of the events, with exact counts', () => {
    const s = summariseFields(events, ['host', 'source']);
    assert.deepEqual(s.selected, [{ name: 'host', events: 10, distinct: 2, coverage: 1, numeric: false }]);
    assert.deepEqual(s.interesting, [
      { name: 'code', events: 5, distinct: 5, coverage: 0.5, numeric: true },
      { name: 'user', events: 2, distinct: 2, coverage: 0.2, numeric: false },
    ]);
    assert.deepEqual(
      s.all.map((f) => f.name),
      ['code', 'host', 'rare', 'user'],
    );
  });

  test('a field that is not selected is interesting again', () => {
    const s = summariseFields(events, []);
    assert.deepEqual(
      s.interesting.map((f) => f.name),
      ['code', 'host', 'user'],
    );
  });

  test('top values: most frequent first, percent of all events, at most the limit', () => {
    assert.deepEqual(topValues(events, 'host'), [
      { value: 'web-1', count: 6, percent: 60 },
      { value: 'web-2', count: 4, percent: 40 },
    ]);
    assert.deepEqual(topValues(events, 'user'), [
      { value: 'alice', count: 1, percent: 10 },
      { value: 'bob', count: 1, percent: 10 },
    ]);
    const many = Array.from({ length: 30 }, (_, i) => ev({ n: String(i % 12) }, i));
    const top = topValues(many, 'n');
    assert.equal(top.length, 10);
    // 0…5 occur 3 times, 6…11 twice; ties by value.
    assert.deepEqual(
      top.map((v) => [v.value, v.count]),
      [
        ['0', 3],
        ['1', 3],
        ['2', 3],
        ['3', 3],
        ['4', 3],
        ['5', 3],
        ['10', 2],
        ['11', 2],
        ['6', 2],
        ['7', 2],
      ],
    );
    assert.deepEqual(topValues(events, 'missing'), []);
  });

  test('percentages print like Splunk', () => {
    assert.equal(formatPercent(60), '60%');
    assert.equal(formatPercent(100 / 3), '33.3%');
    assert.equal(formatPercent(0.01), '<0.1%');
    assert.equal(formatPercent(0), '0%');
  });
});

describe('highlight', () => {
  const kinds = (raw: string, words: string[], values: string[] = []) =>
    highlight(raw, words, values).map((s) => [s.text, s.kind]);

  test('key=value pairs, search words and field values', () => {
    assert.deepEqual(kinds('user=bob failed on web-1', ['fail*'], ['web-1']), [
      ['user', 'key'],
      ['=', 'plain'],
      ['bob', 'value'],
      [' ', 'plain'],
      ['failed', 'match'],
      [' on ', 'plain'],
      ['web-1', 'field-value'],
    ]);
  });

  test('quoted values, case-insensitive matches that win over pairs', () => {
    assert.deepEqual(kinds('msg="Disk Full" level=ERROR', ['error']), [
      ['msg', 'key'],
      ['=', 'plain'],
      ['"Disk Full"', 'value'],
      [' ', 'plain'],
      ['level', 'key'],
      ['=', 'plain'],
      ['ERROR', 'match'],
    ]);
  });

  test('field values are marked only as whole words, short ones not at all', () => {
    assert.deepEqual(kinds('web-10 web-1 a', [], ['web-1', 'a']), [
      ['web-10 ', 'plain'],
      ['web-1', 'field-value'],
      [' a', 'plain'],
    ]);
  });

  test('the segments give back the text; a lone * matches nothing', () => {
    const raw = '2026-12-03 host=a path="/x?y=1" * done';
    assert.equal(
      highlight(raw, ['*', 'done', '"path'], ['a'])
        .map((s) => s.text)
        .join(''),
      raw,
    );
    assert.equal(termPattern('*'), null);
    assert.equal(termPattern('a.b')?.test('axb'), false);
    assert.deepEqual(highlight('', ['x']), []);
  });
});

describe('paging', () => {
  test('pages, ranges and labels', () => {
    assert.equal(pageCount(0, 50), 1);
    assert.equal(pageCount(120, 50), 3);
    assert.equal(clampPage(7, 120, 50), 2);
    assert.equal(clampPage(-1, 120, 50), 0);
    assert.deepEqual(pageRange(2, 120, 50), { start: 100, end: 120 });
    assert.deepEqual(pageRange(0, 0, 50), { start: 0, end: 0 });
    assert.equal(pageLabel(1, 10000, 50), '51–100 of 10,000');
    assert.equal(pageLabel(0, 0, 50), '0 of 0');
  });

  test('visible rows by binary search over the row offsets', () => {
    const offsets = rowOffsets([20, 20, 20, 20, 20]);
    assert.deepEqual([...offsets], [0, 20, 40, 60, 80, 100]);
    assert.deepEqual(visibleRows(offsets, 25, 30, 0), { start: 1, end: 3 });
    assert.deepEqual(visibleRows(offsets, 0, 40, 0), { start: 0, end: 2 });
    assert.deepEqual(visibleRows(offsets, 25, 30, 1), { start: 0, end: 4 });
    assert.deepEqual(visibleRows(offsets, 500, 30, 0), { start: 4, end: 5 });
    assert.deepEqual(visibleRows(rowOffsets([]), 0, 100), { start: 0, end: 0 });
    // Row 3 is 200 px, so row i ≥ 4 starts at 24·i + 176: the viewport 120000…120600 holds rows 4992…5017.
    const big = rowOffsets(Array.from({ length: 10000 }, (_, i) => (i === 3 ? 200 : 24)));
    assert.deepEqual(visibleRows(big, 24 * 5000, 600, 0), { start: 4992, end: 5018 });
  });
});

describe('filters', () => {
  afterEach(() => locationService.partial({ 'var-Filters': null }, true));

  test('URL values escape Grafana separators and replace the opposite filter', () => {
    assert.equal(filterUrlValue({ key: 'msg', operator: '=', value: 'a|b,c' }), 'msg|=|a__gfp__b__gfc__c');
    const one = withFilter([], { key: 'host', operator: '=', value: 'web-1' });
    assert.deepEqual(one, ['host|=|web-1']);
    assert.deepEqual(withFilter(one, { key: 'host', operator: '=', value: 'web-1' }), ['host|=|web-1']);
    assert.deepEqual(
      withFilter(['', 'a|=|1', 'host|=|web-1'], { key: 'host', operator: '!=', value: 'web-1' }),
      ['a|=|1', 'host|!=|web-1'],
    );
  });

  test('applyEventsFilter tells observers and the panel context', () => {
    const seen: EventsFilter[] = [];
    const viaDom: unknown[] = [];
    const onDom = (e: Event) => viaDom.push((e as CustomEvent<EventsFilter>).detail);
    window.addEventListener('nexus-events-filter', onDom);
    const stop = onEventsFilter((f) => seen.push(f));
    const added: unknown[] = [];
    const filter: EventsFilter = { key: 'host', operator: '=', value: 'web-1' };
    assert.equal(
      applyEventsFilter(filter, (item) => added.push(item)),
      'panel-context',
    );
    stop();
    window.removeEventListener('nexus-events-filter', onDom);
    applyEventsFilter({ key: 'x', operator: '=', value: 'y' }, () => undefined);
    assert.deepEqual(seen, [filter]);
    assert.deepEqual(viaDom, [filter]);
    assert.deepEqual(added, [filter]);
  });

  test('without a panel context the filter goes to the ad hoc variable in the URL', () => {
    assert.equal(applyEventsFilter({ key: 'host', operator: '=', value: 'web-1' }), 'url');
    assert.equal(applyEventsFilter({ key: 'user', operator: '!=', value: 'a|b' }), 'url');
    assert.deepEqual(locationService.getSearchObject()['var-Filters'], ['host|=|web-1', 'user|!=|a__gfp__b']);
    assert.equal(applyEventsFilter({ key: 'host', operator: '!=', value: 'web-1' }), 'url');
    assert.deepEqual(locationService.getSearchObject()['var-Filters'], [
      'user|!=|a__gfp__b',
      'host|!=|web-1',
    ]);
  });
});
