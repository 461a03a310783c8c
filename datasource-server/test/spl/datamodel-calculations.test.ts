// A tenant data model's calculations on real chDB (Splunk's `calculationType` Eval, Lookup, Rex and GeoIP):
// each is a field of its dataset and of the dataset's children, read by `from datamodel:`, `datamodel …
// search`, `tstats` and `pivot`; a child's constraint sees its parent's calculated field; and an accelerated
// summary keeps it. Knowledge Manager manual, "Design data models" (Eval, Lookup, Regular expression and
// Geo IP expressions as fields of a dataset).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { compileSummaryBuild, dataModelFromJson, dataModelToJson, parseKnowledgeConf } from '@nexus/spl';
import type { DataModel, KnowledgeObjects } from '@nexus/spl';
import { loadGeoip } from '../../src/geoip/load.ts';
import { writeLookup } from '../../src/lookups/service.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

const shop = dataModelFromJson(
  JSON.stringify({
    modelName: 'Shop',
    objects: [
      {
        objectName: 'Orders',
        parentName: 'BaseEvent',
        constraints: [{ search: 'sourcetype=orders' }],
        fields: [{ fieldName: 'amount', type: 'number' }],
        calculations: [
          {
            calculationType: 'Eval',
            expression: 'if(amount>100, "large", "small")',
            outputFields: [{ fieldName: 'size', type: 'string' }],
          },
        ],
      },
      {
        objectName: 'Large',
        parentName: 'Orders',
        constraints: [{ search: 'size=large' }],
        calculations: [
          {
            calculationType: 'Eval',
            expression: 'round(amount * 0.9, 1)',
            outputFields: [{ fieldName: 'discounted', type: 'number' }],
          },
        ],
      },
    ],
  }),
);
const model = shop.model as DataModel;

// Web: the user from `_raw` (Rex), the user's department from the tenant's lookup `users` through the
// transforms.conf definition `users_def` (Lookup), the client's country (GeoIP, as `iplocation`).
const web = dataModelFromJson(
  JSON.stringify({
    modelName: 'Web',
    objects: [
      {
        objectName: 'Requests',
        parentName: 'BaseEvent',
        constraints: [{ search: 'sourcetype=web' }],
        fields: [{ fieldName: 'clientip', type: 'ipv4' }],
        calculations: [
          {
            calculationType: 'Rex',
            inputField: '_raw',
            expression: 'user=(?<user>\\w+)',
            outputFields: [{ fieldName: 'user', type: 'string' }],
          },
          {
            calculationType: 'Lookup',
            lookupName: 'users_def',
            lookupInputs: [{ inputField: 'user', lookupField: 'uid' }],
            outputFields: [{ fieldName: 'dept', lookupOutputFieldName: 'department', type: 'string' }],
          },
          {
            calculationType: 'GeoIP',
            inputField: 'clientip',
            outputFields: [
              { fieldName: 'Country', type: 'string' },
              { fieldName: 'client_city', lookupOutputFieldName: 'City', type: 'string' },
            ],
          },
        ],
      },
      {
        objectName: 'Engineering',
        parentName: 'Requests',
        constraints: [{ search: 'dept=eng' }],
      },
    ],
  }),
);
const webModel = web.model as DataModel;
const knowledge: KnowledgeObjects = {
  eventtypes: [],
  tags: [],
  props: [],
  transforms: parseKnowledgeConf('transforms', '[users_def]\nfilename = users.csv\n').objects.transforms,
  datamodels: [model, webModel],
};
const events = [
  fixtureEvent(now, 1, 'order 1', 'shop1', { amount: '50' }, { sourcetype: 'orders' }),
  fixtureEvent(now, 2, 'order 2', 'shop1', { amount: '150' }, { sourcetype: 'orders' }),
  fixtureEvent(now, 3, 'order 3', 'shop2', { amount: '300' }, { sourcetype: 'orders' }),
  fixtureEvent(now, 4, 'not an order', 'shop2', { amount: '999' }, { sourcetype: 'other' }),
  fixtureEvent(
    now,
    5,
    'GET / user=alice',
    'www',
    { clientip: '8.8.8.8', secure: '1' },
    { sourcetype: 'web' },
  ),
  fixtureEvent(
    now,
    6,
    'GET /a user=bob',
    'www',
    { clientip: '10.1.2.3', secure: 'false' },
    { sourcetype: 'web' },
  ),
  fixtureEvent(
    now,
    7,
    'GET /b user=alice',
    'www',
    { clientip: '81.2.69.160', secure: 'True' },
    { sourcetype: 'web' },
  ),
  fixtureEvent(now, 8, 'GET /c anonymous', 'www', { clientip: '8.8.8.8' }, { sourcetype: 'web' }),
  { ...fixtureEvent(now, 9, 'GET / user=alice', 'www', {}, { sourcetype: 'web' }), org_id: 'other' },
];

before(async () => {
  assert.deepEqual(shop.problems, []);
  assert.deepEqual(web.problems, []);
  fx = await splFixture(now, events, { knowledge });
  await loadGeoip(fx.store);
  await writeLookup(
    fx.store,
    'acme',
    'users',
    ['uid', 'department'],
    [
      ['alice', 'eng'],
      ['bob', 'ops'],
    ],
  );
  await writeLookup(fx.store, 'other', 'users', ['uid', 'department'], [['alice', 'other-tenant']]);
});

after(async () => {
  await fx.close();
});

describe('Eval calculations of a data model', () => {
  test('the JSON keeps them: read, written back and read again', () => {
    assert.deepEqual(model.datasets[0]?.calculations, [
      { field: 'size', expression: 'if(amount>100, "large", "small")' },
    ]);
    assert.ok(model.datasets[0]?.fields.some((f) => f.name === 'size'));
    assert.deepEqual(dataModelFromJson(JSON.stringify(dataModelToJson(model))).model, model);
  });

  test('a bad expression is a problem of the model', () => {
    const r = dataModelFromJson(
      JSON.stringify({
        modelName: 'Bad',
        objects: [
          {
            objectName: 'A',
            calculations: [
              { calculationType: 'Eval', expression: 'if(', outputFields: [{ fieldName: 'x' }] },
            ],
          },
        ],
      }),
    );
    assert.equal(r.model, undefined);
    assert.match(r.problems.join('\n'), /calculations\[0\]: its expression does not parse/);
  });

  test('from datamodel: and datamodel … search give the calculated field', async () => {
    const from = await fx.spl('| from datamodel:Shop.Orders | stats count by size | sort size');
    assert.deepEqual(from.rows, [
      ['large', 2],
      ['small', 1],
    ]);
    const dm = await fx.spl('| datamodel Shop Large search | stats sum(Large.discounted) AS d');
    assert.deepEqual(dm.rows, [[405]]);
  });

  test('tstats: a child’s constraint sees its parent’s calculated field; its own calculation is a field', async () => {
    const sizes = await fx.spl('| tstats count from datamodel=Shop.Orders by Orders.size | sort Orders.size');
    assert.deepEqual(sizes.rows, [
      ['large', 2],
      ['small', 1],
    ]);
    const large = await fx.spl(
      '| tstats count from datamodel=Shop.Large by Large.discounted | sort Large.discounted',
    );
    assert.deepEqual(large.rows, [
      [135, 1],
      [270, 1],
    ]);
  });

  test('an accelerated summary keeps the calculated fields', async () => {
    const conf = parseKnowledgeConf('datamodels', '[Shop]\nacceleration = true\n').objects;
    const accelerated = { ...knowledge, accelerations: conf.accelerations ?? [] };
    const store = fx.store;
    for (const dataset of ['Orders', 'Large']) {
      const build = compileSummaryBuild('Shop', dataset, {
        orgId: 'acme',
        earliestMs: null,
        latestMs: null,
        nowMs: now,
        knowledge: accelerated,
        indexTime: { earliestMs: null, latestMs: null },
        build: 1,
      });
      assert.ok(build.ok, JSON.stringify(build));
      if (build.ok) await store.command(build.sql, build.params);
    }
    const r = await store.query({
      sql: "SELECT dataset, toString(fields.size), toString(fields.discounted) FROM datamodel_summaries WHERE org_id = 'acme' ORDER BY dataset, toFloat64(fields.amount)",
      params: {},
    });
    assert.deepEqual(r.rows, [
      ['Large', 'large', '135'],
      ['Large', 'large', '270'],
      ['Orders', 'small', ''],
      ['Orders', 'large', ''],
      ['Orders', 'large', ''],
    ]);
  });
});

describe('Lookup, Rex and GeoIP calculations of a data model', () => {
  test('the JSON keeps them: read, written back and read again', () => {
    assert.deepEqual(webModel.datasets[0]?.calculations, [
      { kind: 'rex', input: '_raw', expression: 'user=(?<user>\\w+)', outputs: ['user'] },
      {
        kind: 'lookup',
        lookup: 'users_def',
        inputs: [{ column: 'uid', field: 'user' }],
        outputs: [{ column: 'department', field: 'dept' }],
      },
      {
        kind: 'geoip',
        input: 'clientip',
        outputs: [
          { column: 'Country', field: 'Country' },
          { column: 'City', field: 'client_city' },
        ],
      },
    ]);
    assert.deepEqual(dataModelFromJson(JSON.stringify(dataModelToJson(webModel))).model, webModel);
  });

  test('problems: a Rex regex RE2 refuses (with its position), an output that is no group, a GeoIP column', () => {
    const problems = (calculation: unknown): string =>
      dataModelFromJson(
        JSON.stringify({ modelName: 'Bad', objects: [{ objectName: 'A', calculations: [calculation] }] }),
      ).problems.join('\n');
    assert.match(
      problems({
        calculationType: 'Rex',
        expression: 'a(?=b)(?<x>c)',
        outputFields: [{ fieldName: 'x' }],
      }),
      /calculations\[0\]: at character 2 of its expression: .*lookahead/i,
    );
    assert.match(
      problems({ calculationType: 'Rex', expression: '(?<x>c)', outputFields: [{ fieldName: 'y' }] }),
      /output field `y` is not a named group/,
    );
    assert.match(
      problems({ calculationType: 'GeoIP', inputField: 'ip', outputFields: [{ fieldName: 'zip' }] }),
      /GeoIP output `zip` must be one of `lat`, `lon`, `City`, `Country`, `Region`/,
    );
    assert.match(
      problems({ calculationType: 'Lookup', lookupName: 'x', outputFields: [{ fieldName: 'y' }] }),
      /a Lookup calculation needs/,
    );
  });

  test('from datamodel: the Rex groups, the lookup’s column (the tenant’s table) and the country', async () => {
    const r = await fx.spl(
      '| from datamodel:Web.Requests | sort _time | table user dept Country client_city clientip',
    );
    assert.deepEqual(r.rows, [
      [null, null, 'United States', null, '8.8.8.8'],
      ['alice', 'eng', 'United Kingdom', null, '81.2.69.160'],
      ['bob', 'ops', null, null, '10.1.2.3'],
      ['alice', 'eng', 'United States', null, '8.8.8.8'],
    ]);
    // The GeoIP calculation gives what `iplocation` gives.
    const ipl = await fx.spl('sourcetype=web | iplocation clientip | sort _time | table Country');
    assert.deepEqual(
      ipl.rows.map((x) => x[0]),
      r.rows.map((x) => x[2]),
    );
  });

  test('tstats and a child’s constraint on the Lookup’s output', async () => {
    const byDept = await fx.spl(
      '| tstats count from datamodel=Web.Requests by Requests.dept | sort Requests.dept',
    );
    assert.deepEqual(byDept.rows, [
      ['eng', 2],
      ['ops', 1],
    ]);
    const eng = await fx.spl(
      '| tstats dc(Requests.Country) AS countries count from datamodel=Web.Engineering by Requests.user',
    );
    assert.deepEqual(eng.rows, [['alice', 2, 2]]);
  });

  test('pivot splits by a Rex field and a GeoIP field (rows without either are left out)', async () => {
    const r = await fx.spl(
      '| pivot Web Requests count(Requests) AS n SPLITROW user SPLITROW Country | sort user',
    );
    assert.deepEqual(r.rows, [
      ['alice', 'United Kingdom', 1],
      ['alice', 'United States', 1],
    ]);
  });

  // Search Reference, datamodel: the `*_string` modes return the search a mode runs. Nexus's string is its
  // own SPL, checked here by running it: the same events as the mode.
  test('flat_string: the search that gives the flat events, which gives them when run', async () => {
    const s = await fx.spl('| datamodel Web Requests flat_string | table search');
    const text = String(s.rows[0]?.[0]);
    assert.equal(
      text,
      'search sourcetype=web | rex field=_raw "user=(?<user>\\\\w+)" | lookup users uid AS user OUTPUT department AS dept | iplocation prefix=__geo_ clientip | eval Country=__geo_Country, client_city=__geo_City | fields - __geo_lat, __geo_lon, __geo_City, __geo_Country, __geo_Region',
    );
    const columns = '| sort _time | table user dept Country client_city clientip';
    const run = await fx.spl(`${text} ${columns}`);
    assert.deepEqual(run.rows, (await fx.spl(`| datamodel Web Requests flat ${columns}`)).rows);
    assert.equal(run.rows.length, 4);
  });

  test('search_string names the fields <Dataset>.<field>; a child adds its constraint', async () => {
    const s = await fx.spl('| datamodel Web Engineering search_string | table search');
    const text = String(s.rows[0]?.[0]);
    assert.match(text, /\| search dept=eng \| eval Requests\.clientip=clientip, Requests\.user=user, /);
    const columns = '| sort _time | table Requests.user Requests.dept Requests.Country';
    const run = await fx.spl(`${text} ${columns}`);
    assert.deepEqual(run.rows, [
      ['alice', 'eng', 'United Kingdom'],
      ['alice', 'eng', 'United States'],
    ]);
    assert.deepEqual(run.rows, (await fx.spl(`| datamodel Web Engineering search ${columns}`)).rows);
  });

  test('acceleration_search_string keeps the fields a summary holds; acceleration_search gives those events', async () => {
    const s = await fx.spl('| datamodel Web Requests acceleration_search_string | table search');
    const text = String(s.rows[0]?.[0]);
    assert.match(
      text,
      / \| fields _time, index, host, source, sourcetype, clientip, user, dept, Country, client_city$/,
    );
    const events = await fx.spl('| datamodel Web Requests acceleration_search | sort _time');
    const run = await fx.spl(`${text} | sort _time`);
    assert.deepEqual(events.rows, run.rows);
    assert.equal(events.rows.length, 4);
    // Only the summary's fields: the event's own `secure` is not one of the dataset's.
    assert.ok(!events.columns.includes('secure'), events.columns.join(','));
    await assert.rejects(
      fx.spl('| datamodel Web Engineering acceleration_search'),
      /works on root datasets only: `Engineering` is a child of `Requests`/,
    );
  });

  test('the lookup command reads a transforms.conf lookup definition’s table', async () => {
    const r = await fx.spl('| makeresults | eval uid="bob" | lookup users_def uid OUTPUT department');
    assert.deepEqual(
      r.rows.map((x) => x[x.length - 1]),
      ['ops'],
    );
  });
});

// Search Reference, pivot: `SPLITROW <field> [RANGE start= end= max= size=] [PERIOD <unit>] [TRUELABEL <l>]
// [FALSELABEL <l>]` (and the same options on SPLITCOL). Ranges and periods are the bins `bin` makes.
describe('pivot split options', () => {
  test('RANGE size= or max=: the split field in numeric bins, as `bin span=` or `bins=` makes them', async () => {
    const r = await fx.spl(
      '| pivot Shop Orders count(Orders) AS n SPLITROW amount AS "Amount" RANGE size=100',
    );
    assert.deepEqual(r.columns, ['Amount', 'n']);
    assert.deepEqual(r.rows, [
      ['0-100', 1],
      ['100-200', 1],
      ['300-400', 1],
    ]);
    // max=: at most that many bins, as `bin bins=` chooses their size (a power of 10: 100 here, the values
    // spanning 250); the cell reads the field's own values, not the bins.
    const max = await fx.spl('| pivot Shop Orders sum(amount) AS s SPLITROW amount RANGE max=3');
    assert.deepEqual(max.rows, [
      ['0-100', 50],
      ['100-200', 150],
      ['300-400', 300],
    ]);
  });

  test('RANGE start= / end=: values outside [start, end] are dropped, as chart’s bin options do', async () => {
    // Search Reference, chart (bins options): "Data outside of the [start, end] range is discarded".
    const from = await fx.spl(
      '| pivot Shop Orders count(Orders) AS n SPLITROW amount RANGE start=100 end=400 size=100',
    );
    assert.deepEqual(from.rows, [
      ['100-200', 1],
      ['300-400', 1],
    ]);
    const to = await fx.spl('| pivot Shop Orders sum(amount) AS s SPLITROW amount RANGE size=100 end=200');
    assert.deepEqual(to.rows, [
      ['0-100', 50],
      ['100-200', 150],
    ]);
    // A bound is inclusive: 300 stays with end=300.
    const edge = await fx.spl(
      '| pivot Shop Orders count(Orders) AS n SPLITROW amount RANGE start=150 end=300 size=100',
    );
    assert.deepEqual(edge.rows, [
      ['100-200', 1],
      ['300-400', 1],
    ]);
    // start=/end= alone: bin's automatic bins over the values kept; one value (50) is a bin of 1.
    const auto = await fx.spl('| pivot Shop Orders count(Orders) AS n SPLITROW amount RANGE start=0 end=100');
    assert.deepEqual(auto.rows, [['50-51', 1]]);
  });

  // Search Reference, pivot: "(LIMIT <limit expression>)* … (COLSUMMARY <true | false>)*" — the page does not
  // say what the COLSUMMARY row covers under a LIMIT. In the Pivot editor a limit is one of the filters, and
  // the column totals are over the filtered events: the rows shown.
  // https://help.splunk.com/splunk-cloud-platform/spl-search-reference/10.0.2503/search-commands/pivot
  test('COLSUMMARY with LIMIT: the totals row is over the events of the rows the limit keeps', async () => {
    // shop1 has 2 orders (50, 150), shop2 one (300): the top host by count is shop1, and the ALL row
    // averages its orders (100), not all three (500 / 3).
    const r = await fx.spl(
      '| pivot Shop Orders avg(amount) AS a, count(Orders) AS n SPLITROW host LIMIT host BY top 1 count(Orders) COLSUMMARY true',
    );
    assert.deepEqual(r.columns, ['host', 'a', 'n']);
    assert.deepEqual(r.rows, [
      ['shop1', 100, 2],
      ['ALL', 100, 2],
    ]);
    // Binned and labelled rows: the two bins with the largest sums (300-400, 100-200); the totals row is
    // over their 2 orders.
    const binned = await fx.spl(
      '| pivot Shop Orders count(Orders) AS n, sum(amount) AS s SPLITROW amount AS Amount RANGE size=100 LIMIT amount BY top 2 sum(amount) COLSUMMARY true',
    );
    assert.deepEqual(binned.columns, ['Amount', 'n', 's']);
    assert.deepEqual(binned.rows, [
      ['300-400', 1, 300],
      ['100-200', 1, 150],
      ['ALL', 2, 450],
    ]);
    assert.equal(binned.sql.split(';').filter((x) => x.trim() !== '').length, 1);
  });

  // Search Reference, pivot: ROWSUMMARY / COLSUMMARY. An average shows the totals are the statistic over the
  // events of the row (or of all rows), not a sum of the cells.
  test('ROWSUMMARY / COLSUMMARY totals are the cell statistic over the row’s (all) events', async () => {
    const r = await fx.spl(
      '| pivot Shop Orders avg(amount) AS a SPLITROW host SPLITCOL size ROWSUMMARY true COLSUMMARY true',
    );
    assert.deepEqual(r.columns, ['host', 'large', 'small', 'ALL']);
    // shop1: 50 (small) and 150 (large); shop2: 300 (large).
    assert.deepEqual(r.rows, [
      ['shop1', 150, 50, 100],
      ['shop2', 300, null, 300],
      ['ALL', 225, 50, 500 / 3],
    ]);
    // Binned rows: the ALL row after the bins; ROWSUMMARY without a column split has nothing to total.
    const binned = await fx.spl(
      '| pivot Shop Orders count(Orders) AS n SPLITROW amount RANGE size=100 ROWSUMMARY true COLSUMMARY true',
    );
    assert.deepEqual(binned.columns, ['amount', 'n']);
    assert.deepEqual(binned.rows, [
      ['0-100', 1],
      ['100-200', 1],
      ['300-400', 1],
      ['ALL', 3],
    ]);
    // Several column splits (one binned): a column per combination, `<size>: <amount bin>`.
    const cols = await fx.spl(
      '| pivot Shop Orders count(Orders) SPLITROW host SPLITCOL size SPLITCOL amount RANGE size=100',
    );
    assert.deepEqual(cols.columns, ['host', 'large: 100-200', 'large: 300-400', 'small: 0-100']);
    assert.deepEqual(cols.rows, [
      ['shop1', 1, 0, 1],
      ['shop2', 0, 1, 0],
    ]);
  });

  test('PERIOD: the time split in calendar periods, the rows of bin span=<period> then stats', async () => {
    const r = await fx.spl('| pivot Shop Orders count(Orders) AS n SPLITROW _time PERIOD hour');
    const same = await fx.spl('| from datamodel:Shop.Orders | bin _time span=1h | stats count AS n by _time');
    assert.deepEqual(r.rows, same.rows);
    assert.equal(
      r.rows.reduce((sum, row) => sum + Number(row[1]), 0),
      3,
    );
  });

  test('TRUELABEL / FALSELABEL: a Boolean field’s values as labels; a SPLITCOL takes them too', async () => {
    const r = await fx.spl(
      '| pivot Web Requests count(Requests) AS n SPLITROW secure AS "Secure" TRUELABEL Yes FALSELABEL No',
    );
    assert.deepEqual(r.rows, [
      ['No', 1],
      ['Yes', 2],
    ]);
    const cols = await fx.spl(
      '| pivot Web Requests count(Requests) AS n SPLITROW user SPLITCOL secure TRUELABEL on FALSELABEL off',
    );
    assert.deepEqual(cols.columns, ['user', 'off', 'on']);
    assert.deepEqual(cols.rows, [
      ['alice', 0, 2],
      ['bob', 1, 0],
    ]);
  });

  test('a RANGE without options, or an unknown PERIOD, is a syntax error at the word', async () => {
    await assert.rejects(
      fx.spl('| pivot Shop Orders count(Orders) SPLITROW amount RANGE'),
      /expected `start=`, `end=`, `max=` or `size=` after `RANGE`/,
    );
    await assert.rejects(
      fx.spl('| pivot Shop Orders count(Orders) SPLITROW _time PERIOD fortnight'),
      /expected a period \(auto, year, month, day, hour, minute, second\), found `fortnight`/,
    );
  });
});
