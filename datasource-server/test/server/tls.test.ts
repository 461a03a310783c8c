// nexus-api over HTTPS (NEXUS_TLS_CERT/NEXUS_TLS_KEY): HEC, search and the plugin backend's client trust the
// CA and are refused without it; a rotated certificate is served without a restart.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { ADMIN_TOKEN, tempDir } from '../helpers/env.ts';
import type { Running } from '../helpers/server.ts';
import { start, stop } from '../helpers/server.ts';
import { httpsRequest, readPem, selfSigned } from '../helpers/tls.ts';
import type { CertFiles } from '../helpers/tls.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const dir = tempDir();
let first: CertFiles;
let server: Running;
// The files nexus-api reads; the test overwrites them to rotate the certificate.
const certFile = path.join(dir, 'tls.crt');
const keyFile = path.join(dir, 'tls.key');

before(async () => {
  first = selfSigned(dir, 'first');
  fs.copyFileSync(first.cert, certFile);
  fs.copyFileSync(first.key, keyFile);
  server = await start({
    NEXUS_DATA_DIR: path.join(dir, 'data'),
    NEXUS_ADMIN_TOKEN: ADMIN_TOKEN,
    NEXUS_BATCH_MAX_WAIT_MS: '20',
    NEXUS_TLS_CERT: certFile,
    NEXUS_TLS_KEY: keyFile,
    NEXUS_TLS_RELOAD_MS: '200',
  });
});

after(async () => {
  if (server) await stop(server);
  fs.rmSync(dir, { recursive: true, force: true });
});

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' };

test('config: NEXUS_TLS_CERT and NEXUS_TLS_KEY go together', () => {
  assert.equal(loadConfig({}).tls, undefined);
  assert.deepEqual(loadConfig({ NEXUS_TLS_CERT: '/c', NEXUS_TLS_KEY: '/k' }).tls, {
    certFile: '/c',
    keyFile: '/k',
    reloadMs: 10_000,
  });
  assert.throws(() => loadConfig({ NEXUS_TLS_CERT: '/c' }), ConfigError);
});

test('HEC and search over HTTPS with the CA', async () => {
  const ca = readPem(first.cert);
  const hec = await httpsRequest(
    server.port,
    ca,
    'POST',
    '/services/collector/event',
    { Authorization: `Splunk ${ADMIN_TOKEN}` },
    JSON.stringify({ event: 'tls ok', host: 'tls-host', index: 'main' }),
  );
  assert.deepEqual([hec.status, JSON.parse(hec.body)], [200, { text: 'Success', code: 0 }]);
  // The event was acknowledged after commit: the next search sees it.
  const search = await httpsRequest(
    server.port,
    ca,
    'POST',
    '/query/spl',
    auth,
    JSON.stringify({ query: 'index=main host=tls-host | stats count', earliest: '-1h' }),
  );
  assert.equal(search.status, 200, search.body);
  assert.deepEqual((JSON.parse(search.body) as { rows: unknown[][] }).rows, [[1]]);
});

test('a client without the CA is refused, and plain HTTP gets no answer', async () => {
  await assert.rejects(
    httpsRequest(server.port, undefined, 'GET', '/health/ready'),
    (err: NodeJS.ErrnoException) => err.code === 'DEPTH_ZERO_SELF_SIGNED_CERT',
  );
  // A CA that did not sign the server's certificate is no better.
  const other = selfSigned(dir, 'other');
  await assert.rejects(httpsRequest(server.port, readPem(other.cert), 'GET', '/health/ready'));
  await assert.rejects(fetch(`http://127.0.0.1:${server.port}/health/ready`));
});

/** Runs the plugin backend's nexus-api client (plugin/backend/nexus.ts) in a fresh Node with `env`. */
function pluginSearch(env: Record<string, string>): { ok: boolean; out: string } {
  const script = `
    import { runSpl } from ${JSON.stringify(path.join(ROOT, 'plugin/backend/nexus.ts'))};
    try {
      const r = await runSpl({ url: 'https://localhost:${server.port}', authorization: 'Bearer ${ADMIN_TOKEN}' },
        { query: 'index=main host=tls-host | stats count', earliest: '-1h' });
      console.log(JSON.stringify({ ok: true, rows: r.rows }));
    } catch (err) { console.log(JSON.stringify({ ok: false, message: err.message, status: err.status })); }`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    encoding: 'utf8',
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return { ok: (JSON.parse(line || '{"ok":false}') as { ok: boolean }).ok, out: line + r.stderr };
}

test('the plugin backend reaches nexus-api over HTTPS with NODE_EXTRA_CA_CERTS, not without', () => {
  const trusted = pluginSearch({ NODE_EXTRA_CA_CERTS: first.cert });
  assert.ok(trusted.ok, trusted.out);
  assert.match(trusted.out, /"rows":\[\[1\]\]/);
  const untrusted = pluginSearch({});
  assert.ok(!untrusted.ok, untrusted.out);
  assert.match(untrusted.out, /cannot reach nexus-api at https:\/\/localhost:\d+: self-signed certificate/);
});

test('a rotated certificate is served without a restart; a half-written pair is skipped', async () => {
  const before = await httpsRequest(server.port, readPem(first.cert), 'GET', '/health/live');
  const second = selfSigned(dir, 'second');
  // A file read while it is rewritten can be empty: an empty certificate must not be taken (it makes a
  // context with no certificate, which fails every handshake).
  fs.writeFileSync(certFile, '');
  await new Promise((r) => setTimeout(r, 600));
  const whileEmpty = await httpsRequest(server.port, readPem(first.cert), 'GET', '/health/live');
  assert.equal(whileEmpty.fingerprint, before.fingerprint);
  // cert-manager's order is not guaranteed: the new certificate with the old key must not be taken.
  fs.copyFileSync(second.cert, certFile);
  await new Promise((r) => setTimeout(r, 600));
  const stillFirst = await httpsRequest(server.port, readPem(first.cert), 'GET', '/health/live');
  assert.equal(stillFirst.fingerprint, before.fingerprint);
  fs.copyFileSync(second.key, keyFile);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const r = await httpsRequest(
      server.port,
      readPem(first.cert) + readPem(second.cert),
      'GET',
      '/health/live',
    ).catch(() => undefined);
    if (r && r.fingerprint !== before.fingerprint) {
      assert.equal(r.status, 200);
      break;
    }
    assert.ok(Date.now() < deadline, 'the new certificate was not served within 20 s');
    await new Promise((res) => setTimeout(res, 100));
  }
  // Only the new CA is needed now; the old one is refused.
  assert.equal((await httpsRequest(server.port, readPem(second.cert), 'GET', '/health/live')).status, 200);
  await assert.rejects(httpsRequest(server.port, readPem(first.cert), 'GET', '/health/live'));
  assert.match(server.stdout(), /tls: new certificate not usable yet/);
  assert.match(server.stdout(), /tls: certificate reloaded/);
});
