// `geostats` on real chDB: statistics per geographic bin at each zoom level, with the bins' mean position.
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/geostats

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
const points = [
  { lat: 37.77, lon: -122.42, bytes: 100 }, // San Francisco
  { lat: 37.33, lon: -121.89, bytes: 300 }, // San José
  { lat: 48.85, lon: 2.35, bytes: 50 }, // Paris
];
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    ...points.map((p, i) =>
      fixtureEvent(now, i + 1, `e${i}`, 'web01', {
        lat: String(p.lat),
        lon: String(p.lon),
        bytes: String(p.bytes),
      }),
    ),
    // No position: in no bin.
    fixtureEvent(now, 9, 'nowhere', 'web01', { bytes: '7' }),
  ]);
});

after(async () => {
  await fx.close();
});

/** The bins Splunk's algorithm gives (rows and columns of span / 2^zoom degrees), computed here directly. */
function expected(maxZoom: number, spanLat: number, spanLong: number): unknown[][] {
  const bins = new Map<
    string,
    { z: number; y: number; x: number; lats: number[]; lons: number[]; bytes: number[] }
  >();
  for (const p of points)
    for (let z = 0; z <= maxZoom; z++) {
      const y = Math.floor((p.lat + 90) / (spanLat / 2 ** z));
      const x = Math.floor((p.lon + 180) / (spanLong / 2 ** z));
      const key = `bin_id_zl_${z}_y_${y}_x_${x}`;
      const b = bins.get(key) ?? { z, y, x, lats: [], lons: [], bytes: [] };
      b.lats.push(p.lat);
      b.lons.push(p.lon);
      b.bytes.push(p.bytes);
      bins.set(key, b);
    }
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  return [...bins]
    .sort(([, a], [, b]) => a.z - b.z || a.y - b.y || a.x - b.x)
    .map(([key, b]) => [key, mean(b.lats), mean(b.lons), b.lats.length, b.bytes.reduce((a, c) => a + c, 0)]);
}

const close = (actual: unknown[][], want: unknown[][]): void => {
  assert.equal(actual.length, want.length, JSON.stringify(actual));
  actual.forEach((row, i) =>
    row.forEach((v, j) => {
      const w = want[i]?.[j];
      if (typeof w === 'number') assert.ok(Math.abs(Number(v) - w) < 1e-9, `${String(v)} ≠ ${w} (row ${i})`);
      else assert.equal(v, w);
    }),
  );
};

describe('geostats', () => {
  test('count and sum per bin at zoom levels 0 to 2, with the mean position (latfield/longfield defaults)', async () => {
    const r = await fx.spl('index=main | geostats maxzoomlevel=2 count sum(bytes) AS bytes');
    assert.deepEqual(r.columns, ['geobin', 'latitude', 'longitude', 'count', 'bytes']);
    close(r.rows, expected(2, 22.5, 45));
  });

  test('latfield=, longfield=, binspanlat=/binspanlong=, outputlatfield=/outputlongfield=', async () => {
    const r = await fx.spl(
      'index=main | eval y=lat, x=lon | geostats latfield=y longfield=x binspanlat=10 binspanlong=20 maxzoomlevel=0 outputlatfield=la outputlongfield=lo count sum(bytes) AS bytes',
    );
    assert.deepEqual(r.columns, ['geobin', 'la', 'lo', 'count', 'bytes']);
    close(r.rows, expected(0, 10, 20));
  });

  test('the default zoom levels: 0 to 9', async () => {
    const r = await fx.spl('index=main | geostats count sum(bytes) AS bytes');
    close(r.rows, expected(9, 22.5, 45));
  });

  test('BY <field>: one column per value (as chart makes them), with the bin and its mean position', async () => {
    const r = await fx.spl(
      'index=main | eval kind=if(bytes > 60, "big", "small") | geostats maxzoomlevel=0 count BY kind',
    );
    assert.deepEqual(r.columns, ['geobin', 'latitude', 'longitude', 'big', 'small']);
    // Zoom 0: San Francisco and San José share a bin (both big); Paris is alone (small).
    const want = expected(0, 22.5, 45).map((row) => {
      const inBin = points.filter(
        (p) =>
          `bin_id_zl_0_y_${Math.floor((p.lat + 90) / 22.5)}_x_${Math.floor((p.lon + 180) / 45)}` === row[0],
      );
      const big = inBin.filter((p) => p.bytes > 60).length;
      const small = inBin.length - big;
      // An empty cell of a count is 0, as chart gives it.
      return [row[0], row[1], row[2], big, small];
    });
    close(
      [...r.rows].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      want.sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });

  test('field names that would change the generated search are refused', async () => {
    // A field name that would change the generated search is refused, not spliced in.
    await assert.rejects(fx.spl('index=main | geostats latfield="a|b" count'), /field names with quotes/);
  });
});
