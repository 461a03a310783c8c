// The IP country database loaded into chDB (an ip_trie dictionary), and `iplocation` on top of it.
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/iplocation

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadGeoip } from '../../src/geoip/load.ts';
import { geoipPackage, rangeToCidrs } from '../../src/geoip/networks.ts';
import { runSpl } from '../../src/query/service.ts';
import type { Store } from '../../src/store/index.ts';
import { fixtureEvent } from '../helpers/spl-fixture.ts';
import { openFixtureStore } from '../helpers/fixture-store.ts';

const now = Date.now();
let store: Store;
let close: () => Promise<void>;
let loaded = 0;

/** The country the package's own CSV gives `ip` (an independent reading of its ranges). */
function csvCountry(ip: string): string | undefined {
  if (!/^[0-9.]+$|:/.test(ip)) return undefined;
  const { dir } = geoipPackage();
  const v6 = ip.includes(':');
  const file = v6 ? 'geo-whois-asn-country-ipv6-num.csv' : 'geo-whois-asn-country-ipv4-num.csv';
  const value = v6 ? ipv6Number(ip) : ip.split('.').reduce((n, x) => n * 256n + BigInt(x), 0n);
  for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
    const [a, b, cc] = line.split(',');
    if (a && b && cc && BigInt(a) <= value && value <= BigInt(b)) return cc.trim();
  }
  return undefined;
}

function ipv6Number(ip: string): bigint {
  const [head = '', tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.reduce((n, g) => n * 65536n + BigInt(parseInt(g, 16)), 0n);
}

const ips = ['81.2.69.160', '1.0.0.7', '8.8.8.8', '2001:200::1', '10.1.2.3', 'not-an-ip', '81.2.69.0/24'];

before(async () => {
  ({ store, close } = await openFixtureStore(
    ips.map((ip, i) => fixtureEvent(now, i + 1, `event ${i}`, 'web01', { src_ip: ip })),
  ));
  loaded = await loadGeoip(store);
});

after(async () => {
  await close();
});

const spl = async (query: string): Promise<{ columns: string[]; rows: unknown[][] }> => {
  const r = await runSpl(store, 'acme', { query }, { nowMs: now });
  return { columns: r.columns.map((c) => c.name), rows: r.rows };
};

describe('the IP country database', () => {
  test('CIDR blocks cover a range exactly', () => {
    assert.deepEqual(rangeToCidrs(16777216n, 16777471n, 32), [[16777216n, 24]]);
    // 1.0.0.1 – 1.0.0.6: /32, /31, /31, /32
    assert.deepEqual(rangeToCidrs(16777217n, 16777222n, 32), [
      [16777217n, 32],
      [16777218n, 31],
      [16777220n, 31],
      [16777222n, 32],
    ]);
  });

  test('loads every network once; a second load of the same version loads nothing', async () => {
    assert.ok(loaded > 900_000, `${loaded} networks`);
    const r = await store.query({ sql: 'SELECT count() FROM geoip_networks', params: {} });
    assert.equal(Number(r.rows[0]?.[0]), loaded);
    assert.equal(await loadGeoip(store), 0);
  });
});

describe('iplocation', () => {
  test('Country is the name of the country the database gives; no location: no fields', async () => {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    const r = await spl('index=main | iplocation src_ip | table src_ip City Country Region lat lon');
    assert.deepEqual(r.columns, ['src_ip', 'City', 'Country', 'Region', 'lat', 'lon']);
    const expected = ips.map((ip) => {
      const cc = csvCountry(ip.split('/')[0] ?? '');
      return [ip, null, cc === undefined ? null : names.of(cc), null, null, null];
    });
    assert.deepEqual(r.rows, expected);
    // The fixture has addresses with and without a country.
    assert.ok(expected.some((row) => row[2] !== null) && expected.some((row) => row[2] === null));
  });

  test('prefix=, allfields=true and lang=', async () => {
    const r = await spl(
      'index=main src_ip="81.2.69.160" | iplocation prefix=geo_ allfields=true lang=de src_ip | table geo_City geo_Country geo_Region geo_lat geo_lon geo_Continent geo_MetroCode geo_Timezone',
    );
    assert.deepEqual(r.columns, [
      'geo_City',
      'geo_Country',
      'geo_Region',
      'geo_lat',
      'geo_lon',
      'geo_Continent',
      'geo_MetroCode',
      'geo_Timezone',
    ]);
    const cc = csvCountry('81.2.69.160');
    assert.equal(r.rows[0]?.[1], cc && new Intl.DisplayNames(['de'], { type: 'region' }).of(cc));
  });

  test('stats count by Country', async () => {
    const r = await spl('index=main | iplocation src_ip | stats count by Country | sort Country');
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    const counts = new Map<string, number>();
    for (const ip of ips) {
      const cc = csvCountry(ip.split('/')[0] ?? '');
      if (cc) counts.set(names.of(cc) ?? cc, (counts.get(names.of(cc) ?? cc) ?? 0) + 1);
    }
    assert.deepEqual(
      r.rows,
      [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, n]) => [c, n]),
    );
  });

  test('an unknown lang= is a clear error', async () => {
    await assert.rejects(spl('index=main | iplocation lang=xx src_ip'), /not a language of the IP database/);
  });
});
