// Kubernetes: every kustomization renders (`kubectl kustomize`), every object validates against the
// Kubernetes and CRD schemas (kubernetes-models, cert-manager, prometheus-operator, external-secrets), and
// the stack keeps its invariants: replication, TLS on every Service, no secret literal, requests, probes.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { SECRET_KEY, at, dict, isDict, list, optList, root, str, yamlText } from './yaml.ts';
import type { Dict } from './yaml.ts';
import { validateObject } from './schemas.ts';
import { fromEnv, many, xmlConfig } from './xml.ts';

const MODES = ['k8s/overlays/cluster', 'k8s/overlays/clickhouse', 'k8s/overlays/embedded'] as const;
const ROOT = 'k8s';

function render(dir: string): Dict[] {
  const out = spawnSync('kubectl', ['kustomize', path.join(root, dir)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(out.error, undefined, `kubectl runs (it is on the machine image): ${String(out.error)}`);
  assert.equal(out.status, 0, `kubectl kustomize ${dir}: ${out.stderr}`);
  return yamlText(out.stdout, dir).map((d) => dict(d, `${dir}: a rendered object`));
}

const rendered = new Map<string, Dict[]>([ROOT, ...MODES].map((d) => [d, render(d)]));
const objects = (dir: string): Dict[] => rendered.get(dir) ?? [];
const named = (dir: string, kind: string, name: string): Dict => {
  const o = objects(dir).find((x) => x['kind'] === kind && at(x, 'metadata', 'name') === name);
  assert.ok(o, `${dir} renders ${kind}/${name}`);
  return o;
};
const ofKind = (dir: string, kind: string): Dict[] => objects(dir).filter((o) => o['kind'] === kind);
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);
const podSpec = (o: Dict): Dict => dict(at(o, 'spec', 'template', 'spec'), 'pod spec');
const containers = (o: Dict): Dict[] =>
  list(podSpec(o)['containers'], 'containers').map((c) => dict(c, 'container'));

test('every kustomization renders, and `kubectl apply -k k8s/` is the cluster overlay plus secrets and monitoring', () => {
  const rootKinds = objects(ROOT).map((o) => `${String(o['kind'])}/${String(at(o, 'metadata', 'name'))}`);
  const clusterKinds = objects('k8s/overlays/cluster').map(
    (o) => `${String(o['kind'])}/${String(at(o, 'metadata', 'name'))}`,
  );
  for (const k of clusterKinds) assert.ok(rootKinds.includes(k), `k8s/ renders ${k}`);
  for (const k of ['PrometheusRule/nexus', 'ServiceMonitor/nexus-api', 'ExternalSecret/nexus-api-secrets']) {
    assert.ok(rootKinds.includes(k), `k8s/ renders ${k}`);
  }
  for (const dir of rendered.keys()) {
    for (const o of objects(dir)) {
      if (o['kind'] !== 'Namespace' && !String(o['kind']).startsWith('Cluster')) {
        assert.equal(
          at(o, 'metadata', 'namespace'),
          'nexus',
          `${dir}: ${String(o['kind'])} is in namespace nexus`,
        );
      }
    }
  }
});

test('every rendered object validates against its Kubernetes or CRD schema', async () => {
  let n = 0;
  for (const [dir, objs] of rendered) {
    for (const o of objs) {
      await validateObject(o, `${dir}: ${String(o['kind'])}/${String(at(o, 'metadata', 'name'))}`);
      n++;
    }
  }
  assert.ok(n > 200, `validated ${n} objects`);
});

test('the validator is not a no-op: a wrong type and a missing field are rejected', async () => {
  const deploy = structuredClone(named('k8s/overlays/cluster', 'Deployment', 'nexus-api'));
  dict(deploy['spec'], 'spec')['replicas'] = 'two';
  await assert.rejects(validateObject(deploy, 'broken Deployment'), /broken Deployment does not validate/);
  const cert = structuredClone(named('k8s/overlays/cluster', 'Certificate', 'nexus-api-tls'));
  delete dict(cert['spec'], 'spec')['issuerRef'];
  await assert.rejects(validateObject(cert, 'broken Certificate'), /broken Certificate does not validate/);
  await assert.rejects(
    validateObject({ apiVersion: 'example.com/v1', kind: 'Thing' }, 'unknown kind'),
    /no schema for apiVersion example\.com\/v1/,
  );
});

test('cluster: 3 ClickHouse replicas, 3 Keeper, VictoriaMetrics with replication factor 2, 3 Redpanda brokers', () => {
  const dir = 'k8s/overlays/cluster';
  assert.equal(at(named(dir, 'StatefulSet', 'clickhouse'), 'spec', 'replicas'), 3);
  assert.equal(at(named(dir, 'StatefulSet', 'clickhouse-keeper'), 'spec', 'replicas'), 3);
  assert.equal(at(named(dir, 'StatefulSet', 'redpanda'), 'spec', 'replicas'), 3);
  const storage = Number(at(named(dir, 'StatefulSet', 'vmstorage'), 'spec', 'replicas'));
  assert.ok(storage >= 3, 'replication factor 2 needs more than 2 vmstorage nodes to survive one loss');
  for (const name of ['vminsert', 'vmselect']) {
    const args = list(containers(named(dir, 'Deployment', name))[0]?.['args'], `${name}.args`);
    assert.ok(args.includes('-replicationFactor=2'), `${name} runs with -replicationFactor=2`);
    const nodes = String(args.find((a) => String(a).startsWith('-storageNode=')) ?? '');
    assert.equal(nodes.split(',').length, storage, `${name} knows every vmstorage node`);
  }
  // The ClickHouse configuration is the storage issue's XML plus TLS, mounted into config.d.
  const cm = ofKind(dir, 'ConfigMap').find((c) =>
    String(at(c, 'metadata', 'name')).startsWith('clickhouse-config'),
  );
  assert.deepEqual(Object.keys(dict(cm?.['data'], 'clickhouse-config.data')).sort(), [
    'backups.xml',
    'cluster.xml',
    'storage.xml',
    'tls.xml',
  ]);
  const ch = containers(named(dir, 'StatefulSet', 'clickhouse'))[0];
  const env = list(ch?.['env'], 'clickhouse env').map((e) => at(e, 'name'));
  for (const v of ['CLICKHOUSE_SHARD', 'CLICKHOUSE_REPLICA', 'CLICKHOUSE_INTERSERVER_HOST'])
    assert.ok(env.includes(v), v);
});

test('single server and embedded modes', () => {
  const single = 'k8s/overlays/clickhouse';
  assert.equal(at(named(single, 'StatefulSet', 'clickhouse'), 'spec', 'replicas'), 1);
  assert.ok(!objects(single).some((o) => at(o, 'metadata', 'name') === 'clickhouse-keeper'));
  const items = list(
    at(
      list(podSpec(named(single, 'StatefulSet', 'clickhouse'))['volumes'], 'volumes').find(
        (v) => at(v, 'name') === 'config',
      ),
      'configMap',
      'items',
    ),
    'items',
  ).map((i) => at(i, 'key'));
  assert.ok(!items.includes('cluster.xml'), 'a single server gets no cluster.xml');

  const emb = 'k8s/overlays/embedded';
  assert.ok(
    !ofKind(emb, 'StatefulSet').some((o) => String(at(o, 'metadata', 'name')).startsWith('clickhouse')),
  );
  assert.equal(at(named(emb, 'Deployment', 'nexus-api'), 'spec', 'replicas'), 1);
  assert.ok(
    !objects(emb).some(
      (o) =>
        ['HorizontalPodAutoscaler', 'PodDisruptionBudget'].includes(String(o['kind'])) &&
        at(o, 'metadata', 'name') === 'nexus-api',
    ),
  );
  assert.ok(
    !objects(emb).some((o) => at(o, 'metadata', 'name') === 'nexus-consumer'),
    'the consumer runs in the pod',
  );
  const data = dict(
    ofKind(emb, 'ConfigMap').find((c) => String(at(c, 'metadata', 'name')).startsWith('nexus-api-config'))?.[
      'data'
    ],
    'config',
  );
  assert.equal(data['KAFKA_CONSUMER'], 'on');
  assert.equal(data['NEXUS_DATA_DIR'], '/data');
  assert.equal(data['CLICKHOUSE_URL'], undefined);
});

// Ports that cannot speak TLS in the open-source build, each with its reason (docs/operating/tls.md).
const PLAIN_PORTS: Record<string, string> = {
  'vmstorage:8400':
    'vminsert → vmstorage RPC: TLS is enterprise-only; NetworkPolicy vmstorage admits vminsert only',
  'vmstorage:8401':
    'vmselect → vmstorage RPC: TLS is enterprise-only; NetworkPolicy vmstorage admits vmselect only',
};

test('every Service port is TLS (https or tls), except the documented VictoriaMetrics RPC ports', () => {
  for (const dir of MODES) {
    for (const svc of ofKind(dir, 'Service')) {
      const name = str(at(svc, 'metadata', 'name'), 'service name');
      for (const p of list(at(svc, 'spec', 'ports'), `${name}.ports`).map((x) => dict(x, 'port'))) {
        const key = `${name}:${String(p['port'])}`;
        if (key in PLAIN_PORTS) continue;
        assert.match(String(p['name']), /https|tls/, `${dir}: ${key} is named for TLS`);
        assert.match(
          String(p['appProtocol'] ?? ''),
          /https|tls|rediss|kafka-tls|postgresql-tls/,
          `${dir}: ${key} declares a TLS appProtocol`,
        );
      }
    }
    // Each Certificate's Secret is mounted by someone, and every mounted *-tls Secret has a Certificate.
    const issued = new Set(ofKind(dir, 'Certificate').map((c) => at(c, 'spec', 'secretName')));
    for (const w of objects(dir).filter((o) => WORKLOADS.has(String(o['kind'])))) {
      for (const v of optList(podSpec(w)['volumes'], 'volumes')) {
        const secret = at(v, 'secret');
        if (!isDict(secret)) continue;
        const s = String(secret['secretName']);
        if (s.endsWith('-tls') || s === 'nexus-ca')
          assert.ok(issued.has(s), `${dir}: ${s} is issued by cert-manager`);
      }
    }
    // Probes of HTTP servers speak HTTPS.
    for (const w of objects(dir).filter((o) => WORKLOADS.has(String(o['kind'])))) {
      for (const c of containers(w)) {
        for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
          const http = at(c, probe);
          if (isDict(http) && isDict(http['httpGet'])) {
            assert.equal(
              at(http, 'httpGet', 'scheme'),
              'HTTPS',
              `${dir}: ${String(c['name'])}.${probe} uses HTTPS`,
            );
          }
        }
      }
    }
  }
  const ingress = named('k8s/overlays/cluster', 'Ingress', 'nexus');
  assert.equal(list(at(ingress, 'spec', 'tls'), 'ingress.tls').length, 1);
  assert.equal(
    at(ingress, 'metadata', 'annotations', 'nginx.ingress.kubernetes.io/backend-protocol'),
    'HTTPS',
  );
});

test('no secret literal: no Secret object, secret-looking env only from Secrets, ConfigMaps free of secrets', () => {
  for (const [dir, objs] of rendered) {
    assert.ok(!objs.some((o) => o['kind'] === 'Secret'), `${dir} renders no Secret`);
    for (const cm of objs.filter((o) => o['kind'] === 'ConfigMap')) {
      for (const key of Object.keys(dict(cm['data'] ?? {}, 'data'))) {
        assert.ok(!SECRET_KEY.test(key) || key.endsWith('.json'), `${dir}: ConfigMap key ${key}`);
      }
    }
    for (const w of objs.filter((o) => WORKLOADS.has(String(o['kind'])))) {
      for (const c of [
        ...containers(w),
        ...optList(podSpec(w)['initContainers'], 'init').map((x) => dict(x, 'c')),
      ]) {
        for (const e of optList(c['env'], 'env').map((x) => dict(x, 'env'))) {
          // Names of URLs and files that merely contain TOKEN (…_TOKEN_URL) point at secrets, they are none.
          const flag = e['value'] === 'true' || e['value'] === 'false';
          if (SECRET_KEY.test(String(e['name'])) && !/_(URL|FILE)$/.test(String(e['name'])) && !flag) {
            assert.equal(
              e['value'],
              undefined,
              `${dir}: ${String(c['name'])} ${String(e['name'])} is not a literal`,
            );
          }
        }
      }
    }
  }
  // The realm's client secret is a placeholder Keycloak fills from the environment at import.
  const realm = ofKind('k8s/overlays/cluster', 'ConfigMap').find((c) =>
    String(at(c, 'metadata', 'name')).startsWith('keycloak-realm'),
  );
  const json = JSON.parse(str(at(realm, 'data', 'nexus-realm.json'), 'realm')) as Dict;
  const grafana = list(json['clients'], 'clients').find((c) => at(c, 'clientId') === 'grafana');
  assert.equal(at(grafana, 'secret'), '${GRAFANA_OAUTH_CLIENT_SECRET}');
});

test('every container has resource requests, and every long-running container readiness and liveness probes', () => {
  for (const dir of MODES) {
    for (const w of objects(dir).filter((o) => WORKLOADS.has(String(o['kind'])))) {
      const all = [
        ...containers(w),
        ...optList(podSpec(w)['initContainers'], 'init').map((x) => dict(x, 'c')),
      ];
      for (const c of all) {
        const what = `${dir}: ${String(at(w, 'metadata', 'name'))}/${String(c['name'])}`;
        const req = dict(at(c, 'resources', 'requests'), `${what} requests`);
        assert.ok(req['cpu'] !== undefined && req['memory'] !== undefined, `${what} requests cpu and memory`);
        assert.ok(isDict(at(c, 'resources', 'limits')), `${what} has limits`);
      }
      for (const c of containers(w)) {
        const what = `${dir}: ${String(at(w, 'metadata', 'name'))}/${String(c['name'])}`;
        assert.ok(isDict(c['readinessProbe']), `${what} has a readinessProbe`);
        assert.ok(isDict(c['livenessProbe']), `${what} has a livenessProbe`);
      }
    }
  }
});

test('nexus-api: HPA, PDB, preStop drain, probes, non-root, NetworkPolicy, HTTPS with a reloaded certificate', () => {
  const dir = 'k8s/overlays/cluster';
  const d = named(dir, 'Deployment', 'nexus-api');
  const c = containers(d)[0];
  assert.deepEqual(at(c, 'lifecycle', 'preStop', 'exec', 'command'), ['sleep', '5']);
  assert.equal(at(c, 'readinessProbe', 'httpGet', 'path'), '/health/ready');
  assert.equal(at(c, 'livenessProbe', 'httpGet', 'path'), '/health/live');
  assert.equal(at(podSpec(d), 'securityContext', 'runAsNonRoot'), true);
  assert.equal(at(c, 'securityContext', 'readOnlyRootFilesystem'), true);
  assert.equal(
    at(named(dir, 'HorizontalPodAutoscaler', 'nexus-api'), 'spec', 'scaleTargetRef', 'name'),
    'nexus-api',
  );
  assert.equal(at(named(dir, 'PodDisruptionBudget', 'nexus-api'), 'spec', 'minAvailable'), 1);
  assert.deepEqual(at(named(dir, 'NetworkPolicy', 'nexus-api'), 'spec', 'podSelector', 'matchLabels'), {
    'app.kubernetes.io/name': 'nexus-api',
  });
  const cm = dict(
    ofKind(dir, 'ConfigMap').find((x) => String(at(x, 'metadata', 'name')).startsWith('nexus-api-config'))?.[
      'data'
    ],
    'config',
  );
  assert.equal(cm['NEXUS_TLS_CERT'], '/etc/nexus/tls/tls.crt');
  assert.equal(cm['NEXUS_TLS_KEY'], '/etc/nexus/tls/tls.key');
  assert.match(str(cm['CLICKHOUSE_URL'], 'CLICKHOUSE_URL'), /^https:\/\//);
  assert.match(str(cm['REDIS_URL'], 'REDIS_URL'), /^rediss:\/\//);
  assert.match(str(cm['METRICS_URL'], 'METRICS_URL'), /^https:\/\//);
  assert.equal(cm['KAFKA_SSL'], 'true');
  // Shutdown fits: preStop 5 s + NEXUS_SHUTDOWN_TIMEOUT_MS < terminationGracePeriodSeconds.
  assert.ok(
    Number(cm['NEXUS_SHUTDOWN_TIMEOUT_MS']) / 1000 + 5 < Number(podSpec(d)['terminationGracePeriodSeconds']),
  );
  // Vector runs on every node.
  assert.equal(named(dir, 'DaemonSet', 'vector')['kind'], 'DaemonSet');
});

test('Keycloak realm: clients for Grafana and nexus-api, roles that OIDC_ROLE_MAP maps to Nexus roles', () => {
  const dir = 'k8s/overlays/cluster';
  const realm = ofKind(dir, 'ConfigMap').find((c) =>
    String(at(c, 'metadata', 'name')).startsWith('keycloak-realm'),
  );
  const json = JSON.parse(str(at(realm, 'data', 'nexus-realm.json'), 'realm')) as Dict;
  const clients = list(json['clients'], 'clients').map((c) => at(c, 'clientId'));
  assert.deepEqual(clients.sort(), ['grafana', 'nexus-api']);
  const roles = list(at(json, 'roles', 'realm'), 'roles').map((r) => at(r, 'name'));
  const cm = dict(
    ofKind(dir, 'ConfigMap').find((x) => String(at(x, 'metadata', 'name')).startsWith('nexus-api-config'))?.[
      'data'
    ],
    'config',
  );
  const map = str(cm['OIDC_ROLE_MAP'], 'OIDC_ROLE_MAP')
    .split(',')
    .map((p) => p.split('='));
  assert.deepEqual(map.map((p) => p[1]).sort(), ['admin', 'editor', 'ingest', 'viewer']);
  for (const [from] of map) assert.ok(roles.includes(from), `realm role ${String(from)} exists`);
});

// The ClickHouse and Keeper XML against the pods that run it: hosts, ports, TLS and the environment it reads.

/** The stable DNS names of a StatefulSet's pods: <name>-<ordinal>.<serviceName>.<namespace>.svc.cluster.local. */
function podNames(dir: string, name: string): string[] {
  const sts = named(dir, 'StatefulSet', name);
  const service = str(at(sts, 'spec', 'serviceName'), `${name}.serviceName`);
  const headless = named(dir, 'Service', service);
  assert.equal(at(headless, 'spec', 'clusterIP'), 'None', `${dir}: ${service} is headless`);
  const ns = str(at(sts, 'metadata', 'namespace'), 'namespace');
  const n = Number(at(sts, 'spec', 'replicas'));
  return Array.from({ length: n }, (_, i) => `${name}-${i}.${service}.${ns}.svc.cluster.local`);
}

/** The XML files a container mounts from ConfigMaps (honouring `items`), by file name. */
function mountedXml(dir: string, w: Dict, c: Dict): Map<string, Dict> {
  const out = new Map<string, Dict>();
  const volumes = optList(podSpec(w)['volumes'], 'volumes').map((v) => dict(v, 'volume'));
  for (const m of optList(c['volumeMounts'], 'volumeMounts').map((x) => dict(x, 'volumeMount'))) {
    const cm = volumes.find((v) => v['name'] === m['name'])?.['configMap'];
    if (!isDict(cm)) continue;
    const data = dict(named(dir, 'ConfigMap', str(cm['name'], 'configMap.name'))['data'], 'data');
    const keys =
      cm['items'] !== undefined
        ? optList(cm['items'], 'items').map((i) => String(at(i, 'key')))
        : Object.keys(data);
    for (const k of keys.filter((x) => x.endsWith('.xml'))) {
      out.set(k, xmlConfig(str(data[k], `${k}`), `${dir}: ${String(cm['name'])}/${k}`));
    }
  }
  return out;
}

/** The data keys of the Secret an ExternalSecret of `kubectl apply -k k8s/` writes. */
function secretKeys(name: string): string[] {
  const es = ofKind(ROOT, 'ExternalSecret').find((e) => at(e, 'spec', 'target', 'name') === name);
  assert.ok(es, `k8s/10-secrets.yaml has an ExternalSecret writing Secret ${name}`);
  return optList(at(es, 'spec', 'data'), 'data').map((d) => String(at(d, 'secretKey')));
}

/** Variables a container's environment sets: env (a secretKeyRef only to a key the ExternalSecret has), envFrom, `export X=` in its command. */
function containerEnv(dir: string, c: Dict): Set<string> {
  const out = new Set<string>();
  for (const e of optList(c['env'], 'env').map((x) => dict(x, 'env'))) {
    const ref =
      at(e, 'valueFrom') !== undefined ? dict(e['valueFrom'], 'valueFrom')['secretKeyRef'] : undefined;
    if (isDict(ref)) {
      const keys = secretKeys(str(ref['name'], 'secretKeyRef.name'));
      assert.ok(
        keys.includes(String(ref['key'])),
        `${dir}: ${String(e['name'])}: Secret ${String(ref['name'])} has key ${String(ref['key'])}`,
      );
    }
    out.add(str(e['name'], 'env name'));
  }
  for (const f of optList(c['envFrom'], 'envFrom').map((x) => dict(x, 'envFrom'))) {
    if (isDict(f['secretRef']))
      for (const k of secretKeys(str(f['secretRef']['name'], 'secretRef'))) out.add(k);
    if (isDict(f['configMapRef'])) {
      const cm = named(dir, 'ConfigMap', str(f['configMapRef']['name'], 'configMapRef'));
      for (const k of Object.keys(dict(cm['data'] ?? {}, 'data'))) out.add(k);
    }
  }
  const shell = [...optList(c['command'], 'command'), ...optList(c['args'], 'args')].join(' ');
  for (const m of shell.matchAll(/\bexport ([A-Z_][A-Z0-9_]*)=/g)) out.add(m[1] ?? '');
  return out;
}

const CLUSTER = 'k8s/overlays/cluster';
const container = (dir: string, sts: string): Dict => {
  const c = containers(named(dir, 'StatefulSet', sts))[0];
  assert.ok(c, `${sts} has a container`);
  return c;
};

test('cluster: every remote_servers replica is a clickhouse pod on the secure native port tls.xml serves', () => {
  const xml = mountedXml(
    CLUSTER,
    named(CLUSTER, 'StatefulSet', 'clickhouse'),
    container(CLUSTER, 'clickhouse'),
  );
  const cluster = dict(xml.get('cluster.xml'), 'cluster.xml');
  const tls = dict(xml.get('tls.xml'), 'tls.xml');
  // tls.xml removes the plain native port and serves the secure one; the container exposes it.
  assert.equal(at(tls, 'tcp_port', '@_remove'), '1', 'tls.xml removes tcp_port');
  const secure = Number(tls['tcp_port_secure']);
  const ports = optList(container(CLUSTER, 'clickhouse')['ports'], 'ports').map((p) =>
    at(p, 'containerPort'),
  );
  assert.ok(ports.includes(secure), `the clickhouse container exposes ${secure}`);
  const pods = podNames(CLUSTER, 'clickhouse');
  const replicas = many(at(cluster, 'remote_servers', 'nexus', 'shard'))
    .flatMap((s) => many(at(s, 'replica')))
    .map((r) => dict(r, 'replica'));
  for (const r of replicas) {
    assert.ok(
      pods.includes(String(r['host'])),
      `replica ${String(r['host'])} is a pod of ${pods.join(', ')}`,
    );
    assert.equal(
      Number(r['port']),
      secure,
      `replica ${String(r['host'])} on the secure native port ${secure}`,
    );
    assert.equal(Number(r['secure']), 1, `replica ${String(r['host'])} connects with TLS`);
  }
  assert.deepEqual(replicas.map((r) => String(r['host'])).sort(), pods, 'every pod is a replica');
  // One place decides the interserver host: exactly one mounted file sets it.
  const setters = [...xml].filter(([, x]) => x['interserver_http_host'] !== undefined).map(([f]) => f);
  assert.equal(setters.length, 1, `interserver_http_host is set once, not in ${setters.join(' and ')}`);
});

test('cluster: every Keeper host, of ClickHouse and of the Raft ensemble, is a clickhouse-keeper pod on its TLS port', () => {
  const ch = mountedXml(
    CLUSTER,
    named(CLUSTER, 'StatefulSet', 'clickhouse'),
    container(CLUSTER, 'clickhouse'),
  );
  const keeperXml = mountedXml(
    CLUSTER,
    named(CLUSTER, 'StatefulSet', 'clickhouse-keeper'),
    container(CLUSTER, 'clickhouse-keeper'),
  );
  const server = dict(at(keeperXml.get('keeper.xml'), 'keeper_server'), 'keeper_server');
  const pods = podNames(CLUSTER, 'clickhouse-keeper');
  const ports = optList(container(CLUSTER, 'clickhouse-keeper')['ports'], 'ports').map((p) =>
    Number(at(p, 'containerPort')),
  );
  // Clients: TLS only (the plain port is removed), on a port the container exposes.
  assert.equal(at(server, 'tcp_port', '@_remove'), '1', 'keeper.xml removes the plain client port');
  const client = Number(server['tcp_port_secure']);
  assert.ok(ports.includes(client), `the keeper container exposes its client port ${client}`);
  const nodes = many(at(ch.get('cluster.xml'), 'zookeeper', 'node')).map((n) => dict(n, 'zookeeper node'));
  for (const n of nodes) {
    assert.ok(
      pods.includes(String(n['host'])),
      `zookeeper node ${String(n['host'])} is a pod of ${pods.join(', ')}`,
    );
    assert.equal(Number(n['port']), client, `zookeeper node ${String(n['host'])} on ${client}`);
    assert.equal(Number(n['secure']), 1, `zookeeper node ${String(n['host'])} connects with TLS`);
  }
  assert.deepEqual(nodes.map((n) => String(n['host'])).sort(), pods, 'ClickHouse knows every Keeper pod');
  // Raft: server i+1 is pod i (KEEPER_SERVER_ID = ordinal + 1), over TLS, on an exposed port.
  const raft = dict(server['raft_configuration'], 'raft_configuration');
  assert.equal(raft['secure'], true, 'Raft between the Keeper nodes is TLS');
  const servers = many(raft['server']).map((s) => dict(s, 'raft server'));
  assert.deepEqual(
    servers.map((s) => [Number(s['id']), String(s['hostname'])]),
    pods.map((p, i) => [i + 1, p]),
  );
  for (const s of servers)
    assert.ok(
      ports.includes(Number(s['port'])),
      `the keeper container exposes Raft port ${String(s['port'])}`,
    );
});

test('every from_env variable of a mounted ClickHouse or Keeper XML is set in that container (Secrets from k8s/10-secrets.yaml)', () => {
  let checked = 0;
  for (const dir of MODES) {
    for (const w of objects(dir).filter((o) => WORKLOADS.has(String(o['kind'])))) {
      for (const c of containers(w)) {
        const xml = mountedXml(dir, w, c);
        if (xml.size === 0) continue;
        const env = containerEnv(dir, c);
        for (const [file, x] of xml) {
          for (const v of fromEnv(x)) {
            assert.ok(
              env.has(v),
              `${dir}: ${String(at(w, 'metadata', 'name'))}/${String(c['name'])} sets ${v} (${file})`,
            );
            checked++;
          }
        }
      }
    }
  }
  assert.ok(checked > 10, `checked ${checked} variables`);
});
