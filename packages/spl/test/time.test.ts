// Splunk time modifiers: relative offsets, snap-to, units (m is minute, mon is month), zones.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resolveTime } from '../src/time.ts';

// Wednesday 2024-01-10 15:42:17.250 UTC
const now = Date.UTC(2024, 0, 10, 15, 42, 17, 250);

const at = (spec: string, tz = 'UTC'): string => {
  const r = resolveTime(spec, now, tz);
  if (!r.ok) throw new Error(r.message);
  return new Date(r.epochMs).toISOString();
};

describe('resolveTime', () => {
  const cases: [string, string][] = [
    ['now', '2024-01-10T15:42:17.250Z'],
    ['now()', '2024-01-10T15:42:17.250Z'],
    ['-24h', '2024-01-09T15:42:17.250Z'],
    ['-15m', '2024-01-10T15:27:17.250Z'],
    ['-1mon', '2023-12-10T15:42:17.250Z'],
    ['-h', '2024-01-10T14:42:17.250Z'],
    ['-24h@h', '2024-01-09T15:00:00.000Z'],
    ['@d', '2024-01-10T00:00:00.000Z'],
    ['-7d@d', '2024-01-03T00:00:00.000Z'],
    ['@w', '2024-01-07T00:00:00.000Z'],
    ['@w0', '2024-01-07T00:00:00.000Z'],
    ['@w1', '2024-01-08T00:00:00.000Z'],
    ['@mon', '2024-01-01T00:00:00.000Z'],
    ['@q', '2024-01-01T00:00:00.000Z'],
    ['-1y@y', '2023-01-01T00:00:00.000Z'],
    ['@d+8h', '2024-01-10T08:00:00.000Z'],
    ['-1d@d+30m', '2024-01-09T00:30:00.000Z'],
    ['+2seconds', '2024-01-10T15:42:19.250Z'],
    ['1700000000', '2023-11-14T22:13:20.000Z'],
    ['1700000000.5', '2023-11-14T22:13:20.500Z'],
    ['0', '1970-01-01T00:00:00.000Z'],
    ['10/19/2024:08:30:00', '2024-10-19T08:30:00.000Z'],
    ['2024-03-01T12:00:00Z', '2024-03-01T12:00:00.000Z'],
  ];
  for (const [spec, expected] of cases) {
    test(spec, () => assert.equal(at(spec), expected));
  }

  test('snapping follows the time zone (@d is local midnight)', () => {
    assert.equal(at('@d', 'America/New_York'), '2024-01-10T05:00:00.000Z');
    assert.equal(at('@d', 'Asia/Tokyo'), '2024-01-10T15:00:00.000Z');
    assert.equal(at('10/19/2024:08:30:00', 'Europe/Paris'), '2024-10-19T06:30:00.000Z');
  });

  test('day offsets keep the wall clock across a DST change', () => {
    // 2024-11-03 07:00 EST, the day the US fell back: one day earlier is 07:00 EDT, 23 hours before.
    const november = Date.UTC(2024, 10, 3, 12, 0, 0);
    const r = resolveTime('-1d', november, 'America/New_York');
    assert.equal(r.ok && new Date(r.epochMs).toISOString(), '2024-11-02T11:00:00.000Z');
  });

  test('bad modifiers are errors with a message, never exceptions', () => {
    for (const bad of ['', 'yesterday', '-3fortnights', '@x', '@d3', 'rt-5m', '-5m@']) {
      const r = resolveTime(bad, now);
      assert.equal(r.ok, false, bad);
    }
  });
});
