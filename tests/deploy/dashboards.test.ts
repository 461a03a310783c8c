// dashboards/*.json: every dashboard validates against Grafana's dashboard schema (generated from
// @grafana/schema's TypeScript types), every SPL target compiles (`nexus spl compile`), and every data
// source it names is provisioned.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { createGenerator } from 'ts-json-schema-generator';
import { at, dict, isDict, list, optList, read, root, str, yamlDoc } from './yaml.ts';
import type { Dict } from './yaml.ts';

const require = createRequire(import.meta.url);
const TYPES = path.join(
  path.dirname(require.resolve('@grafana/schema/package.json')),
  'dist/types/raw/dashboard/x/types.gen.d.ts',
);

/**
 * Grafana's `Dashboard` type as a JSON schema (about 15 s). One patch: `AnnotationTarget` is typed with the
 * built-in Grafana annotation fields only (its own comment: "this should just be a normal query target"),
 * while a data source's annotation target carries that data source's query (here `spl`); it is opened up
 * to extra properties, everything else stays as generated (`additionalProperties: false`).
 */
function dashboardSchema(): Dict {
  const schema = createGenerator({
    path: TYPES,
    type: 'Dashboard',
    skipTypeCheck: true,
    expose: 'all',
  }).createSchema('Dashboard') as Dict;
  const target = dict(at(schema, 'definitions', 'AnnotationTarget'), 'AnnotationTarget');
  target['additionalProperties'] = true;
  return schema;
}

const FILES = fs
  .readdirSync(path.join(root, 'dashboards'))
  .filter((f) => f.endsWith('.json'))
  .sort();
const dashboards = new Map(FILES.map((f) => [f, dict(JSON.parse(read(`dashboards/${f}`)), f)]));

test('the dashboards the guide names are all here', () => {
  assert.deepEqual(FILES, [
    'example-web-logs.json',
    'ingestion-health.json',
    'overview.json',
    'tenant-usage.json',
    'top-queries.json',
  ]);
});

test("every dashboard validates against Grafana's dashboard schema; a broken one does not", () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(dashboardSchema());
  for (const [file, d] of dashboards) {
    assert.ok(validate(d), `${file}: ${ajv.errorsText(validate.errors)}`);
  }
  const broken = structuredClone(dashboards.get('overview.json') ?? {});
  dict(list(broken['panels'], 'panels')[0], 'panel')['gridPos'] = { x: 0, y: 0, w: 'wide', h: 8 };
  broken['titel'] = 'typo';
  assert.ok(!validate(broken));
  assert.match(ajv.errorsText(validate.errors), /titel|must NOT have additional properties/);
});

interface SplUse {
  where: string;
  spl: string;
}

/** Every SPL text of a dashboard: panel targets, query variables and annotations on the nexus data source. */
function splOf(file: string, d: Dict): SplUse[] {
  const out: SplUse[] = [];
  const isNexus = (ds: unknown): boolean => isDict(ds) && ds['uid'] === 'nexus';
  for (const p of list(d['panels'], 'panels').map((x) => dict(x, 'panel'))) {
    for (const t of optList(p['targets'], 'targets')) {
      if (isNexus(at(t, 'datasource')) || (at(t, 'datasource') === undefined && isNexus(p['datasource']))) {
        out.push({ where: `${file} panel "${String(p['title'])}"`, spl: str(at(t, 'spl'), 'spl') });
      }
    }
  }
  for (const v of list(at(d, 'templating', 'list'), 'templating').map((x) => dict(x, 'variable'))) {
    if (isNexus(v['datasource']))
      out.push({ where: `${file} variable ${String(v['name'])}`, spl: str(at(v, 'query', 'spl'), 'spl') });
  }
  for (const a of list(at(d, 'annotations', 'list'), 'annotations').map((x) => dict(x, 'annotation'))) {
    if (isNexus(a['datasource']))
      out.push({ where: `${file} annotation ${String(a['name'])}`, spl: str(at(a, 'target', 'spl'), 'spl') });
  }
  return out;
}

/** Replaces `${name}` / `$name` with the variable's current value as Grafana would (All → allValue or *). */
function interpolate(spl: string, d: Dict): string {
  const values = new Map<string, string>();
  for (const v of list(at(d, 'templating', 'list'), 'templating').map((x) => dict(x, 'variable'))) {
    const current = String(at(v, 'current', 'value') ?? '');
    const value = current === '$__all' ? String(v['allValue'] ?? '*') : current || String(v['query'] ?? '*');
    values.set(String(v['name']), value);
  }
  return spl.replace(/\$\{(\w+)(?::\w+)?\}|\$(\w+)/g, (m, a: string | undefined, b: string | undefined) => {
    const name = a ?? b ?? '';
    const v = values.get(name);
    assert.ok(v !== undefined || name.startsWith('__'), `variable ${m} is defined`);
    return v ?? m;
  });
}

test('every SPL target, variable query and annotation compiles with `nexus spl compile`', () => {
  const uses = [...dashboards].flatMap(([file, d]) =>
    splOf(file, d).map((u) => ({ ...u, spl: interpolate(u.spl, d) })),
  );
  assert.ok(uses.length >= 10, `${uses.length} SPL texts`);
  // One process for all of them (--jsonl), as CI would run the CLI.
  const bad = { where: 'a deliberately broken query', spl: 'index=main | stats' };
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'datasource-server/bin/nexus.js'), 'spl', 'compile', '--jsonl'],
    {
      input: [...uses, bad].map((u) => JSON.stringify({ search: u.spl })).join('\n') + '\n',
      encoding: 'utf8',
    },
  );
  const lines = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { ok: boolean; errors?: { message: string }[] });
  assert.equal(lines.length, uses.length + 1, r.stderr);
  uses.forEach((u, i) =>
    assert.ok(lines[i]?.ok, `${u.where}: ${u.spl}: ${JSON.stringify(lines[i]?.errors)}`),
  );
  assert.equal(lines.at(-1)?.ok, false, 'the CLI does report a query that does not compile');
});

test('the example dashboard has a timechart, a stats table, logs, a variable and an annotation', () => {
  const d = dashboards.get('example-web-logs.json') ?? {};
  const spls = splOf('example', d).map((u) => u.spl);
  assert.ok(spls.some((s) => /\| timechart /.test(s)));
  assert.ok(spls.some((s) => /\| stats /.test(s)));
  const types = list(d['panels'], 'panels').map((p) => at(p, 'type'));
  assert.ok(types.includes('logs') && types.includes('table') && types.includes('timeseries'));
  assert.equal(list(at(d, 'templating', 'list'), 'templating').length, 1);
  assert.equal(list(at(d, 'annotations', 'list'), 'annotations').length, 1);
});

test('every data source a dashboard uses is provisioned (compose and Kubernetes), and the provider loads the folder', () => {
  const uids = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isDict(v)) {
      if (isDict(v['datasource']) && typeof v['datasource']['uid'] === 'string')
        uids.add(v['datasource']['uid']);
      Object.values(v).forEach(walk);
    }
  };
  dashboards.forEach(walk);
  assert.deepEqual([...uids].sort(), ['clickhouse', 'nexus', 'prometheus']);
  const provisioned = (files: string[]): Set<string> =>
    new Set(
      files.flatMap((f) =>
        list(at(yamlDoc(f), 'datasources'), `${f}.datasources`).map((d) => String(at(d, 'uid'))),
      ),
    );
  const compose = provisioned(
    fs.readdirSync(path.join(root, 'provisioning/datasources')).map((f) => `provisioning/datasources/${f}`),
  );
  const k8s = provisioned(['k8s/platform/grafana/datasources.yaml']);
  for (const uid of uids) {
    assert.ok(compose.has(uid), `compose provisions ${uid}`);
    assert.ok(k8s.has(uid), `Kubernetes provisions ${uid}`);
  }
  const uidsOfDashboards = [...dashboards.values()].map((d) => d['uid']);
  assert.equal(new Set(uidsOfDashboards).size, uidsOfDashboards.length, 'dashboard uids are unique');
});
