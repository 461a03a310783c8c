// Time-based lookups on real chDB: a transforms.conf lookup definition with `time_field` matches, of the
// rows with the event's keys, the latest whose time is `min_offset_secs` to `max_offset_secs` before the
// event's time (`_time`, or the field `event_time_field=` names); one row unless `max_matches` says more.
// Knowledge Manager Manual, "Configure a time-based lookup"
// (help.splunk.com/…/use-the-configuration-files-to-configure-lookups/configure-a-time-based-lookup);
// Search Reference, "lookup" (`event_time_field`).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mergeKnowledge, parseKnowledgeConf } from '@nexus/spl';
import { writeLookup } from '../../src/lookups/service.ts';
import type { LogRow } from '../../src/store/index.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';

const now = Date.UTC(2026, 11, 7, 12, 0, 0);

const knowledge = mergeKnowledge(
  parseKnowledgeConf('props', '[app]\nLOOKUP-lease = dhcp_leases ip AS src_ip OUTPUT mac AS auto_mac\n')
    .objects,
  parseKnowledgeConf(
    'transforms',
    [
      '[dhcp_leases]',
      'filename = dhcp.csv',
      'time_field = lease_time',
      'time_format = %Y-%m-%d %H:%M:%S',
      'max_offset_secs = 7200',
      '[dhcp_epoch]',
      'filename = dhcp_epoch.csv',
      'time_field = at',
      'min_offset_secs = 600',
      '[dhcp_two]',
      'filename = dhcp_epoch.csv',
      'time_field = at',
      'max_matches = 2',
      '[plain]',
      'filename = dhcp_epoch.csv',
    ].join('\n'),
  ).objects,
);

/** Leases: ip, minutes before `now`, mac. */
const leases: [string, number, string][] = [
  ['10.0.0.1', 300, 'aa:01'],
  ['10.0.0.1', 100, 'aa:02'],
  ['10.0.0.1', 40, 'aa:03'],
  ['10.0.0.2', 200, 'bb:01'],
  ['10.0.0.2', 10, 'bb:02'],
];

/** Events: minutes before `now`, src_ip (and `seen`, minutes before `now` of another time field). */
const events: [number, string, number][] = [
  [350, '10.0.0.1', 30],
  [250, '10.0.0.1', 250],
  [95, '10.0.0.1', 120],
  [60, '10.0.0.1', 5],
  [39, '10.0.0.1', 39],
  [30, '10.0.0.2', 300],
  [5, '10.0.0.2', 5],
  [20, '10.0.0.9', 20],
];

const rows: LogRow[] = events.map(([m, ip, seen]) =>
  fixtureEvent(now, m, `event ${m}`, 'fw', { src_ip: ip, seen: String((now - seen * 60_000) / 1000) }),
);

const utc = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** The page's rule, computed here: the latest lease `min`…`max` seconds before `t` (ms), up to `n`. */
function expected(ip: string, t: number, min: number, max: number, n = 1): string[] {
  return leases
    .filter(
      ([i, m]) =>
        i === ip && (t - (now - m * 60_000)) / 1000 >= min && (t - (now - m * 60_000)) / 1000 <= max,
    )
    .sort((a, b) => a[1] - b[1])
    .slice(0, n)
    .map(([, , mac]) => mac);
}

const one = (macs: string[]): string | string[] | null =>
  macs.length === 0 ? null : macs.length === 1 ? (macs[0] ?? null) : macs;

let f: SplFixture;
before(async () => {
  f = await splFixture(now, rows, { knowledge });
  await writeLookup(
    f.store,
    'acme',
    'dhcp',
    ['ip', 'lease_time', 'mac'],
    leases.map(([ip, m, mac]) => [ip, utc(now - m * 60_000), mac]),
  );
  await writeLookup(
    f.store,
    'acme',
    'dhcp_epoch',
    ['ip', 'at', 'mac'],
    leases.map(([ip, m, mac]) => [ip, String((now - m * 60_000) / 1000), mac]),
  );
});
after(async () => f.close());

describe('time-based lookup', () => {
  test('time_format and max_offset_secs: the latest lease at or before the event, at most two hours old', async () => {
    const r = await f.spl(
      'index=main | sort - _time | lookup dhcp_leases ip AS src_ip OUTPUT mac | table src_ip mac',
      {
        earliest: '-1d',
      },
    );
    const want = [...events]
      .sort((a, b) => a[0] - b[0])
      .map(([m, ip]) => [ip, one(expected(ip, now - m * 60_000, 0, 7200))]);
    assert.deepEqual(r.rows, want);
    // Independently of the helper: the event 95 minutes ago gets the lease of 100 minutes ago, the one
    // 250 minutes ago none (the lease of 300 minutes ago is more than two hours older).
    assert.ok(want.some(([ip, mac]) => ip === '10.0.0.1' && mac === 'aa:02'));
  });

  test('the default time_format (epoch seconds) and min_offset_secs: a lease at least ten minutes older', async () => {
    const r = await f.spl(
      'index=main | sort - _time | lookup dhcp_epoch ip AS src_ip OUTPUT mac | table mac',
      {
        earliest: '-1d',
      },
    );
    assert.deepEqual(
      r.rows,
      [...events]
        .sort((a, b) => a[0] - b[0])
        .map(([m, ip]) => [one(expected(ip, now - m * 60_000, 600, 2_000_000_000))]),
    );
    // The event 5 minutes ago: the lease of 10 minutes ago is only 5 minutes older; bb:01 instead.
    assert.deepEqual(r.rows[0], ['bb:01']);
  });

  test('event_time_field: another field holds the event’s time (epoch seconds)', async () => {
    const r = await f.spl(
      'index=main | sort - _time | lookup event_time_field=seen dhcp_epoch ip AS src_ip OUTPUT mac | table mac',
      { earliest: '-1d' },
    );
    assert.deepEqual(
      r.rows,
      [...events]
        .sort((a, b) => a[0] - b[0])
        .map(([, ip, seen]) => [one(expected(ip, now - seen * 60_000, 600, 2_000_000_000))]),
    );
  });

  test('max_matches = 2: the two latest, latest first', async () => {
    const r = await f.spl(
      'index=main src_ip=10.0.0.1 | sort _time | head 1 | lookup dhcp_two ip AS src_ip OUTPUT mac | table mac',
      {
        earliest: '-1d',
      },
    );
    // The oldest event of 10.0.0.1 is 350 minutes ago: no lease before it. The newest, 39 minutes ago:
    // the leases of 40 and 100 minutes ago.
    assert.deepEqual(r.rows, [[null]]);
    const late = await f.spl(
      'index=main src_ip=10.0.0.1 | sort - _time | head 1 | lookup dhcp_two ip AS src_ip OUTPUT mac | table mac',
      {
        earliest: '-1d',
      },
    );
    assert.deepEqual(late.rows, [[['aa:03', 'aa:02']]]);
  });

  test('an automatic lookup (props.conf LOOKUP-) of a time-based definition matches at the event’s _time', async () => {
    const r = await f.spl('index=main | sort - _time | table auto_mac', { earliest: '-1d' });
    assert.deepEqual(
      r.rows,
      [...events]
        .sort((a, b) => a[0] - b[0])
        .map(([m, ip]) => [one(expected(ip, now - m * 60_000, 0, 7200))]),
    );
  });

  test('event_time_field with a lookup that is not time-based is an error at the option', async () => {
    await assert.rejects(
      f.spl('index=main | lookup event_time_field=seen plain ip AS src_ip OUTPUT mac'),
      /needs a time-based lookup/,
    );
  });
});
