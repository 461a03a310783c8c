// Benchmark: SPL through POST /query/spl against hand-written SQL on the same client and data.
// Generates BENCH_ROWS realistic log events (default 10 M) in a temporary chDB directory, then runs each
// query shape alternately as SPL and as SQL and prints the median time of each and their ratio. BENCH_SHAPES=a,b runs
// only the named shapes (e.g. `BENCH_SHAPES=delta,accum`); BENCH_ROWS and BENCH_ROUNDS size the run.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/app.ts';
import { createTokenService } from '../src/auth/tokens.ts';
import { loadConfig } from '../src/config.ts';
import { Batcher } from '../src/ingest/batcher.ts';
import { createStore, runMigrations } from '../src/store/index.ts';

const rows = Number(process.env.BENCH_ROWS ?? 10_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const token = '00000000-0000-4000-8000-00000000bench';

interface Shape {
  readonly name: string;
  readonly spl: string;
  /**
   * The SQL a ClickHouse expert would write for the same result ({org}, {from}, {to} bound).
   * A structured field is compared as `toString(fields.x) = 'v'`: `fields` is JSON fed by many agents, and
   * the shorter `fields.x = 'v'` throws on ClickHouse as soon as one event holds a Bool or a list there
   * ("Cannot parse boolean value"), so no one can ship it. Both are still looser than Splunk's `x=v`,
   * which SPL compiles (numbers, `503.0`, multivalue).
   */
  readonly sql: string;
  /** Also timed and printed: the shortest SQL, which is only right while every value of the field is a string. */
  readonly naiveSql?: string;
}

const range =
  "org_id = {org:String} AND _time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND _time < fromUnixTimestamp64Milli({to:Int64}, 'UTC')";

const shapes: readonly Shape[] = [
  {
    name: 'term search',
    spl: 'index=main timeout | head 100',
    sql: `SELECT _time, index, host, source, sourcetype, _raw, fields FROM logs WHERE ${range} AND index = 'main' AND hasToken(lower(_raw), 'timeout') ORDER BY _time DESC LIMIT 100`,
  },
  {
    name: 'field filter',
    spl: 'index=main status=503 | stats count',
    sql: `SELECT count() FROM logs WHERE ${range} AND index = 'main' AND toString(fields.status) = '503'`,
    naiveSql: `SELECT count() FROM logs WHERE ${range} AND index = 'main' AND fields.status = '503'`,
  },
  {
    name: 'stats by',
    spl: 'index=main | stats count, avg(bytes) by host',
    sql: `SELECT host, count(), avg(toFloat64OrNull(fields.bytes::Nullable(String))) FROM logs WHERE ${range} AND index = 'main' GROUP BY host ORDER BY host`,
  },
  {
    name: 'timechart',
    spl: 'index=main | timechart span=1h count',
    sql: `SELECT toStartOfHour(_time) AS t, count() FROM logs WHERE ${range} AND index = 'main' GROUP BY t ORDER BY t WITH FILL STEP INTERVAL 1 HOUR`,
  },
  {
    name: 'timechart by',
    spl: 'index=main | timechart span=1h count by host',
    // The 10 busiest hosts and OTHER per hour (rows, not yet columns: the expert stops at the long form).
    sql: `SELECT toStartOfHour(_time) AS t, if(host IN (SELECT host FROM logs WHERE ${range} AND index = 'main' GROUP BY host ORDER BY count() DESC, host LIMIT 10), host, 'OTHER') AS h, count() FROM logs WHERE ${range} AND index = 'main' GROUP BY t, h ORDER BY t WITH FILL STEP INTERVAL 1 HOUR`,
  },
  {
    name: 'top',
    spl: 'index=main | top 10 user',
    sql: `SELECT fields.user::Nullable(String) AS u, count() AS c, c * 100 / sum(c) OVER () FROM logs WHERE ${range} AND index = 'main' AND u IS NOT NULL GROUP BY u ORDER BY c DESC LIMIT 10`,
  },
  {
    name: 'dedup',
    spl: 'index=main | dedup host | table host status',
    // The latest status per host, newest host first: argMax is the expert's form (LIMIT 1 BY after a
    // full sort is about 15x slower).
    sql: `SELECT host, argMax(fields.status::Nullable(String), _time) FROM logs WHERE ${range} AND index = 'main' GROUP BY host ORDER BY max(_time) DESC`,
  },
  {
    name: 'eventstats',
    spl: 'index=main status=500 | eventstats count AS n by host | head 100 | table host n',
    sql: `SELECT host, count() OVER (PARTITION BY host) AS n FROM logs WHERE ${range} AND index = 'main' AND toString(fields.status) = '500' ORDER BY _time DESC LIMIT 100`,
  },
  {
    name: 'rex + stats',
    spl: 'index=main status=404 | rex "(?<method>GET|POST|PUT) " | stats count by method',
    sql: `SELECT extract(_raw, '(GET|POST|PUT) ') AS m, count() FROM logs WHERE ${range} AND index = 'main' AND toString(fields.status) = '404' AND m != '' GROUP BY m ORDER BY m`,
  },
  {
    name: 'subsearch',
    spl: 'index=main [search index=main status=503 timeout | head 50 | fields user] | stats count',
    sql: `SELECT count() FROM logs WHERE ${range} AND index = 'main' AND fields.user::Nullable(String) IN (SELECT fields.user::Nullable(String) FROM logs WHERE ${range} AND index = 'main' AND toString(fields.status) = '503' AND hasToken(lower(_raw), 'timeout') ORDER BY _time DESC LIMIT 50)`,
  },
  {
    name: 'join',
    spl: 'index=main status=500 | stats count by user | join user [search index=main status=404 | stats count AS n404 by user] | head 100',
    sql: `SELECT l.u, l.c, r.n FROM (SELECT fields.user::Nullable(String) AS u, count() AS c FROM logs WHERE ${range} AND index = 'main' AND toString(fields.status) = '500' AND u IS NOT NULL GROUP BY u) AS l ANY INNER JOIN (SELECT fields.user::Nullable(String) AS u, count() AS n FROM logs WHERE ${range} AND index = 'main' AND toString(fields.status) = '404' AND u IS NOT NULL GROUP BY u) AS r ON l.u = r.u ORDER BY l.u LIMIT 100`,
  },
  {
    name: 'sort + head',
    spl: 'index=main | sort -bytes | head 10 | table host bytes',
    sql: `SELECT host, fields.bytes::Nullable(String) AS b FROM logs WHERE ${range} AND index = 'main' ORDER BY toFloat64OrNull(b) DESC NULLS LAST LIMIT 10`,
  },
  {
    name: 'delta',
    spl: 'index=main | delta bytes AS d | head 100 | table _time host d',
    // The change from the previous event with a number, newest first: lagInFrame over those events.
    sql: `SELECT _time, host, b - lagInFrame(b, 1, NULL) OVER (PARTITION BY b IS NULL ORDER BY _time DESC ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS d FROM (SELECT _time, host, toFloat64OrNull(fields.bytes::Nullable(String)) AS b FROM logs WHERE ${range} AND index = 'main') ORDER BY _time DESC LIMIT 100`,
  },
  {
    name: 'accum',
    spl: 'index=main | accum bytes AS total | head 100 | table _time total',
    sql: `SELECT _time, if(b IS NULL, NULL, sum(b) OVER (ORDER BY _time DESC ROWS UNBOUNDED PRECEDING)) AS total FROM (SELECT _time, toFloat64OrNull(fields.bytes::Nullable(String)) AS b FROM logs WHERE ${range} AND index = 'main') ORDER BY _time DESC LIMIT 100`,
  },
  {
    name: 'transaction',
    spl: 'index=main | transaction user maxpause=5m | stats count, avg(duration), avg(eventcount)',
    // Sessionization: a new session per user after a pause over 5 minutes (no session here reaches
    // transaction's default maxevents=1000, so the cap is left out).
    sql: `SELECT count(), avg(d), avg(c) FROM (
            SELECT (max(t) - min(t)) / 1000 AS d, count() AS c FROM (
              SELECT u, t, sum(brk) OVER (PARTITION BY u ORDER BY t DESC ROWS UNBOUNDED PRECEDING) AS s FROM (
                SELECT fields.user::Nullable(String) AS u, toUnixTimestamp64Milli(_time) AS t,
                       lagInFrame(t, 1, t) OVER (PARTITION BY u ORDER BY t DESC ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) - t > 300000 AS brk
                FROM logs WHERE ${range} AND index = 'main' AND u IS NOT NULL))
            GROUP BY u, s)`,
  },
  {
    name: 'tstats',
    spl: '| tstats count WHERE index=main BY host',
    sql: `SELECT host, count() FROM logs WHERE ${range} AND index = 'main' GROUP BY host ORDER BY host`,
  },
  {
    name: 'tstats span',
    spl: '| tstats count WHERE index=main BY _time span=1h',
    sql: `SELECT toStartOfHour(_time) AS t, count() FROM logs WHERE ${range} AND index = 'main' GROUP BY t ORDER BY t`,
  },
  {
    name: 'multisearch',
    // The merge itself: the subsearches' filters are a term and an indexed field (a structured field's
    // `x=v` costs what the 'field filter' shape measures, with or without multisearch).
    spl: '| multisearch [search index=main timeout] [search index=main host=web7] | stats count by host',
    sql: `SELECT host, count() FROM (
            SELECT host FROM logs WHERE ${range} AND index = 'main' AND hasToken(lower(_raw), 'timeout')
            UNION ALL
            SELECT host FROM logs WHERE ${range} AND index = 'main' AND lowerUTF8(host) = 'web7')
          GROUP BY host ORDER BY host`,
  },
  {
    name: 'multisearch events',
    spl: '| multisearch [search index=main timeout] [search index=main host=web7] | head 100',
    // The events of both searches, newest first (each side is read whole: a UNION ALL has no read order).
    sql: `SELECT * FROM (
            SELECT _time, index, host, source, sourcetype, _raw, fields FROM logs WHERE ${range} AND index = 'main' AND hasToken(lower(_raw), 'timeout')
            UNION ALL
            SELECT _time, index, host, source, sourcetype, _raw, fields FROM logs WHERE ${range} AND index = 'main' AND lowerUTF8(host) = 'web7')
          ORDER BY _time DESC LIMIT 100`,
  },
];

/** `BENCH_SHAPES=tstats,multisearch`: only the shapes whose names start with one of these. */
const only = (process.env.BENCH_SHAPES ?? '').split(',').filter((x) => x !== '');

/** Milliseconds of one search through `POST /query/spl` over `[fromMs, toMs)`, its answer read whole. */
export async function timeSpl(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  token: string,
  query: string,
  fromMs: number,
  toMs: number,
): Promise<number> {
  const t = performance.now();
  const res = await app.request('/query/spl', {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, earliest: String(fromMs / 1000), latest: String(toMs / 1000) }),
  });
  if (res.status !== 200) throw new Error(`${query}: ${res.status} ${await res.text()}`);
  await res.json();
  return performance.now() - t;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

export async function runQueryBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-bench-'));
  const config = loadConfig({ NEXUS_DATA_DIR: dir, NEXUS_ADMIN_TOKEN: token });
  const store = await createStore(config);
  try {
    await runMigrations(store, { retentionDays: config.retentionDays });
    const tokens = createTokenService({ store });
    await tokens.bootstrap(config.adminToken);
    const batcher = new Batcher({ store, ...config.batch });
    const app = createApp({ config, store, tokens, batcher });
    const now = Date.now();
    const from = now - 7 * 86_400_000;
    const started = performance.now();
    // Realistic access logs over the last 7 days: 50 hosts, 5 statuses, 1,000 users, a few error words.
    await store.command(
      `INSERT INTO logs (org_id, index, _time, host, source, sourcetype, _raw, fields)
       SELECT 'default', 'main', fromUnixTimestamp64Milli(toInt64({from:Int64} + (number * 7919) % (7 * 86400000)), 'UTC'),
              concat('web', toString(number % 50)), '/var/log/access.log', 'access_combined',
              concat(['GET', 'POST', 'PUT'][number % 3 + 1], ' /api/v', toString(number % 7), ' status=', st, ' bytes=', toString(number % 5000),
                     ' user=u', toString(number % 1000), if(number % 97 = 0, ' upstream timeout', '')),
              CAST(toJSONString(map('status', st, 'bytes', toString(number % 5000), 'user', concat('u', toString(number % 1000)))) AS JSON)
       FROM (SELECT number, ['200', '200', '200', '404', '500', '503'][number % 6 + 1] AS st FROM numbers({rows:UInt64}))`,
      { from, rows },
    );
    console.log(
      `\n${rows.toLocaleString('en')} events generated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const params = { org: 'default', from, to: now + 60_000 };
    console.log(
      `${'shape'.padEnd(18)} ${'SPL ms'.padStart(9)} ${'SQL ms'.padStart(9)} ${'ratio'.padStart(7)}`,
    );
    const ratios: number[] = [];
    for (const shape of shapes.filter((x) => only.length === 0 || only.some((o) => x.name.startsWith(o)))) {
      const spl: number[] = [];
      const sql: number[] = [];
      const naive: number[] = [];
      for (let i = 0; i < rounds + 1; i++) {
        const splMs = await timeSpl(app, token, shape.spl, from, now + 60_000);
        let t = performance.now();
        await store.query({ sql: shape.sql, params });
        const sqlMs = performance.now() - t;
        let naiveMs = 0;
        if (shape.naiveSql !== undefined) {
          t = performance.now();
          await store.query({ sql: shape.naiveSql, params });
          naiveMs = performance.now() - t;
        }
        if (i > 0) {
          // The first round warms caches for both.
          spl.push(splMs);
          sql.push(sqlMs);
          naive.push(naiveMs);
        }
      }
      const ratio = median(spl) / median(sql);
      ratios.push(ratio);
      console.log(
        `${shape.name.padEnd(18)} ${median(spl).toFixed(1).padStart(9)} ${median(sql).toFixed(1).padStart(9)} ${ratio.toFixed(2).padStart(7)}`,
      );
      if (shape.naiveSql !== undefined) {
        console.log(
          `${'  naive SQL'.padEnd(18)} ${''.padStart(9)} ${median(naive).toFixed(1).padStart(9)} ${(median(spl) / median(naive)).toFixed(2).padStart(7)}   (fields.status = '503': throws on a Bool or list value)`,
        );
      }
    }
    console.log(`median ratio SPL / hand-written SQL: ${median(ratios).toFixed(2)} (target ≤ 1.2 per shape)`);
    await batcher.close();
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
