// Benchmark: `tstats` over a data model, from the events and from the accelerated summary, each against the
// SQL a ClickHouse expert would write for it, measured alternately in the same run. BENCH_DM_ROWS events
// (default 2 M, a tenth of them web requests tagged `web`, the rest other traffic) over 7 days. The events are
// timed before the Web model is accelerated; then it is accelerated through datamodels.conf (its view
// created, the events backfilled) and the summary is timed, read alone (`summariesonly=t`) and as Splunk's
// default (`summariesonly=f`: the summary plus the events it does not cover, none once backfilled). The
// insert of BENCH_DM_INSERT_ROWS more events into `logs` is timed without the view and with it.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/app.ts';
import { createTokenService } from '../src/auth/tokens.ts';
import { loadConfig } from '../src/config.ts';
import { Batcher } from '../src/ingest/batcher.ts';
import { DataModelSummarizer } from '../src/knowledge/acceleration.ts';
import { createKnowledgeService } from '../src/knowledge/service.ts';
import { createStore, runMigrations } from '../src/store/index.ts';
import { median, timeSpl } from './queries.ts';

const rows = Number(process.env.BENCH_DM_ROWS ?? 2_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const token = '00000000-0000-4000-8000-0000000dmbench';

const range =
  "org_id = {org:String} AND _time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND _time < fromUnixTimestamp64Milli({to:Int64}, 'UTC')";
const summary = `${range} AND model = 'Web' AND dataset = 'Web'`;

const insertRows = Number(process.env.BENCH_DM_INSERT_ROWS ?? 200_000);

const eventsSql = `SELECT toString(fields.dest) AS d, count() FROM logs WHERE ${range} AND has(fields.tag.:\`Array(Nullable(String))\`, 'web') AND toString(fields.status) = '503' GROUP BY d ORDER BY d`;
const summarySql = `SELECT toString(fields.dest) AS d, count() FROM datamodel_summaries WHERE ${summary} AND toString(fields.status) = '503' GROUP BY d ORDER BY d`;

/** Each shape is timed in its phase: `events` before the model is accelerated, the others after. */
const shapes = [
  {
    name: 'events',
    accelerated: false,
    spl: '| tstats summariesonly=f count from datamodel=Web where Web.status=503 by Web.dest',
    sql: eventsSql,
  },
  {
    name: 'summary (=t)',
    accelerated: true,
    spl: '| tstats summariesonly=t count from datamodel=Web where Web.status=503 by Web.dest',
    sql: summarySql,
  },
  {
    name: 'summary (=f)',
    accelerated: true,
    spl: '| tstats summariesonly=f count from datamodel=Web where Web.status=503 by Web.dest',
    sql: summarySql,
  },
] as const;

/** `n` more events like the benchmark's, indexed now (the view, when there is one, sees them). */
const insertSql = `INSERT INTO logs (org_id, index, _time, host, source, sourcetype, _raw, fields)
  SELECT 'default', 'main', fromUnixTimestamp64Milli(toInt64({from:Int64} + (number * 7919) % (7 * 86400000)), 'UTC'),
         concat('web', toString(number % 50)), 'proxy', if(web, 'squid:access', 'syslog'), concat('GET /q ', st),
         CAST(concat('{', if(web, '"tag":["web"],', ''), '"dest":"app', toString(number % 20), '","status":"', st, '"}') AS JSON)
  FROM (SELECT number, number % 10 = 0 AS web, ['200', '404', '503'][number % 3 + 1] AS st FROM numbers({n:UInt64}))`;

export async function runDataModelBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-dm-bench-'));
  const config = loadConfig({ NEXUS_DATA_DIR: dir, NEXUS_ADMIN_TOKEN: token });
  const store = await createStore(config);
  try {
    await runMigrations(store, { retentionDays: config.retentionDays });
    const tokens = createTokenService({ store });
    await tokens.bootstrap(config.adminToken);
    const batcher = new Batcher({ store, ...config.batch });
    const knowledge = createKnowledgeService(store);
    const app = createApp({ config, store, tokens, batcher, knowledge });
    const now = Date.now();
    const from = now - 7 * 86_400_000;
    await store.command(
      `INSERT INTO logs (org_id, index, _time, host, source, sourcetype, _raw, fields, _indextime)
       SELECT 'default', 'main', fromUnixTimestamp64Milli(toInt64({from:Int64} + (number * 7919) % (7 * 86400000)), 'UTC'),
              concat('web', toString(number % 50)), 'proxy', if(web, 'squid:access', 'syslog'),
              concat('GET /p', toString(number % 97), ' ', st),
              CAST(concat('{', if(web, '"tag":["web"],', ''), '"dest":"app', toString(number % 20), '","status":"', st,
                          '","url":"/p', toString(number % 97), '"}') AS JSON),
              fromUnixTimestamp64Milli({before:Int64}, 'UTC')
       FROM (SELECT number, number % 10 = 0 AS web, ['200', '200', '404', '503'][intDiv(number, 10) % 4 + 1] AS st FROM numbers({rows:UInt64}))`,
      { from, rows, before: now - 120_000 },
    );
    const params = { org: 'default', from, to: now + 60_000 };
    const spl: Record<string, number> = {};
    const header = (): void =>
      console.log(
        `${'tstats from'.padEnd(18)} ${'SPL ms'.padStart(9)} ${'SQL ms'.padStart(9)} ${'ratio'.padStart(7)}`,
      );
    const time = async (shape: (typeof shapes)[number]): Promise<void> => {
      const splMs: number[] = [];
      const sqlMs: number[] = [];
      for (let i = 0; i < rounds + 1; i++) {
        const a = await timeSpl(app, token, shape.spl, from, now + 60_000);
        const t = performance.now();
        await store.query({ sql: shape.sql, params });
        const b = performance.now() - t;
        if (i > 0) {
          splMs.push(a);
          sqlMs.push(b);
        }
      }
      spl[shape.name] = median(splMs);
      console.log(
        `${shape.name.padEnd(18)} ${median(splMs).toFixed(1).padStart(9)} ${median(sqlMs).toFixed(1).padStart(9)} ${(median(splMs) / median(sqlMs)).toFixed(2).padStart(7)}`,
      );
    };
    const insert = async (): Promise<number> => {
      const t = performance.now();
      await store.command(insertSql, { from, n: insertRows });
      return performance.now() - t;
    };
    console.log(`\ndata models: ${rows.toLocaleString('en')} events`);
    header();
    for (const shape of shapes) if (!shape.accelerated) await time(shape);
    const plainInsert = median([await insert(), await insert(), await insert()]);

    const put = await knowledge.put('default', 'datamodels', '[Web]\nacceleration = true\n');
    if (put.errors.length > 0) throw new Error(JSON.stringify(put.errors));
    const t0 = performance.now();
    const built = await new DataModelSummarizer({
      store,
      knowledge: (org) => knowledge.objects(org),
      maxExecutionSeconds: 600,
      // The events are all indexed: no wait, so the backfill reaches the view's start in this round.
      lagMs: 0,
    }).run();
    const buildS = (performance.now() - t0) / 1000;
    const viewedInsert = median([await insert(), await insert(), await insert()]);
    const kept = await store.query({ sql: 'SELECT count() FROM datamodel_summaries', params: {} });
    console.log(
      `Web summary of ${Number(kept.rows[0]?.[0]).toLocaleString('en')} rows: view created and backfilled in ${buildS.toFixed(1)} s (${built.builds} statements)`,
    );
    header();
    for (const shape of shapes) if (shape.accelerated) await time(shape);
    console.log(
      `summary / events (SPL): =t ${((spl['summary (=t)'] ?? 0) / (spl['events'] ?? 1)).toFixed(2)}, =f ${((spl['summary (=f)'] ?? 0) / (spl['events'] ?? 1)).toFixed(2)} (below 1: the summary is faster)`,
    );
    console.log(
      `insert of ${insertRows.toLocaleString('en')} events into logs: ${plainInsert.toFixed(0)} ms without the view, ${viewedInsert.toFixed(0)} ms with it (x${(viewedInsert / plainInsert).toFixed(2)})`,
    );
    await batcher.close();
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
