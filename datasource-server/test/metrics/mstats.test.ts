// mstats on the embedded `metrics` table: rows from real chDB against Splunk's numbers computed in JS,
// the tenant's data only; and the query service's routing to VictoriaMetrics (with a stub HTTP client).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Hono } from 'hono';
import type { AuthEnv } from '../../src/auth/index.ts';
import { createQueryRouter } from '../../src/query/routes.ts';
import { compile } from '@nexus/spl';
import { parseMacrosConf } from '@nexus/spl';
import { runSpl, QueryInputError } from '../../src/query/service.ts';
import { generateSamples, metricsStore, oracle, range, sameRows, shapes } from '../helpers/metric-samples.ts';

const samples = generateSamples();
const { store } = metricsStore(samples);
const nowMs = range.latestMs;

describe('mstats rows on chDB', () => {
  for (const shape of shapes) {
    test(shape.spl, async () => {
      const r = compile(`| mstats ${shape.spl}`, { orgId: 'acme', ...range, nowMs });
      assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
      const result = await store().query({ sql: r.sql.sql, params: r.sql.params, tenant: 'acme' });
      const expected = oracle(samples, { ...shape, ...range });
      assert.ok(expected.length > 0, 'the shape selects some samples');
      sameRows(result.rows, expected, shape.spl);
    });
  }

  test('no samples, no row (as on VictoriaMetrics), also without BY or span', async () => {
    for (const q of [
      '| mstats count(cpu.usage) avg(cpu.usage) WHERE index=none',
      '| mstats count(nothing) WHERE index=*',
    ]) {
      const r = compile(q, { orgId: 'acme', ...range, nowMs });
      assert.ok(r.ok);
      const result = await store().query({ sql: r.sql.sql, params: r.sql.params, tenant: 'acme' });
      assert.deepEqual(result.rows, [], q);
    }
  });

  // Search Reference 9.4, Statistical and charting functions, Time functions: rate_avg and rate_sum are the
  // average and the sum of the rates of the time series of a counter, each rate (latest - earliest) /
  // (latest_time - earliest_time) of that series.
  test('rate_avg and rate_sum: per-series rates, averaged and summed, by host', async () => {
    const r = compile(
      '| mstats rate_avg(cpu.usage) rate_sum(cpu.usage) rate(cpu.usage) WHERE index=* BY host',
      {
        orgId: 'acme',
        ...range,
        nowMs,
      },
    );
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    const result = await store().query({ sql: r.sql.sql, params: r.sql.params, tenant: 'acme' });
    const inRange = samples.filter(
      (x) =>
        x.org_id === 'acme' &&
        x.metric_name === 'cpu.usage' &&
        x.ms >= range.earliestMs &&
        x.ms < range.latestMs,
    );
    const byHost = new Map<string, Map<string, typeof inRange>>();
    // BY host leaves out the samples without a host; a series is an index, metric and set of dimensions.
    for (const x of inRange) {
      const host = x.labels.host;
      if (host === undefined) continue;
      const key = JSON.stringify([x.index, Object.entries(x.labels).sort()]);
      const series = byHost.get(host) ?? new Map<string, typeof inRange>();
      series.set(key, [...(series.get(key) ?? []), x]);
      byHost.set(host, series);
    }
    assert.ok(byHost.size > 0);
    for (const [host, series] of byHost) {
      const rates = [...series.values()].flatMap((points) => {
        const sorted = [...points].sort((a, b) => a.ms - b.ms);
        const first = sorted[0];
        const last = sorted[sorted.length - 1];
        return first && last && last.ms > first.ms
          ? [((last.value - first.value) * 1000) / (last.ms - first.ms)]
          : [];
      });
      const row = result.rows.find((x) => x[0] === host);
      assert.ok(row, host);
      const sum = rates.reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(Number(row[2]) - sum) <= 1e-9 * Math.max(1, Math.abs(sum)), `${host} sum`);
      const avg = sum / rates.length;
      assert.ok(Math.abs(Number(row[1]) - avg) <= 1e-9 * Math.max(1, Math.abs(avg)), `${host} avg`);
    }
  });

  test('rate_avg outside mstats says where it works', () => {
    const r = compile('index=main | stats rate_avg(x)', { orgId: 'acme', ...range, nowMs });
    assert.ok(!r.ok);
    assert.match(r.errors.map((e) => e.message).join(), /works only in `mstats`/);
  });

  test('another tenant sees only its own samples', async () => {
    const r = compile('| mstats count(_value) WHERE metric_name=*', { orgId: 'globex', ...range, nowMs });
    assert.ok(r.ok);
    const result = await store().query({ sql: r.sql.sql, params: r.sql.params, tenant: 'globex' });
    const expected = samples.filter(
      (s) => s.org_id === 'globex' && s.ms >= range.earliestMs && s.ms < range.latestMs,
    ).length;
    assert.equal(Number(result.rows[0]?.[0]), expected);
  });

  test('commands after mstats continue on the SQL path', async () => {
    const res = await runSpl(
      store(),
      'acme',
      {
        query:
          '| mstats avg(cpu.usage) AS cpu WHERE index=metrics BY host | where cpu > 0 | sort - cpu | head 2',
        earliest: range.earliestMs / 1000,
        latest: range.latestMs / 1000,
      },
      { nowMs },
    );
    assert.deepEqual(
      res.columns.map((c) => c.name),
      ['host', 'cpu'],
    );
    assert.equal(res.rows.length, 2);
    const cpu = res.rows.map((r) => Number(r[1]));
    assert.ok((cpu[0] ?? 0) >= (cpu[1] ?? 0));
  });
});

describe('mstats diagnostics', () => {
  const errors = (q: string): { code: string; message: string; at: string }[] => {
    const r = compile(q, { orgId: 'acme', ...range, nowMs });
    return r.ok
      ? []
      : r.errors.map((e) => ({ code: e.code, message: e.message, at: q.slice(e.span.start, e.span.end) }));
  };
  test('prestats=true is unsupported at its span', () => {
    assert.deepEqual(
      errors('| mstats prestats=true avg(cpu) WHERE index=m BY host').map((e) => [e.code, e.at]),
      [['unsupported', 'prestats=true']],
    );
  });
  test('other options are unsupported at their span', () => {
    const e = errors('| mstats chart=true append=t avg(cpu) WHERE index=m');
    assert.deepEqual(
      e.map((x) => [x.code, x.at]),
      [
        ['unsupported', 'chart=true'],
        ['unsupported', 'append=t'],
      ],
    );
  });
  test('a wildcard metric, a mixed form, a bare term, an unknown function', () => {
    assert.deepEqual(
      errors('| mstats rate(cpu.*) WHERE index=m').map((e) => [e.code, e.message, e.at]),
      [
        [
          'unsupported',
          'a wildcard metric name is supported with count, sum, avg, min, max and stdev, not `rate`',
          'rate',
        ],
      ],
    );
    assert.deepEqual(
      errors('| mstats avg(cpu.*) AS c WHERE index=m').map((e) => [e.code, e.at]),
      [['semantic', 'c']],
    );
    assert.equal(errors('| mstats avg(cpu) max(_value) WHERE metric_name=cpu')[0]?.code, 'semantic');
    assert.deepEqual(
      errors('| mstats avg(cpu) WHERE index=m error').map((e) => [e.code, e.at]),
      [['semantic', 'error']],
    );
    assert.deepEqual(
      errors('| mstats dc(cpu) WHERE index=m').map((e) => [e.code, e.at]),
      [['unsupported', 'dc']],
    );
    assert.deepEqual(
      errors('| mstats avg(cpu) WHERE index=m span=1mon').map((e) => e.code),
      ['semantic'],
    );
  });
  test('reserved names', () => {
    assert.deepEqual(
      errors('| mstats avg(cpu) AS org_id WHERE index=m').map((e) => e.code),
      ['semantic'],
    );
    assert.deepEqual(
      errors('| mstats avg(cpu) AS _fields WHERE index=m').map((e) => e.code),
      ['semantic'],
    );
    assert.deepEqual(
      errors('| mstats avg(cpu) AS __x WHERE index=m').map((e) => e.code),
      ['semantic'],
    );
    assert.deepEqual(
      errors('| mstats avg(cpu) WHERE index=m BY __g0').map((e) => e.code),
      ['semantic'],
    );
  });
});

describe('mstats with METRICS_URL', () => {
  const calls: string[] = [];
  const stub: typeof fetch = (input) => {
    const url = String(input);
    calls.push(url);
    const range = url.includes('query_range');
    const result = range
      ? [
          {
            metric: { host: 'a' },
            values: [
              [1704880800 + 300, '2'],
              [1704880800 + 600, 'NaN'],
            ],
          },
        ]
      : [{ metric: { host: 'a' }, value: [1704884400, '5'] }];
    return Promise.resolve(
      new Response(
        JSON.stringify({ status: 'success', data: { resultType: range ? 'matrix' : 'vector', result } }),
      ),
    );
  };
  const backend = { url: 'http://vm.test', fetch: stub };

  test('runs as PromQL, honours the range, shows what ran', async () => {
    calls.length = 0;
    const res = await runSpl(
      store(),
      'acme',
      {
        query: '| mstats avg(cpu.usage) WHERE index=metrics BY host span=5m',
        earliest: 1704880800,
        latest: 1704881400,
      },
      { nowMs, metrics: backend },
    );
    assert.equal(calls.length, 1);
    const url = new URL(calls[0] ?? '');
    assert.equal(url.pathname, '/api/v1/query_range');
    assert.equal(url.searchParams.get('start'), '1704881100.000');
    assert.equal(url.searchParams.get('end'), '1704881400.000');
    assert.equal(url.searchParams.get('step'), '5m');
    assert.match(url.searchParams.get('query') ?? '', /org_id="acme"/);
    assert.deepEqual(
      res.columns.map((c) => c.name),
      ['_time', 'host', 'avg(cpu.usage)'],
    );
    assert.deepEqual(res.rows, [
      ['2024-01-10 10:00:00.000', 'a', 2],
      ['2024-01-10 10:05:00.000', 'a', null],
    ]);
    assert.equal(res.meta.promql?.length, 1);
    assert.equal(res.meta.sql, '');
  });

  test('a command after mstats is unsupported at its name', async () => {
    await assert.rejects(
      runSpl(
        store(),
        'acme',
        { query: '| mstats avg(cpu) WHERE index=m | eval x=1' },
        { nowMs, metrics: backend },
      ),
      (err: unknown) =>
        err instanceof QueryInputError && err.errors.some((e) => e.code === 'unsupported' && e.column === 35),
    );
  });

  test('a diagnostic after a macro points at the query as written', async () => {
    const { registry } = parseMacrosConf(
      '[cpu_metrics]\ndefinition = index=metrics metric_name=cpu.*\n',
      'm.conf',
    );
    const query = '| mstats avg(_value) WHERE `cpu_metrics` | eval x=1';
    await assert.rejects(
      runSpl(store(), 'acme', { query }, { nowMs, metrics: backend, macros: registry }),
      (err: unknown) =>
        err instanceof QueryInputError &&
        err.errors.length === 1 &&
        err.errors[0]?.code === 'unsupported' &&
        err.errors[0].column === query.indexOf('eval') + 1,
    );
  });

  test('a wildcard metric name is unsupported on PromQL at its aggregation, fine on SQL', async () => {
    const query = '| mstats avg(cpu.*) AS c_* WHERE index=metrics';
    await assert.rejects(
      runSpl(store(), 'acme', { query }, { nowMs, metrics: backend }),
      (err: unknown) =>
        err instanceof QueryInputError &&
        err.errors.length === 1 &&
        err.errors[0]?.message === '`c_*`: a wildcard metric name is not supported with METRICS_URL' &&
        err.errors[0].column === query.indexOf('avg') + 1,
    );
    const res = await runSpl(store(), 'acme', { query }, { nowMs });
    assert.deepEqual(
      res.columns.map((c) => c.name),
      ['c_idle', 'c_usage'],
    );
  });

  test('perc is unsupported on PromQL, fine on SQL', async () => {
    const q = { query: '| mstats perc95(cpu.usage) WHERE index=metrics' };
    await assert.rejects(runSpl(store(), 'acme', q, { nowMs, metrics: backend }), QueryInputError);
    const res = await runSpl(store(), 'acme', q, { nowMs });
    assert.equal(res.rows.length, 1);
  });
});

describe('POST /query/spl with a metrics backend', () => {
  const app = (metrics?: { url: string; fetch: typeof fetch }) => {
    const a = new Hono<AuthEnv>();
    a.use('*', async (c, next) => {
      c.set('identity', { orgId: 'acme', role: 'viewer', subject: 'test', via: 'token' });
      await next();
    });
    a.route('/query', createQueryRouter({ store: store(), ...(metrics ? { metrics } : {}) }));
    return a;
  };
  const post = (a: ReturnType<typeof app>, query: string) =>
    a.request('/query/spl', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, earliest: range.earliestMs / 1000, latest: range.latestMs / 1000 }),
    });

  test('mstats goes to VictoriaMetrics; meta.promql shows the requests', async () => {
    const seen: string[] = [];
    const stub: typeof fetch = (input) => {
      seen.push(String(input));
      return Promise.resolve(
        new Response(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } })),
      );
    };
    const res = await post(
      app({ url: 'http://vm.test', fetch: stub }),
      '| mstats sum(cpu.usage) WHERE index=metrics',
    );
    assert.equal(res.status, 200);
    const body = (await res.json()) as { meta: { promql: string[]; sql: string } };
    assert.equal(seen.length, 1);
    assert.deepEqual(body.meta.promql, [seen[0]?.replace('http://vm.test', '').replace('&nocache=1', '')]);
    assert.equal(body.meta.sql, '');
  });

  test('without a metrics backend, mstats runs as SQL', async () => {
    const res = await post(app(), '| mstats sum(cpu.usage) WHERE index=metrics');
    assert.equal(res.status, 200);
    const body = (await res.json()) as { meta: { sql: string }; rows: unknown[][] };
    assert.match(body.meta.sql, /FROM `metrics`/);
    assert.equal(body.rows.length, 1);
  });

  test('VictoriaMetrics down or refusing: 503 with Retry-After', async () => {
    const down: typeof fetch = () => Promise.reject(new Error('connect ECONNREFUSED'));
    const res = await post(
      app({ url: 'http://vm.test', fetch: down }),
      '| mstats sum(cpu.usage) WHERE index=metrics',
    );
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '5');
    const refusing: typeof fetch = () =>
      Promise.resolve(new Response(JSON.stringify({ status: 'error', error: 'bad query' }), { status: 422 }));
    const res2 = await post(
      app({ url: 'http://vm.test', fetch: refusing }),
      '| mstats sum(cpu.usage) WHERE index=metrics',
    );
    assert.equal(res2.status, 503);
  });

  test('an mstats the PromQL path cannot run is a 400 with the position', async () => {
    const res = await post(
      app({ url: 'http://vm.test', fetch }),
      '| mstats perc95(cpu.usage) WHERE index=metrics',
    );
    assert.equal(res.status, 400);
    const body = (await res.json()) as { errors: { code: string; column: number }[] };
    assert.deepEqual(
      body.errors.map((e) => [e.code, e.column]),
      [['unsupported', 10]],
    );
  });
});

// Search Reference, mstats: a wildcard in a metric name aggregates each matching metric apart, one column
// per metric, named by the AS pattern (its `*` the metric's match) or `avg(<metric>)` (ESCU: `mstats
// avg(tcp.*) as tcp.* … by k8s.cluster.name …`). The columns are those the explicit aggregations give.
describe('mstats over a wildcard metric name', () => {
  const run = async (query: string) => {
    const r = await runSpl(
      store(),
      'acme',
      { query, earliest: range.earliestMs / 1000, latest: range.latestMs / 1000, limit: 1000 },
      { nowMs },
    );
    const names = r.columns.map((c) => c.name);
    return r.rows.map((row) => Object.fromEntries(names.map((n, i) => [n, row[i]])));
  };

  test('one column per matching metric, as the explicit aggregations give them', async () => {
    const wild = await run(
      '| mstats avg(cpu.*) AS c_* stdev(cpu.*) WHERE index=metrics BY host span=10m | sort host _time',
    );
    const explicit = await run(
      '| mstats avg(cpu.idle) AS c_idle avg(cpu.usage) AS c_usage stdev(cpu.idle) AS "stdev(cpu.idle)" stdev(cpu.usage) AS "stdev(cpu.usage)" WHERE index=metrics BY host span=10m | sort host _time',
    );
    assert.ok(explicit.length > 10);
    assert.deepEqual(wild, explicit);
    assert.deepEqual(Object.keys(wild[0] ?? {}).sort(), [
      '_time',
      'c_idle',
      'c_usage',
      'host',
      'stdev(cpu.idle)',
      'stdev(cpu.usage)',
    ]);
  });

  // Search Reference, join: the subsearch's fields join the matched results, overwriting same-named ones
  // unless overwrite=false; type=left keeps results without a match as they are.
  test('join of two wildcard mstats: the series merge as the explicit columns do', async () => {
    const pairs = [
      [
        '| mstats avg(cpu.*) AS c_* WHERE index=metrics BY host | join type=left host [| mstats max(cpu.*) AS m_* WHERE index=metrics host=web-01 BY host]',
        '| mstats avg(cpu.idle) AS c_idle avg(cpu.usage) AS c_usage WHERE index=metrics BY host | join type=left host [| mstats max(cpu.idle) AS m_idle max(cpu.usage) AS m_usage WHERE index=metrics host=web-01 BY host]',
      ],
      [
        '| mstats avg(cpu.*) AS c_* WHERE index=metrics BY host | join host [| mstats max(cpu.*) AS c_* WHERE index=metrics BY host]',
        '| mstats avg(cpu.idle) AS c_idle avg(cpu.usage) AS c_usage WHERE index=metrics BY host | join host [| mstats max(cpu.idle) AS c_idle max(cpu.usage) AS c_usage WHERE index=metrics BY host]',
      ],
      [
        '| mstats avg(cpu.*) AS c_* WHERE index=metrics BY host | join overwrite=f host [| mstats max(cpu.*) AS c_* max(mem.*) AS c_* WHERE index=metrics BY host]',
        '| mstats avg(cpu.idle) AS c_idle avg(cpu.usage) AS c_usage WHERE index=metrics BY host | join overwrite=f host [| mstats max(cpu.idle) AS c_idle max(cpu.usage) AS c_usage max(mem.used) AS c_used WHERE index=metrics BY host]',
      ],
    ];
    for (const [wild = '', explicit = ''] of pairs) {
      const w = await run(`${wild} | sort host`);
      const e = await run(`${explicit} | sort host`);
      assert.equal(e.length, 3, explicit);
      assert.deepEqual(w, e, wild);
    }
  });

  // Search Reference, foreach: <<MATCHSTR>> is what the wildcard matched, <<FIELD>> the field's name; the
  // subsearch runs for each matching field in turn (ESCU's Kubernetes anomaly searches, corpus #121).
  test('foreach over the series with <<MATCHSTR>>: a fold in name order, as over the explicit columns', async () => {
    const step =
      "eval anomalies=if('<<MATCHSTR>>' > ('avg_<<MATCHSTR>>' - 0.5 * '<<FIELD>>'), anomalies + \"<<MATCHSTR>>=\" + tostring(round('<<MATCHSTR>>', 2)) + \", \", anomalies)";
    const wild = await run(
      `| mstats avg(cpu.*) AS cpu.* WHERE index=metrics BY host | join type=left host [| mstats avg(cpu.*) AS avg_cpu.* stdev(cpu.*) AS stdev_cpu.* WHERE index=metrics BY host] | eval anomalies="" | foreach stdev_* [${step}] | table host anomalies | sort host`,
    );
    const explicit = await run(
      `| mstats avg(cpu.idle) AS cpu.idle avg(cpu.usage) AS cpu.usage avg(cpu.idle) AS avg_cpu.idle avg(cpu.usage) AS avg_cpu.usage stdev(cpu.idle) AS stdev_cpu.idle stdev(cpu.usage) AS stdev_cpu.usage WHERE index=metrics BY host | eval anomalies="" | foreach stdev_* [${step}] | table host anomalies | sort host`,
    );
    assert.equal(explicit.length, 3);
    assert.match(String(explicit[0]?.anomalies), /^cpu\.idle=[\d.]+, cpu\.usage=[\d.]+, $/);
    assert.deepEqual(wild, explicit);
  });

  // Search Reference, foreach: <<MATCHSEG1>>/<<MATCHSEG2>> are what the first and second wildcards matched.
  test('foreach over the series with two wildcards, <<MATCHSEGn>> and <<MATCHSTR>>: as over the explicit columns', async () => {
    const step =
      'eval out=out . "<<MATCHSEG1>>/<<MATCHSEG2>>|<<MATCHSTR>>=" . tostring(round(\'<<FIELD>>\', 2)) . ";"';
    const wild = await run(
      `| mstats avg(cpu.*) AS avg_cpu.* WHERE index=metrics BY host | eval out="" | foreach avg_*.* [${step}] | table host out | sort host`,
    );
    const explicit = await run(
      `| mstats avg(cpu.idle) AS avg_cpu.idle avg(cpu.usage) AS avg_cpu.usage WHERE index=metrics BY host | eval out="" | foreach avg_*.* [${step}] | table host out | sort host`,
    );
    assert.equal(explicit.length, 3);
    assert.match(String(explicit[0]?.out), /^cpu\/idle\|cpu\.idle=[\d.]+;cpu\/usage\|cpu\.usage=[\d.]+;$/);
    assert.deepEqual(wild, explicit);
  });

  test("ESCU's Kubernetes anomaly search (corpus #121, on cpu.* and mem.*): as over the explicit columns", async () => {
    const rest = `| eval anomalies = "" | foreach stdev_* [ eval anomalies =if( '<<MATCHSTR>>' > ('avg_<<MATCHSTR>>' + 0.1 * 'stdev_<<MATCHSTR>>'), anomalies + "<<MATCHSTR>> higher than average by " + tostring(round(('<<MATCHSTR>>' - 'avg_<<MATCHSTR>>')/'stdev_<<MATCHSTR>>' ,2)) + " Standard Deviations. <<MATCHSTR>>=" + tostring('<<MATCHSTR>>') + " avg_<<MATCHSTR>>=" + tostring('avg_<<MATCHSTR>>') + " 'stdev_<<MATCHSTR>>'=" + tostring('stdev_<<MATCHSTR>>') + ", " , anomalies) ] | fillnull | eval anomalies = split(replace(anomalies, ",\\s$", "") ,", ") | where anomalies!="" | stats count(anomalies) as count values(anomalies) as anomalies by dc host | where count > 1 | rename dc as cluster`;
    const key = `| eval key='dc' + ":" + 'host'`;
    const wild = await run(
      `| mstats avg(cpu.*) as cpu.* avg(mem.*) as mem.* where index=metrics by dc host span=10m ${key} | join type=left key [ mstats avg(cpu.*) as avg_cpu.* avg(mem.*) as avg_mem.* stdev(cpu.*) as stdev_cpu.* avg(mem.*) as stdev_mem.* where index=metrics by dc host ${key} ] ${rest}`,
    );
    const explicit = await run(
      `| mstats avg(cpu.idle) as cpu.idle avg(cpu.usage) as cpu.usage avg(mem.used) as mem.used where index=metrics by dc host span=10m ${key} | join type=left key [ mstats avg(cpu.idle) as avg_cpu.idle avg(cpu.usage) as avg_cpu.usage avg(mem.used) as avg_mem.used stdev(cpu.idle) as stdev_cpu.idle stdev(cpu.usage) as stdev_cpu.usage avg(mem.used) as stdev_mem.used where index=metrics by dc host ${key} ] ${rest}`,
    );
    assert.equal(explicit.length, 3);
    assert.ok(explicit.every((r) => Number(r.count) > 1));
    assert.deepEqual(wild, explicit);
  });

  test('later commands read a metric column by name', async () => {
    const rows = await run(
      '| mstats max(cpu.*) AS * count(cpu.*) AS n_* WHERE index=metrics BY host | eval twice=usage * 2 | table host usage twice n_usage',
    );
    const explicit = await run(
      '| mstats max(cpu.usage) AS usage count(cpu.usage) AS n_usage WHERE index=metrics BY host | eval twice=usage * 2 | table host usage twice n_usage',
    );
    assert.equal(rows.length, 3);
    assert.deepEqual(rows, explicit);
  });
});
