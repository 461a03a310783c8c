// The stats family on real chDB: every function's Splunk semantics on a small fixture.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runSpl } from '../../src/query/service.ts';
import type { LogRow } from '../../src/store/index.ts';
import { fixtureStore } from '../helpers/fixture-store.ts';

const now = Date.now();

// host a: bytes 10, 20, 30, 40 (newest first: 40 is newest); host b: 5, 5, 7; one event without bytes.
const rows: LogRow[] = [
  ['a', '40', 'u1', 1],
  ['a', '30', 'u2', 2],
  ['a', '20', 'u1', 3],
  ['a', '10', 'u3', 4],
  ['b', '5', 'u9', 5],
  ['b', '5', 'u8', 6],
  ['b', '7', 'u9', 7],
  ['b', undefined, 'u7', 8],
].map(([host, bytes, user, minutes]) => ({
  org_id: 'o',
  index: 'main',
  _time: now - Number(minutes) * 60_000,
  host: String(host),
  source: 's',
  sourcetype: 'st',
  _raw: `user=${String(user)}`,
  fields: { user: String(user), ...(bytes === undefined ? {} : { bytes: String(bytes) }) },
}));

const { store } = fixtureStore(rows);

async function stats(aggs: string): Promise<Record<string, unknown[]>> {
  const r = await runSpl(store(), 'o', { query: `index=main | stats ${aggs} by host` }, { nowMs: now });
  const out: Record<string, unknown[]> = {};
  for (const row of r.rows) out[String(row[0])] = row.slice(1);
  return out;
}

describe('stats functions', () => {
  test('sum, sumsq, avg, min, max, range', async () => {
    assert.deepEqual(
      await stats('sum(bytes), sumsq(bytes), avg(bytes), min(bytes), max(bytes), range(bytes)'),
      {
        a: [100, 3000, 25, 10, 40, 30],
        b: [17, 99, 17 / 3, 5, 7, 2],
      },
    );
  });

  // Search Reference 9.4, Statistical and charting functions, Time functions: rate(X) =
  // (latest(X) - earliest(X)) / (latest_time(X) - earliest_time(X)); events without X do not count.
  test('rate: the per-second change between the oldest and the newest value', async () => {
    const r = await stats('rate(bytes)');
    assert.ok(Math.abs(Number(r.a?.[0]) - 30 / 180) < 1e-12, String(r.a?.[0]));
    assert.ok(Math.abs(Number(r.b?.[0]) - -2 / 120) < 1e-12, String(r.b?.[0]));
    const one = await runSpl(
      store(),
      'o',
      { query: 'index=main host=a | head 1 | stats rate(bytes)' },
      { nowMs: now },
    );
    assert.deepEqual(one.rows, [[null]]);
  });

  // Search Reference 9.4, Aggregate functions: estdc_error is the ratio |estimate - real| / real, not an estimate.
  test('estdc_error is the relative error of estdc (0 where the estimate is exact)', async () => {
    assert.deepEqual(await stats('estdc(user), dc(user), estdc_error(user)'), { a: [3, 3, 0], b: [3, 3, 0] });
  });

  test('stdev, stdevp, var, varp', async () => {
    const r = await stats('stdev(bytes), stdevp(bytes), var(bytes), varp(bytes)');
    const [sd, sdp, v, vp] = (r.a ?? []).map(Number);
    assert.ok(Math.abs((sd ?? 0) - Math.sqrt(500 / 3)) < 1e-9);
    assert.ok(Math.abs((sdp ?? 0) - Math.sqrt(125)) < 1e-9);
    assert.ok(Math.abs((v ?? 0) - 500 / 3) < 1e-9);
    assert.equal(vp, 125);
  });

  test('percentiles use nearest rank; median is the 50th', async () => {
    assert.deepEqual(
      await stats('perc25(bytes), p50(bytes), median(bytes), exactperc75(bytes), p99.9(bytes)'),
      {
        a: [10, 20, 20, 30, 40],
        b: [5, 5, 5, 7, 7],
      },
    );
  });

  test('dc is exact; estdc estimates; mode is the most common value', async () => {
    assert.deepEqual(await stats('dc(user), estdc(user), mode(bytes)'), { a: [3, 3, '10'], b: [3, 3, '5'] });
  });

  test('values are distinct and sorted as strings; list keeps event order', async () => {
    assert.deepEqual(await stats('values(bytes), list(bytes), values(user)'), {
      a: [
        ['10', '20', '30', '40'],
        ['40', '30', '20', '10'],
        ['u1', 'u2', 'u3'],
      ],
      b: [
        ['5', '7'],
        ['5', '5', '7'],
        ['u7', 'u8', 'u9'],
      ],
    });
  });

  test('latest/earliest follow _time, first/last follow event order (newest first)', async () => {
    assert.deepEqual(await stats('latest(bytes), earliest(bytes), first(user), last(user)'), {
      a: ['40', '10', 'u1', 'u3'],
      b: ['5', '7', 'u9', 'u7'],
    });
  });

  test('latest_time and earliest_time are epoch seconds of the events that have the field', async () => {
    const r = await stats('latest_time(bytes), earliest_time(bytes)');
    const [latest, earliest] = r.b ?? [];
    assert.equal(latest, Math.floor((now - 5 * 60_000) / 1000) + ((now - 5 * 60_000) % 1000) / 1000);
    assert.equal(earliest, Math.floor((now - 7 * 60_000) / 1000) + ((now - 7 * 60_000) % 1000) / 1000);
  });

  test('an unknown function is unsupported, with a hint', async () => {
    await assert.rejects(stats('avgg(bytes)'), /the stats function `avgg` is not supported yet/);
  });
});
