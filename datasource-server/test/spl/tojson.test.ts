// `tojson` on real chDB: each result's fields as one JSON object in `_raw`, typed by the data type functions.
// Search Reference 9.4, tojson: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/tojson

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

before(async () => {
  fx = await splFixture(now, [
    fixtureEvent(now, 1, 'a', 'h1', { bytes: '1024', ok: 'true', tags: 'a,b', doc: '{"k":1}' }),
    fixtureEvent(now, 2, 'b', 'h2', { bytes: 'n/a', ok: 'no' }),
  ]);
});

after(async () => {
  await fx.close();
});

const objects = (rows: unknown[][]): unknown[] => rows.map((r) => JSON.parse(String(r[0])) as unknown);

describe('tojson', () => {
  test('the page example: every field of the results, numbers as numbers; a missing field is left out', async () => {
    const r = await fx.spl('index=main | table host, bytes, ok | tojson | table _raw');
    assert.deepEqual(
      r.rows.map((x) => x[0]),
      ['{"host":"h1","bytes":1024,"ok":"true"}', '{"host":"h2","bytes":"n/a","ok":"no"}'],
    );
  });

  test('the page example: str(), num() and bool() typing, fill_null=true, output_field=', async () => {
    const r = await fx.spl(
      'index=main | tojson str(bytes) num(host) bool(ok) str(missing) fill_null=true output_field=j | table j',
    );
    assert.deepEqual(objects(r.rows), [
      { bytes: '1024', host: null, ok: true, missing: null },
      { bytes: 'n/a', host: null, ok: false, missing: null },
    ]);
  });

  test('json() and auto(), a multivalue field as an array, wildcards after table, default_type=', async () => {
    const r = await fx.spl(
      'index=main | head 1 | eval tags=split(tags, ",") | table host, bytes, ok, tags, doc | tojson json(doc) auto(o*) str(bytes) tags | table _raw',
    );
    // Only the named fields.
    assert.deepEqual(objects(r.rows), [{ doc: { k: 1 }, ok: true, bytes: '1024', tags: ['a', 'b'] }]);
    const d = await fx.spl('index=main | head 1 | table host, bytes | tojson default_type=str | table _raw');
    assert.deepEqual(objects(d.rows), [{ host: 'h1', bytes: '1024' }]);
  });

  test('internal fields only with include_internal=true', async () => {
    const r = await fx.spl(
      'index=main | head 1 | table _time, host | tojson include_internal=true | table _raw',
    );
    const [o] = objects(r.rows) as { _time: unknown; host: unknown }[];
    assert.equal(o?.host, 'h1');
    assert.equal(typeof o?._time, 'number');
  });

  test('no field list over raw events: every field of the event, structured ones by name', async () => {
    // The page: "If no fields are specified, tojson converts all of the fields of an event" (internal ones
    // only with include_internal=true); default_type=none writes numbers as numbers.
    const r = await fx.spl('index=main | eval n=len(_raw) | tojson | table _raw');
    assert.deepEqual(objects(r.rows), [
      {
        index: 'main',
        host: 'h1',
        source: '/var/log/app.log',
        sourcetype: 'app',
        n: 1,
        bytes: 1024,
        doc: '{"k":1}',
        ok: 'true',
        tags: 'a,b',
      },
      {
        index: 'main',
        host: 'h2',
        source: '/var/log/app.log',
        sourcetype: 'app',
        n: 1,
        bytes: 'n/a',
        ok: 'no',
      },
    ]);
    // num(): the structured fields typed alike; a value that is not a number is left out.
    const typed = await fx.spl('index=main | tojson default_type=num output_field=j | table j');
    assert.deepEqual(
      typed.rows.map((x) => (JSON.parse(String(x[0])) as Record<string, unknown>).bytes ?? null),
      [1024, null],
    );
  });

  test('no field list over raw events after fillnull and replace: the fields as they left them', async () => {
    const r = await fx.spl(
      'index=main | fillnull value=NA | replace n/a with unknown | tojson output_field=j | table j',
    );
    const fields = r.rows.map((x) => {
      const o = JSON.parse(String(x[0])) as Record<string, unknown>;
      return [o.bytes, o.ok, o.tags ?? null];
    });
    assert.deepEqual(fields, [
      [1024, 'true', 'a,b'],
      ['unknown', 'no', 'NA'],
    ]);
  });

  test('no field list over raw events after a wildcard rename or extract: every field as it is then', async () => {
    // rename b* AS c*: bytes → cytes; the page: "all fields" of each result when none is listed.
    const renamed = await fx.spl('index=main | rename b* AS c* | tojson | table _raw');
    assert.deepEqual(objects(renamed.rows), [
      {
        index: 'main',
        host: 'h1',
        source: '/var/log/app.log',
        sourcetype: 'app',
        cytes: 1024,
        doc: '{"k":1}',
        ok: 'true',
        tags: 'a,b',
      },
      { index: 'main', host: 'h2', source: '/var/log/app.log', sourcetype: 'app', cytes: 'n/a', ok: 'no' },
    ]);
    // extract: the pair of the text is a field tojson writes.
    const extracted = await fx.spl('index=main | eval _raw="k=v" | extract | tojson | table _raw');
    assert.deepEqual(
      objects(extracted.rows).map((o) => (o as Record<string, unknown>).k),
      ['v', 'v'],
    );
  });

  test('an unknown data type is an error', async () => {
    await assert.rejects(fx.spl('index=main | tojson text(host)'), /not a tojson data type/);
    await assert.rejects(fx.spl('index=main | tojson host default_type=text'), /default_type/);
  });
});
