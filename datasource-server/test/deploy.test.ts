// Deployment files (Dockerfile, docker-compose, Vector, Grafana provisioning, kustomize) parse and say what they must.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

type Dict = Record<string, unknown>;

function isDict(v: unknown): v is Dict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function dict(v: unknown, what: string): Dict {
  assert.ok(isDict(v), `${what} is a mapping`);
  return v;
}

function list(v: unknown, what: string): unknown[] {
  assert.ok(Array.isArray(v), `${what} is a list`);
  return v;
}

/** A list that may be absent. */
function optList(v: unknown, what: string): unknown[] {
  return v === undefined ? [] : list(v, what);
}

function str(v: unknown, what: string): string {
  assert.equal(typeof v, 'string', `${what} is a string`);
  return String(v);
}

/** Follows keys through nested mappings; fails the test naming the path when one is missing. */
function at(v: unknown, ...keys: string[]): unknown {
  let cur = v;
  for (const [i, k] of keys.entries()) cur = dict(cur, keys.slice(0, i).join('.') || 'document')[k];
  return cur;
}

function read(rel: string): string {
  return fs.readFileSync(path.join(root, rel), 'utf8');
}

/** All documents of a YAML file; any syntax error fails the test with the file name. */
function yamlDocs(rel: string): unknown[] {
  const docs = parseAllDocuments(read(rel));
  assert.ok(Array.isArray(docs), `${rel} parses`);
  return docs.map((d) => {
    assert.deepEqual(
      d.errors.map((e) => e.message),
      [],
      `${rel} has no YAML errors`,
    );
    const value: unknown = d.toJS();
    return value;
  });
}

function yamlDoc(rel: string): unknown {
  const docs = yamlDocs(rel);
  assert.equal(docs.length, 1, `${rel} holds one document`);
  return docs[0];
}

function filesUnder(rel: string, ext: string): string[] {
  return fs
    .readdirSync(path.join(root, rel), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

/**
 * True when a value is only environment interpolation: `${VAR}`, `$VAR`, `${VAR:?message}`, or
 * `${VAR:-default}` whose default is empty or itself only interpolation (never a literal secret).
 */
function isEnvOnly(value: string): boolean {
  if (/^\$[A-Z_][A-Z0-9_]*$/.test(value)) return true;
  const m = /^\$\{([A-Z_][A-Z0-9_]*)(?::([-?])(.*))?\}$/s.exec(value);
  if (m === null) return false;
  if (m[2] !== '-') return true;
  const fallback = m[3] ?? '';
  return fallback === '' || isEnvOnly(fallback);
}

const SECRET_KEY = /PASSWORD|TOKEN|SECRET|API_KEY/i;

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
  assert.equal(at(sink, 'uri'), 'http://nexus-api:8080/ingest/logs');
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
  assert.equal(at(nexus, 'url'), 'http://nexus-api:8080');
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

// ── Kubernetes ──────────────────────────────────────────────────────────────────────────────────

const KUSTOMIZATIONS = ['k8s/base', 'k8s/overlays/embedded', 'k8s/overlays/clickhouse'];

function kustomization(dir: string): Dict {
  return dict(yamlDoc(`${dir}/kustomization.yaml`), `${dir}/kustomization.yaml`);
}

test('k8s: every kustomization resource and patch exists on disk', () => {
  for (const dir of KUSTOMIZATIONS) {
    const k = kustomization(dir);
    assert.equal(k['kind'], 'Kustomization');
    for (const r of list(k['resources'], `${dir}.resources`)) {
      const p = path.join(root, dir, str(r, 'resource'));
      assert.ok(fs.existsSync(p), `${dir}: resource ${String(r)} exists`);
      if (fs.statSync(p).isDirectory()) assert.ok(fs.existsSync(path.join(p, 'kustomization.yaml')));
    }
    for (const patch of optList(k['patches'], `${dir}.patches`)) {
      const rel = at(patch, 'path');
      if (rel !== undefined) assert.ok(fs.existsSync(path.join(root, dir, str(rel, 'patch path'))));
    }
  }
});

test('k8s: no secret value is committed; the example Secret is not deployed', () => {
  const base = kustomization('k8s/base');
  assert.ok(!list(base['resources'], 'resources').includes('secret.example.yaml'));
  for (const rel of filesUnder('k8s', '.yaml')) {
    for (const doc of yamlDocs(rel)) {
      if (at(doc, 'kind') !== 'Secret') continue;
      assert.equal(path.basename(rel), 'secret.example.yaml', `${rel}: only the example holds a Secret`);
      for (const [key, value] of Object.entries(dict(at(doc, 'stringData'), 'stringData'))) {
        assert.match(str(value, key), /^<[^>]+>$/, `${key} is a placeholder`);
      }
    }
  }
  for (const dir of KUSTOMIZATIONS) {
    const k = kustomization(dir);
    assert.equal(k['secretGenerator'], undefined, `${dir} generates no Secret`);
    for (const gen of optList(k['configMapGenerator'], `${dir}.configMapGenerator`)) {
      for (const lit of list(at(gen, 'literals'), 'literals')) {
        assert.ok(
          !SECRET_KEY.test(str(lit, 'literal').split('=')[0] ?? ''),
          `${dir}: ${String(lit)} not in a ConfigMap`,
        );
      }
    }
  }
});

test('k8s: the Deployment probes, shutdown, Secret references and replicas', () => {
  const deploy = yamlDoc('k8s/base/deployment.yaml');
  assert.equal(at(deploy, 'kind'), 'Deployment');
  assert.equal(at(deploy, 'spec', 'replicas'), 2);
  const pod = at(deploy, 'spec', 'template', 'spec');
  assert.equal(at(pod, 'terminationGracePeriodSeconds'), 30);
  const containers = list(at(pod, 'containers'), 'containers');
  assert.equal(containers.length, 1);
  const c = containers[0];
  assert.equal(at(c, 'readinessProbe', 'httpGet', 'path'), '/health/ready');
  assert.equal(at(c, 'livenessProbe', 'httpGet', 'path'), '/health/live');
  assert.deepEqual(at(c, 'lifecycle', 'preStop', 'exec', 'command'), ['sleep', '5']);
  assert.ok(isDict(at(c, 'resources', 'requests')) && isDict(at(c, 'resources', 'limits')));
  assert.equal(at(list(at(c, 'ports'), 'ports')[0], 'containerPort'), 8080);

  const env = list(at(c, 'env'), 'env');
  const fromSecret = new Map(env.map((e) => [at(e, 'name'), at(e, 'valueFrom', 'secretKeyRef', 'name')]));
  assert.equal(fromSecret.get('NEXUS_ADMIN_TOKEN'), 'nexus-api-secrets');
  assert.equal(fromSecret.get('CLICKHOUSE_PASSWORD'), 'nexus-api-secrets');
  assert.ok(
    env.every((e) => at(e, 'value') === undefined),
    'no literal env values in the Deployment',
  );

  const generators = list(kustomization('k8s/base')['configMapGenerator'], 'configMapGenerator');
  const generated = generators.map((g) => at(g, 'name'));
  const cm = list(at(c, 'envFrom'), 'envFrom').map((e) => at(e, 'configMapRef', 'name'));
  assert.ok(cm.length > 0 && cm.every((n) => generated.includes(n)), 'envFrom names the generated ConfigMap');

  // The shutdown budget fits: preStop + NEXUS_SHUTDOWN_TIMEOUT_MS < terminationGracePeriodSeconds.
  const lit = generators
    .flatMap((g) => list(at(g, 'literals'), 'literals'))
    .map((l) => str(l, 'literal'))
    .find((l) => l.startsWith('NEXUS_SHUTDOWN_TIMEOUT_MS='));
  assert.ok(lit !== undefined);
  assert.ok(Number(lit.split('=')[1]) / 1000 + 5 < 30, 'shutdown fits in the grace period');

  const pdb = yamlDoc('k8s/base/pdb.yaml');
  assert.equal(at(pdb, 'kind'), 'PodDisruptionBudget');
  const hpa = yamlDoc('k8s/base/hpa.yaml');
  assert.equal(at(hpa, 'kind'), 'HorizontalPodAutoscaler');
  assert.equal(at(hpa, 'spec', 'scaleTargetRef', 'name'), at(deploy, 'metadata', 'name'));
});

test('k8s overlays: embedded is one pod on a PVC; clickhouse sets CLICKHOUSE_URL', () => {
  const patch = yamlDoc('k8s/overlays/embedded/deployment-patch.yaml');
  assert.equal(at(patch, 'spec', 'replicas'), 1);
  assert.equal(at(patch, 'spec', 'strategy', 'type'), 'Recreate');
  const mounts = list(
    at(list(at(patch, 'spec', 'template', 'spec', 'containers'), 'c')[0], 'volumeMounts'),
    'm',
  );
  assert.ok(mounts.some((m) => at(m, 'mountPath') === '/data' && at(m, 'name') === 'data'));
  const volumes = list(at(patch, 'spec', 'template', 'spec', 'volumes'), 'volumes');
  const claim = at(
    volumes.find((v) => at(v, 'name') === 'data'),
    'persistentVolumeClaim',
    'claimName',
  );
  assert.equal(at(yamlDoc('k8s/overlays/embedded/pvc.yaml'), 'metadata', 'name'), claim);
  assert.match(read('k8s/overlays/embedded/kustomization.yaml'), /cannot share data across pods/);

  const literals = (dir: string): string[] =>
    list(kustomization(dir)['configMapGenerator'], 'configMapGenerator')
      .flatMap((g) => list(at(g, 'literals'), 'literals'))
      .map((l) => str(l, 'literal'));
  assert.ok(literals('k8s/overlays/embedded').includes('NEXUS_DATA_DIR=/data'));
  assert.ok(literals('k8s/overlays/clickhouse').some((l) => /^CLICKHOUSE_URL=https?:\/\//.test(l)));
});

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });

test(
  'k8s: kustomize builds every overlay (when kubectl is installed)',
  { skip: kubectl.status === 0 ? false : 'kubectl is not installed' },
  () => {
    for (const dir of KUSTOMIZATIONS) {
      const out = spawnSync('kubectl', ['kustomize', path.join(root, dir)], { encoding: 'utf8' });
      assert.equal(out.status, 0, `kubectl kustomize ${dir}: ${out.stderr}`);
      const kinds = parseAllDocuments(out.stdout).map((d) => {
        const doc: unknown = d.toJS();
        return at(doc, 'kind');
      });
      assert.ok(kinds.includes('Deployment'), `${dir} renders a Deployment`);
      assert.ok(!kinds.includes('Secret'), `${dir} renders no Secret`);
      if (dir.endsWith('embedded')) {
        assert.ok(!kinds.includes('HorizontalPodAutoscaler') && !kinds.includes('PodDisruptionBudget'));
        assert.ok(kinds.includes('PersistentVolumeClaim'));
      }
    }
  },
);
