// Golden corpus: each test/queries/*.spl compiled to its IR, SQL and parameters (and PromQL for mstats), all in one loop.
// A leading `#` line in a .spl file is a comment. Regenerate with UPDATE_SNAPSHOTS=1 after checking the diff.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { compile } from '../src/compile.ts';
import { toPromQL } from '../src/backends/promql/lower.ts';
import type { Diagnostic } from '../src/diagnostics.ts';
import { promRequests } from '../src/backends/promql/requests.ts';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'queries');
// Fixed inputs, so the files do not change from run to run.
const now = Date.UTC(2024, 0, 10, 12, 0, 0);
// The lookup tables the golden queries use (the Search Reference's examples).
const lookups = new Map([
  ['usertogroup', ['user', 'domain', 'group']],
  ['prices_lookup', ['productId', 'price', 'vendorId']],
  ['allowlist', ['clientip']],
  ['users', ['user', 'department']],
  ['baseline', ['user', 'apiCalls']],
  ['dhcp', ['ip', 'lease_time', 'mac']],
  ['iocs', ['ioc']],
]);
// tags.conf for the `tags` queries: `[host=www1]` and `[status=404]` stanzas.
const knowledge = {
  eventtypes: [],
  tags: [
    { field: 'host', value: 'www1', tags: ['web', 'prod'] },
    { field: 'status', value: '404', tags: ['error'] },
  ],
  props: [],
  // A time-based lookup definition (transforms.conf `time_field`), for `lookup-time-based`.
  transforms: [
    {
      name: 'dhcp_leases',
      filename: 'dhcp.csv',
      sourceKey: '_raw',
      time: { field: 'lease_time', format: '%Y-%m-%d %H:%M:%S', maxOffsetSecs: 86_400, minOffsetSecs: 0 },
    },
  ],
};
// A DensityFunction model the `apply` and `summary` queries read, as `fit … into` saves it.
const models = new Map([
  [
    'hourly_count',
    {
      algorithm: 'DensityFunction' as const,
      field: 'count',
      by: ['host'],
      dist: 'norm' as const,
      threshold: { kind: 'threshold' as const, area: 0.01 },
      groups: [
        { key: ['web01'], cardinality: 168, mean: 120, std: 15, min: 70, max: 190 },
        { key: ['web02'], cardinality: 168, mean: 40, std: 6, min: 22, max: 61 },
      ],
    },
  ],
]);
const options = {
  orgId: 'acme',
  models,
  knowledge,
  earliestMs: now - 86_400_000,
  latestMs: now,
  nowMs: now,
  maxRows: 10_000,
  lookups,
};

/** The IR as stable JSON: spans left out (they are tested with the parser). */
function dumpIr(value: unknown): string {
  return `${JSON.stringify(value, (key, v: unknown) => (key === 'span' ? undefined : v), 2)}\n`;
}

function checkFile(file: string, actual: string): void {
  if (process.env.UPDATE_SNAPSHOTS === '1' || !fs.existsSync(file)) {
    if (process.env.CI === 'true') assert.fail(`golden file ${path.basename(file)} is missing in CI`);
    fs.writeFileSync(file, actual);
  }
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `${path.basename(file)} changed`);
}

describe('golden queries', () => {
  const queries = fs.readdirSync(dir).filter((f) => f.endsWith('.spl'));
  test('there are golden queries', () => assert.ok(queries.length >= 15));
  for (const name of queries) {
    test(name, () => {
      const text = fs
        .readFileSync(path.join(dir, name), 'utf8')
        .split('\n')
        .filter((l) => !l.startsWith('#'))
        .join('\n')
        .trim();
      const r = compile(text, options);
      assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
      const base = path.join(dir, name.replace(/\.spl$/, ''));
      checkFile(`${base}.ir.json`, dumpIr(r.plan.rel));
      checkFile(`${base}.sql`, `${r.sql.sql}\n`);
      checkFile(`${base}.params.json`, `${JSON.stringify(r.sql.params, null, 2)}\n`);
      // `fit … into`: the statement that computes the saved model's groups.
      r.saves?.forEach((save, i) => {
        checkFile(`${base}.save${String(i)}.sql`, `${save.sql}\n${JSON.stringify(save.params, null, 2)}\n`);
      });
      // `outputlookup` before the end of the search: the statement of the rows it writes, and where.
      r.writes?.forEach((write, i) => {
        const output = r.plan.writes?.[i]?.output;
        checkFile(
          `${base}.write${String(i)}.sql`,
          `${JSON.stringify(output && { ...output, span: undefined })}\n${write.sql}\n${JSON.stringify(write.params, null, 2)}\n`,
        );
      });
      // `erex` not learned yet: the statement of its trainers.
      r.trainings?.forEach((train, i) => {
        checkFile(
          `${base}.train${String(i)}.sql`,
          `${train.sql}\n${JSON.stringify(train.params, null, 2)}\n`,
        );
      });
      // A subsearch returning `search` or `query`: what it returns and how, and the statement of its rows.
      r.texts?.forEach((t, i) => {
        const at = r.plan.texts?.[i];
        checkFile(
          `${base}.text${String(i)}.sql`,
          `${JSON.stringify(at && { source: at.source, columns: at.columns, format: at.format })}\n${t.sql}\n${JSON.stringify(t.params, null, 2)}\n`,
        );
      });
      // mstats: the Prometheus API requests over the range, or why VictoriaMetrics cannot run it.
      if (r.plan.metrics) {
        const errors: Diagnostic[] = [];
        const p = toPromQL(r.plan.metrics, errors);
        const text = p
          ? promRequests(p, options.earliestMs, options.latestMs)
              .map(
                ({ column, path: api, params: { query, ...at } }) =>
                  `# ${column}: ${api} ${JSON.stringify(at)}\n${query}\n`,
              )
              .join('')
          : errors.map((e) => `${e.code}: ${e.message}\n`).join('');
        checkFile(`${base}.promql`, text);
      }
    });
  }
});
