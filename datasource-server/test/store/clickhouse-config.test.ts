// The ClickHouse server configuration shipped in k8s/clickhouse/config/ (one source for Kubernetes and Compose):
// every file is well-formed XML, the cluster, Keeper and storage files agree with each other and with the
// service, and deploy/compose.clickhouse-cluster.yml runs 3 replicas + 3 Keeper nodes on exactly those files.
// (storage.xml and backups.xml are also opened by chDB itself: store/tiers.test.ts, backup/service.test.ts.)

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse, validate } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';
import { VOLUMES } from '../../src/store/ttl.ts';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const CONFIG_DIR = path.join(REPO, 'k8s/clickhouse/config');

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const node = (v: unknown, what: string): Node => {
  assert.ok(isNode(v), `${what} is an element`);
  return v;
};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** A shipped file as a tree (attributes as `@_name`), its root `<clickhouse>`. */
function config(name: string): Node {
  const xml = fs.readFileSync(path.join(CONFIG_DIR, name), 'utf8');
  return node(node(parse(xml, { ignoreAttributes: false }), name)['clickhouse'], `${name} <clickhouse>`);
}

test('every XML file is well-formed with a <clickhouse> root', () => {
  const files = fs.readdirSync(CONFIG_DIR).filter((f) => f.endsWith('.xml'));
  for (const required of ['storage.xml', 'cluster.xml', 'keeper.xml', 'backups.xml']) {
    assert.ok(files.includes(required), required);
  }
  for (const f of files) {
    const xml = fs.readFileSync(path.join(CONFIG_DIR, f), 'utf8');
    const valid = validate(xml);
    assert.equal(valid, true, `${f}: ${JSON.stringify(valid)}`);
    config(f);
  }
  // The guide's own example closes <cold_vol> with </hot_vol>; a mismatch like it is caught here.
  assert.notEqual(validate('<clickhouse><cold_vol><disk>cold</disk></hot_vol></clickhouse>'), true);
});

test('storage.xml: the `tiered` policy has the hot (default), cold and s3 volumes the TTL moves to', () => {
  const storage = node(config('storage.xml')['storage_configuration'], 'storage_configuration');
  const disks = node(storage['disks'], 'disks');
  const volumes = node(node(node(storage['policies'], 'policies')['tiered'], 'tiered')['volumes'], 'volumes');
  assert.deepEqual(Object.keys(volumes), ['default', VOLUMES.cold, VOLUMES.s3]);
  for (const [name, v] of Object.entries(volumes)) {
    const disk = String(node(v, name)['disk']);
    assert.ok(disk === 'default' || disk in disks, `volume ${name}: disk ${disk} is defined`);
  }
  const s3 = node(disks['s3'], 's3 disk');
  assert.equal(s3['type'], 's3');
  // No credentials in the file: they come from the server's environment.
  for (const k of ['endpoint', 'access_key_id', 'secret_access_key']) {
    assert.match(String(node(s3[k], k)['@_from_env']), /^NEXUS_TIER_S3_/);
  }
});

test('cluster.xml and keeper.xml: one shard of 3 replicas, 3 Keeper nodes, the same hosts everywhere', () => {
  const cluster = config('cluster.xml');
  const nexus = node(node(cluster['remote_servers'], 'remote_servers')['nexus'], 'nexus');
  const shards = list(nexus['shard']);
  assert.equal(shards.length, 1);
  const shard = node(shards[0], 'shard');
  assert.equal(shard['internal_replication'], true);
  const replicas = list(shard['replica']).map((r) => String(node(r, 'replica')['host']));
  assert.deepEqual(replicas, ['clickhouse-1', 'clickhouse-2', 'clickhouse-3']);
  const macros = node(cluster['macros'], 'macros');
  assert.equal(node(macros['replica'], 'replica')['@_from_env'], 'CLICKHOUSE_REPLICA');
  assert.equal(node(macros['shard'], 'shard')['@_from_env'], 'CLICKHOUSE_SHARD');
  assert.equal(node(nexus['secret'], 'secret')['@_from_env'], 'CLICKHOUSE_CLUSTER_SECRET');
  const zk = list(node(cluster['zookeeper'], 'zookeeper')['node']).map(
    (n) => `${String(node(n, 'node')['host'])}:${String(node(n, 'node')['port'])}`,
  );

  const keeper = node(config('keeper.xml')['keeper_server'], 'keeper_server');
  const raft = list(node(keeper['raft_configuration'], 'raft_configuration')['server']).map((s) =>
    node(s, 'server'),
  );
  assert.deepEqual(
    raft.map((s) => s['id']),
    [1, 2, 3],
  );
  assert.deepEqual(
    zk,
    raft.map((s) => `${String(s['hostname'])}:${String(keeper['tcp_port'])}`),
  );
  assert.equal(node(keeper['server_id'], 'server_id')['@_from_env'], 'KEEPER_SERVER_ID');
});

test('backups.xml: the backups disk and the allowed path', () => {
  const c = config('backups.xml');
  const backups = node(c['backups'], 'backups');
  assert.equal(backups['allowed_disk'], 'backups');
  assert.equal(backups['allowed_path'], '/backups/');
  const disks = node(node(c['storage_configuration'], 'storage_configuration')['disks'], 'disks');
  assert.ok('backups' in disks);
});

test('deploy/compose.clickhouse-cluster.yml: 3 replicas + 3 Keeper nodes on the shipped files', () => {
  const compose = node(
    parseYaml(fs.readFileSync(path.join(REPO, 'deploy/compose.clickhouse-cluster.yml'), 'utf8'), {
      merge: true,
    }),
    'compose',
  );
  const services = node(compose['services'], 'services');
  assert.deepEqual(Object.keys(services).sort(), [
    'clickhouse-1',
    'clickhouse-2',
    'clickhouse-3',
    'keeper-1',
    'keeper-2',
    'keeper-3',
  ]);
  const mounts = (s: Node): Map<string, string> =>
    new Map(
      list(s['volumes'])
        .map(String)
        .filter((v) => v.startsWith('../'))
        .map((v) => {
          const [src = '', dst = ''] = v.split(':');
          assert.ok(fs.existsSync(path.join(REPO, 'deploy', src)), `${src} exists`);
          return [dst, path.basename(src)];
        }),
    );
  for (const i of [1, 2, 3]) {
    const ch = node(services[`clickhouse-${i}`], `clickhouse-${i}`);
    assert.equal(ch['hostname'], `clickhouse-${i}`);
    const env = node(ch['environment'], 'environment');
    assert.equal(env['CLICKHOUSE_REPLICA'], `clickhouse-${i}`);
    assert.equal(env['CLICKHOUSE_SHARD'], '01');
    assert.match(String(env['CLICKHOUSE_PASSWORD']), /^\$\{CLICKHOUSE_PASSWORD:\?/);
    assert.deepEqual(
      [...mounts(ch)].sort(),
      ['backups.xml', 'cluster.xml', 'storage.xml'].map((f) => [`/etc/clickhouse-server/config.d/${f}`, f]),
    );
    assert.ok(String(ch['image']).startsWith('clickhouse/clickhouse-server:'));
    const keeper = node(services[`keeper-${i}`], `keeper-${i}`);
    assert.equal(keeper['hostname'], `keeper-${i}`);
    assert.equal(node(keeper['environment'], 'environment')['KEEPER_SERVER_ID'], String(i));
    assert.deepEqual([...mounts(keeper)], [['/etc/clickhouse-keeper/keeper_config.xml', 'keeper.xml']]);
    assert.ok(String(keeper['image']).startsWith('clickhouse/clickhouse-keeper:'));
  }
});
