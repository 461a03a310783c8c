// Deployment files (Dockerfile, docker-compose, Vector, Grafana provisioning) parse and say what they must.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  at,
  dict,
  filesUnder,
  isDict,
  isEnvOnly,
  list,
  read,
  root,
  str,
  yamlDoc,
  yamlDocs,
  SECRET_KEY,
} from './yaml.ts';
import type { Dict } from './yaml.ts';

const YAML_FILES = [
  'docker-compose.yml',
  'deploy/vector/vector.yaml',
  'provisioning/datasources/nexus.yaml',
  'provisioning/dashboards/nexus.yaml',
  ...filesUnder('k8s', '.yaml'),
];

test('every deployment YAML file parses', () => {
  assert.ok(YAML_FILES.length >= 15, `found ${YAML_FILES.length} YAML files`);
  for (const rel of YAML_FILES) {
    for (const doc of yamlDocs(rel)) assert.ok(isDict(doc), `${rel}: every document is a mapping`);
  }
});

test('isEnvOnly accepts interpolation and rejects literals', () => {
  for (const ok of ['${A}', '$A', '${A:?set A}', '${A:-${B}}', '${A:-${B:?set B}}', '${A:-}']) {
    assert.ok(isEnvOnly(ok), ok);
  }
  for (const bad of ['hunter2', '${A:-hunter2}', 'x${A}', '${A:-${B:-hunter2}}']) {
    assert.ok(!isEnvOnly(bad), bad);
  }
});

// ── Dockerfile ──────────────────────────────────────────────────────────────────────────────────

test('Dockerfile: glibc Node 20, production install, non-root, /data, health check on /health/ready', () => {
  const text = read('Dockerfile');
  assert.match(text, /^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
  assert.match(text, /npm ci --workspace nexus-api --omit=dev/);
  assert.match(text, /^USER node$/m);
  assert.match(text, /^EXPOSE 8080$/m);
  assert.match(text, /NEXUS_DATA_DIR=\/data/);
  assert.match(text, /^VOLUME \["\/data"\]$/m);
  assert.match(text, /^HEALTHCHECK [^\n]*\\\n\s+CMD [^\n]*\/health\/ready/m);
  // Built JavaScript at run time: a build stage runs tsc, the runtime stage copies dist/ only.
  assert.match(text, /^RUN npm run build -w nexus-api$/m);
  assert.match(text, /^COPY --from=build \/app\/datasource-server\/dist datasource-server\/dist$/m);
  assert.match(text, /^COPY --from=build \/app\/packages\/spl\/dist packages\/spl\/dist$/m);
  assert.match(text, /^CMD \["node", "--conditions=nexus-dist", "dist\/main\.js"\]$/m);
  assert.doesNotMatch(text, /--import", "tsx|tsx\/esm/);

  // Every path the build copies from the context exists.
  for (const line of text.split('\n')) {
    const m = /^COPY (?!--from)(.+)$/.exec(line);
    if (m === null) continue;
    const args = (m[1] ?? '').split(/\s+/).filter((a) => !a.startsWith('--'));
    for (const src of args.slice(0, -1)) assert.ok(fs.existsSync(path.join(root, src)), `COPY source ${src}`);
  }

  // tsx runs the .ts sources in development and tests only: --omit=dev leaves it out of the image.
  const pkg = dict(JSON.parse(read('datasource-server/package.json')), 'datasource-server/package.json');
  assert.ok(isDict(pkg['dependencies']) && !('tsx' in pkg['dependencies']), 'tsx is no runtime dependency');
  assert.ok(isDict(pkg['devDependencies']) && 'tsx' in pkg['devDependencies'], 'tsx is a dev dependency');

  const ignored = read('.dockerignore').split('\n');
  for (const entry of ['**/node_modules', '.git', '.env']) assert.ok(ignored.includes(entry), entry);
});

// ── docker-compose.yml ──────────────────────────────────────────────────────────────────────────

const compose = (): Dict => dict(at(yamlDoc('docker-compose.yml'), 'services'), 'services');

function envOf(service: Dict, name: string): Dict {
  const env = service['environment'];
  if (env === undefined) return {};
  return dict(env, `${name}.environment`);
}

test('compose: the whole stack with the expected images', () => {
  const services = compose();
  const images: Record<string, RegExp> = {
    clickhouse: /^clickhouse\/clickhouse-server:26\./,
    victoriametrics: /^victoriametrics\/victoria-metrics:/,
    redis: /^redis:/,
    redpanda: /redpandadata\/redpanda:/,
    keycloak: /^quay\.io\/keycloak\/keycloak:/,
    grafana: /^grafana\/grafana:/,
    vector: /^timberio\/vector:/,
  };
  assert.deepEqual(Object.keys(services).sort(), ['nexus-api', ...Object.keys(images)].sort());
  for (const [name, image] of Object.entries(images)) {
    assert.match(str(at(services, name, 'image'), `${name}.image`), image);
  }
  assert.ok(
    list(at(services, 'keycloak', 'command'), 'keycloak.command').includes('start-dev'),
    'keycloak runs start-dev',
  );
});

test('compose: nexus-api is built here, uses the clickhouse service and is checked on /health/ready', () => {
  const api = dict(compose()['nexus-api'], 'nexus-api');
  assert.equal(at(api, 'build', 'context'), '.');
  assert.ok(fs.existsSync(path.join(root, str(at(api, 'build', 'dockerfile'), 'dockerfile'))));
  const env = envOf(api, 'nexus-api');
  assert.equal(env['CLICKHOUSE_URL'], 'http://clickhouse:8123');
  assert.equal(env['NEXUS_ADMIN_TOKEN'], '${NEXUS_ADMIN_TOKEN:?set NEXUS_ADMIN_TOKEN}');
  for (const name of ['METRICS_URL', 'REDIS_URL', 'KAFKA_BROKERS', 'OIDC_ISSUER', 'OIDC_AUDIENCE']) {
    assert.ok(name in env, `nexus-api passes ${name} through`);
  }
  const check = list(at(api, 'healthcheck', 'test'), 'nexus-api.healthcheck.test').join(' ');
  assert.match(check, /http:\/\/127\.0\.0\.1:8080\/health\/ready/);
  assert.equal(at(api, 'depends_on', 'clickhouse', 'condition'), 'service_healthy');
  assert.ok(Array.isArray(api['ports']) && api['ports'].some((p) => String(p).endsWith(':8080')));
});

test('compose: every service_healthy dependency has a health check', () => {
  const services = compose();
  for (const [name, svc] of Object.entries(services)) {
    const deps = dict(svc, name)['depends_on'];
    if (deps === undefined) continue;
    for (const [dep, cond] of Object.entries(dict(deps, `${name}.depends_on`))) {
      assert.ok(dep in services, `${name} depends on a defined service ${dep}`);
      if (at(cond, 'condition') === 'service_healthy') {
        assert.ok(isDict(at(services, dep, 'healthcheck')), `${dep} has a healthcheck (${name} waits on it)`);
      }
    }
  }
  assert.equal(at(services, 'grafana', 'depends_on', 'nexus-api', 'condition'), 'service_healthy');
  assert.equal(at(services, 'vector', 'depends_on', 'nexus-api', 'condition'), 'service_healthy');
});

test('compose: no literal secret values, only environment interpolation', () => {
  for (const [name, svc] of Object.entries(compose())) {
    for (const [key, value] of Object.entries(envOf(dict(svc, name), name))) {
      if (!SECRET_KEY.test(key)) continue;
      assert.ok(isEnvOnly(str(value, `${name}.${key}`)), `${name}.${key} = ${String(value)}`);
    }
  }
  // The four secrets without a default refuse to start when unset.
  const text = read('docker-compose.yml');
  for (const v of [
    'NEXUS_ADMIN_TOKEN',
    'CLICKHOUSE_PASSWORD',
    'GRAFANA_ADMIN_PASSWORD',
    'KEYCLOAK_ADMIN_PASSWORD',
  ]) {
    assert.ok(text.includes(`\${${v}:?set ${v}}`), `${v} is guarded`);
  }
});

test('compose: Grafana loads provisioning, dashboards and the unsigned Nexus plugin', () => {
  const grafana = dict(compose()['grafana'], 'grafana');
  const env = envOf(grafana, 'grafana');
  assert.match(
    str(env['GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS'], 'allow unsigned'),
    /\bnexus-spl-datasource\b/,
  );
  const volumes = list(grafana['volumes'], 'grafana.volumes').map((v) => str(v, 'volume'));
  assert.ok(volumes.some((v) => v.startsWith('./provisioning:/etc/grafana/provisioning')));
  assert.ok(volumes.some((v) => v.startsWith('./dashboards:/var/lib/grafana/dashboards')));
  assert.ok(volumes.some((v) => v.startsWith('./plugin/dist:/var/lib/grafana/plugins/')));
  for (const v of volumes) {
    if (v.startsWith('./') && !v.startsWith('./plugin/dist')) {
      assert.ok(fs.existsSync(path.join(root, v.split(':')[0] ?? '')), `${v} exists`);
    }
  }
});

// ── Vector ──────────────────────────────────────────────────────────────────────────────────────

test('vector: demo logs to nexus-api /ingest/logs with a bearer token from the environment', () => {
  const vector = dict(compose()['vector'], 'vector');
  const mounts = list(vector['volumes'], 'vector.volumes').map((v) => str(v, 'volume'));
  assert.ok(mounts.includes('./deploy/vector/vector.yaml:/etc/vector/vector.yaml:ro'));

  const cfg = yamlDoc('deploy/vector/vector.yaml');
  const sinks = dict(at(cfg, 'sinks'), 'sinks');
  const http = Object.values(sinks).filter((s) => at(s, 'type') === 'http');
  assert.equal(http.length, 1, 'one http sink');
  const sink = http[0];
  assert.equal(at(sink, 'uri'), '${NEXUS_INGEST_URL:-http://nexus-api:8080/ingest/logs}');
  assert.equal(at(sink, 'encoding', 'codec'), 'json');
  assert.equal(at(sink, 'auth', 'strategy'), 'bearer');
  assert.ok(isEnvOnly(str(at(sink, 'auth', 'token'), 'auth.token')), 'the token is interpolated');
  const tokenVar = /\$\{([A-Z_]+)\}/.exec(str(at(sink, 'auth', 'token'), 'auth.token'))?.[1] ?? '';
  assert.ok(tokenVar in envOf(vector, 'vector'), `compose gives Vector ${tokenVar}`);

  // The sink's inputs lead back to a demo_logs source.
  const sources = dict(at(cfg, 'sources'), 'sources');
  const transforms = dict(at(cfg, 'transforms'), 'transforms');
  const seen = new Set<string>();
  const queue = list(at(sink, 'inputs'), 'sink.inputs').map((i) => str(i, 'input'));
  let demo = false;
  while (queue.length > 0) {
    const id = queue.shift() ?? '';
    if (seen.has(id)) continue;
    seen.add(id);
    if (id in sources) demo ||= at(sources, id, 'type') === 'demo_logs';
    else queue.push(...list(at(transforms, id, 'inputs'), `${id}.inputs`).map((i) => str(i, 'input')));
  }
  assert.ok(demo, 'a demo_logs source feeds the sink');
});

// ── Grafana provisioning ────────────────────────────────────────────────────────────────────────

test('provisioning: the Nexus data source and the dashboards provider', () => {
  const ds = list(at(yamlDoc('provisioning/datasources/nexus.yaml'), 'datasources'), 'datasources');
  assert.equal(ds.length, 1);
  const nexus = ds[0];
  assert.equal(at(nexus, 'type'), 'nexus-spl-datasource');
  assert.equal(at(nexus, 'uid'), 'nexus');
  assert.equal(at(nexus, 'url'), '$NEXUS_URL');
  assert.equal(
    envOf(dict(compose()['grafana'], 'grafana'), 'grafana')['NEXUS_URL'],
    '${NEXUS_URL:-http://nexus-api:8080}',
  );
  assert.deepEqual(at(nexus, 'jsonData'), {
    defaultIndex: 'main',
    oauthPassThru: false,
    timeout: 60,
    contextFields: ['host', 'source', 'sourcetype'],
    levelField: 'level',
  });
  assert.deepEqual(at(nexus, 'secureJsonData'), { serviceToken: '$NEXUS_SERVICE_TOKEN' });
  assert.ok('NEXUS_SERVICE_TOKEN' in envOf(dict(compose()['grafana'], 'grafana'), 'grafana'));

  const providers = list(at(yamlDoc('provisioning/dashboards/nexus.yaml'), 'providers'), 'providers');
  assert.equal(providers.length, 1);
  assert.equal(at(providers[0], 'type'), 'file');
  assert.equal(at(providers[0], 'options', 'path'), '/var/lib/grafana/dashboards');
  assert.ok(fs.existsSync(path.join(root, 'dashboards/README.md')));
});
