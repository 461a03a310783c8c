// OIDC / JWT authentication end to end: a local OIDC issuer (discovery + JWKS on 127.0.0.1, keys from
// jose), the real app on a loopback port with OIDC configured, and tokens good and forged sent over HTTP.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SignJWT, base64url, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import type { CryptoKey, JWK, JWTHeaderParameters } from 'jose';
import { createOidcAuthenticator } from '../../src/auth/oidc.ts';
import type { OidcAuthenticator } from '../../src/auth/oidc.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import type { OidcConfig } from '../../src/config.ts';
import { listen } from '../../src/server.ts';
import type { RunningServer } from '../../src/server.ts';
import { createLogger } from '../../src/telemetry/logger.ts';
import type { TestEnv } from '../helpers/env.ts';
import { ADMIN_TOKEN, tempDir, testEnv } from '../helpers/env.ts';
import { start, stop } from '../helpers/server.ts';

const AUDIENCE = 'nexus-api';
const ROLE_MAP = 'nexus-admin=admin,nexus-editor=editor,nexus-viewer=viewer,nexus-ingest=ingest';
const COOLDOWN_S = 1;
const UNAUTHORIZED = { error: { code: 'unauthorized', message: 'invalid or revoked token' } };

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// ── Local HTTP servers: the OIDC issuer, and a stranger a forged `jku` points at ───────────────────────

interface LocalServer {
  base: string;
  /** Requests received, by path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

async function serve(route: (path: string) => unknown): Promise<LocalServer> {
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const body = route(path);
    res.writeHead(body === undefined ? 404 : 200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body ?? { error: 'not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK;
}

async function signingKey(kid: string, alg: 'RS256' | 'ES256' = 'RS256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, publicKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

// Keycloak's shape: the issuer is a realm URL, discovery under it, the key set at …/certs.
let issuerServer: LocalServer;
let stranger: LocalServer;
let issuer: string;
let published: SigningKey[] = [];
let k1: SigningKey;
let e1: SigningKey;
let k2: SigningKey;
let forger: SigningKey;

const CERTS = '/realms/nexus/protocol/openid-connect/certs';
const jwksFetches = (): number => issuerServer.hits.get(CERTS) ?? 0;

// ── Tokens ────────────────────────────────────────────────────────────────────────────────────────────

interface TokenOptions {
  key?: SigningKey;
  header?: Partial<JWTHeaderParameters>;
  claims?: Record<string, unknown>;
  iss?: string;
  aud?: string;
  /** null → no sub claim. */
  sub?: string | null;
  /** Seconds from now; null → no exp claim. */
  exp?: number | null;
  nbf?: number;
}

const now = (): number => Math.floor(Date.now() / 1000);

/** A token as Keycloak issues it (org_id from a protocol mapper, realm roles), overridable piecewise. */
function token(opts: TokenOptions = {}): Promise<string> {
  const key = opts.key ?? k1;
  const jwt = new SignJWT({
    org_id: 'acme',
    realm_access: { roles: ['offline_access', 'nexus-editor'] },
    preferred_username: 'alice',
    ...opts.claims,
  })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT', ...opts.header })
    .setIssuer(opts.iss ?? issuer)
    .setAudience(opts.aud ?? AUDIENCE)
    .setIssuedAt();
  if (opts.sub !== null) jwt.setSubject(opts.sub ?? 'f3c1c1a4-user-alice');
  if (opts.exp !== null) jwt.setExpirationTime(now() + (opts.exp ?? 300));
  if (opts.nbf !== undefined) jwt.setNotBefore(now() + opts.nbf);
  return jwt.sign(key.privateKey);
}

function b64json(v: unknown): string {
  return base64url.encode(JSON.stringify(v));
}

// ── The app ───────────────────────────────────────────────────────────────────────────────────────────

let env: TestEnv;
let app: RunningServer;
const logs: string[] = [];

function oidcEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    OIDC_ISSUER: issuer,
    OIDC_AUDIENCE: AUDIENCE,
    OIDC_ROLE_MAP: ROLE_MAP,
    OIDC_JWKS_COOLDOWN: String(COOLDOWN_S),
    ...extra,
  };
}

before(async () => {
  [k1, e1, k2, forger] = await Promise.all([
    signingKey('k1'),
    signingKey('e1', 'ES256'),
    signingKey('k2'),
    signingKey('k1'),
  ]);
  published = [k1, e1];
  issuerServer = await serve((path) => {
    if (path === '/realms/nexus/.well-known/openid-configuration') {
      return {
        issuer,
        jwks_uri: `${issuer}/protocol/openid-connect/certs`,
        id_token_signing_alg_values_supported: ['RS256'],
      };
    }
    if (path === CERTS) return { keys: published.map((k) => k.jwk) };
    return undefined;
  });
  issuer = `${issuerServer.base}/realms/nexus`;
  stranger = await serve(() => ({ keys: [forger.jwk] }));
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(line) });
  env = await testEnv(oidcEnv(), { logger });
  app = await listen(env.app, '127.0.0.1', 0);
  // Rows in two orgs: what a token sees proves which org it was mapped to.
  const row = {
    index: 'main',
    _time: Date.now() - 60_000,
    host: 'h',
    source: 's',
    sourcetype: 't',
    fields: {},
  };
  await env.store.insertLogs([
    ...[1, 2, 3].map((i) => ({ ...row, org_id: 'acme', _raw: `acme ${i}` })),
    ...[1, 2, 3, 4, 5].map((i) => ({ ...row, org_id: 'default', _raw: `default ${i}` })),
  ]);
});

after(async () => {
  await app?.close(100);
  await env?.close();
  await issuerServer?.close();
  await stranger?.close();
});

interface Answer {
  status: number;
  body: unknown;
  wwwAuthenticate: string | null;
}

async function call(method: string, path: string, credential: string, body?: string): Promise<Answer> {
  const res = await fetch(`http://127.0.0.1:${app.port}${path}`, {
    method,
    headers: { Authorization: `Bearer ${credential}`, 'Content-Type': 'application/json' },
    ...(body !== undefined ? { body } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text), wwwAuthenticate: res.headers.get('WWW-Authenticate') };
}

const spl = (credential: string, query = 'index=main | stats count'): Promise<Answer> =>
  call('POST', '/query/spl', credential, JSON.stringify({ query }));

interface SplBody {
  rows: unknown[][];
  meta: { params: Record<string, unknown> };
}

function splBody(a: Answer): SplBody {
  assert.equal(a.status, 200, JSON.stringify(a.body));
  return a.body as SplBody;
}

/** Every refused credential gets exactly this: 401, the same body, the same challenge. */
function assertRefused(a: Answer, what: string): void {
  assert.deepEqual(
    { status: a.status, body: a.body, www: a.wwwAuthenticate },
    { status: 401, body: UNAUTHORIZED, www: 'Bearer error="invalid_token"' },
    what,
  );
}

describe('OIDC bearer tokens through the app', () => {
  test('a valid RS256 token is accepted and searches its own org only', async () => {
    const got = splBody(await spl(await token()));
    assert.deepEqual(got.rows, [[3]]);
    assert.ok(Object.values(got.meta.params).includes('acme'), JSON.stringify(got.meta.params));
    // The service token of org default still works beside JWTs, and sees its own rows.
    assert.deepEqual(splBody(await spl(ADMIN_TOKEN)).rows, [[5]]);
    // One discovery, one key-set fetch so far.
    assert.equal(issuerServer.hits.get('/realms/nexus/.well-known/openid-configuration'), 1);
    assert.equal(jwksFetches(), 1);
  });

  test('an ES256 token from the same key set is accepted; a token 10 s past exp is within tolerance', async () => {
    assert.deepEqual(splBody(await spl(await token({ key: e1 }))).rows, [[3]]);
    assert.deepEqual(splBody(await spl(await token({ exp: -10 }))).rows, [[3]]);
    assert.equal(jwksFetches(), 1);
  });

  test('forged, expired, misaddressed and malformed tokens are all the same 401', async () => {
    const before = jwksFetches();
    const pem = await exportSPKI(k1.publicKey);
    const hs = (secret: Uint8Array): Promise<string> =>
      new SignJWT({ org_id: 'acme', realm_access: { roles: ['nexus-admin'] } })
        .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
        .setIssuer(issuer)
        .setAudience(AUDIENCE)
        .setSubject('mallory')
        .setExpirationTime('5m')
        .sign(secret);
    const valid = await token();
    const [h, p] = valid.split('.');
    const cases: Record<string, string> = {
      'alg none': `${b64json({ alg: 'none', typ: 'JWT' })}.${p ?? ''}.`,
      'alg none with a kid': `${b64json({ alg: 'none', kid: 'k1' })}.${p ?? ''}.`,
      'HS256 keyed by the public PEM': await hs(new TextEncoder().encode(pem)),
      'HS256 keyed by the public JWK': await hs(new TextEncoder().encode(JSON.stringify(k1.jwk))),
      'wrong issuer': await token({ iss: `${issuerServer.base}/realms/other` }),
      'wrong audience': await token({ aud: 'account' }),
      'expired beyond tolerance': await token({ exp: -120 }),
      'nbf beyond tolerance': await token({ nbf: 120 }),
      'no exp': await token({ exp: null }),
      'same kid, another key': await token({ key: forger }),
      'signature of another token': `${h ?? ''}.${b64json({ org_id: 'other', sub: 'x' })}.${valid.split('.')[2] ?? ''}`,
      garbage: 'garbage',
      'two segments': `${h ?? ''}.${p ?? ''}`,
      'bad base64 header': `!!!.${p ?? ''}.sig`,
      'base64 of non-JSON header': `${base64url.encode('not json')}.${p ?? ''}.sig`,
      'JSON array header': `${b64json(['RS256'])}.${p ?? ''}.sig`,
      'header with a key of its own (jwk)': await token({ key: forger, header: { jwk: forger.jwk } }),
      'x5u header': await token({ header: { x5u: `${stranger.base}/cert.pem` } }),
    };
    for (const [what, credential] of Object.entries(cases)) assertRefused(await spl(credential), what);
    // None of these reached the key set: alg, header and signature checks need no refetch.
    assert.equal(jwksFetches(), before);
    // The reason is in the server log (debug), the credential itself never is.
    const joined = logs.join('\n');
    assert.match(joined, /"msg":"auth: JWT rejected".*ERR_JWT_EXPIRED/);
    assert.match(joined, /"reason":"alg \\"HS256\\" is not in OIDC_ALGORITHMS"/);
    assert.ok(!joined.includes(valid.split('.')[2] ?? 'x'), 'a signature was logged');
  });

  test('a jku header pointing at another server is refused, and that server gets no request', async () => {
    await sleep(COOLDOWN_S * 1000 + 100);
    const stranger0 = [...stranger.hits.values()].reduce((a, b) => a + b, 0);
    const viaJku = (kid: string): Promise<string> =>
      token({ key: forger, header: { kid, jku: `${stranger.base}/jwks.json` } });
    assertRefused(await spl(await viaJku('k1')), 'jku, known kid');
    assertRefused(await spl(await viaJku('attacker-1')), 'jku, unknown kid');
    assert.equal([...stranger.hits.values()].reduce((a, b) => a + b, 0) - stranger0, 0);
    assert.equal(stranger0, 0);
    // Refused for naming a key source, before any key lookup.
    assert.match(logs.join('\n'), /"reason":"header names its own key \(jku\)"/);
  });

  test('unknown kids cause at most one key-set refetch per cooldown', async () => {
    await sleep(COOLDOWN_S * 1000 + 100);
    const before = jwksFetches();
    const unknown = await Promise.all(
      ['u1', 'u2', 'u3', 'u4', 'u5'].map((kid) => token({ key: { ...forger, kid } })),
    );
    const answers = await Promise.all(unknown.map((t) => spl(t)));
    answers.forEach((a, i) => assertRefused(a, `unknown kid ${i}`));
    for (const t of unknown) assertRefused(await spl(t), 'unknown kid, again');
    assert.equal(jwksFetches() - before, 1);
  });

  test('key rotation: a token signed by a newly published key works after one refetch', async () => {
    published = [k2, k1, e1];
    await sleep(COOLDOWN_S * 1000 + 100);
    const before = jwksFetches();
    const rotated = await token({ key: k2 });
    assert.deepEqual(splBody(await spl(rotated)).rows, [[3]]);
    assert.deepEqual(splBody(await spl(await token({ key: k2 }))).rows, [[3]]);
    assert.deepEqual(splBody(await spl(await token({ key: k1 }))).rows, [[3]]);
    assert.equal(jwksFetches() - before, 1);
  });

  test('Keycloak realm roles map through OIDC_ROLE_MAP; a viewer cannot write a lookup', async () => {
    const viewer = await token({
      claims: { realm_access: { roles: ['default-roles-nexus', 'nexus-viewer'] } },
    });
    assert.equal((await spl(viewer, '| makeresults')).status, 200);
    const put = await fetch(`http://127.0.0.1:${app.port}/lookups/hosts`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${viewer}`, 'Content-Type': 'text/csv' },
      body: 'host,owner\nh,alice\n',
    });
    assert.equal(put.status, 403);
    const editor = await token();
    const ok = await fetch(`http://127.0.0.1:${app.port}/lookups/hosts`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${editor}`, 'Content-Type': 'text/csv' },
      body: 'host,owner\nh,alice\n',
    });
    assert.equal(ok.status, 201, await ok.text());
    // Written under the token's org: its viewer lists it, org default does not.
    const names = async (credential: string): Promise<unknown> =>
      ((await call('GET', '/lookups', credential)).body as { lookups: { name: string }[] }).lookups.map(
        (l) => l.name,
      );
    assert.deepEqual(await names(viewer), ['hosts']);
    assert.deepEqual(await names(ADMIN_TOKEN), []);
  });

  test('no org claim, an unsafe org id, no mappable role or no sub is a 401, logged as a warning', async () => {
    const cases: Record<string, TokenOptions['claims']> = {
      'no org claim': { org_id: undefined },
      'org with a slash': { org_id: '../default' },
      'org too long': { org_id: 'a'.repeat(65) },
      'org as a number': { org_id: 42 },
      'org as an array': { org_id: ['acme'] },
      'unmapped roles only': { realm_access: { roles: ['admin', 'offline_access'] } },
      'no roles claim': { realm_access: undefined },
    };
    for (const [what, claims] of Object.entries(cases))
      assertRefused(await spl(await token({ claims })), what);
    assertRefused(await spl(await token({ sub: null })), 'no sub');
    assert.match(logs.join('\n'), /"level":"warn","msg":"auth: JWT rejected".*no org_id claim/);
    assert.match(logs.join('\n'), /"level":"warn","msg":"auth: JWT rejected".*no usable sub claim/);
  });

  test('service-token failures answer the same 401 as JWT failures on the JSON API', async () => {
    assertRefused(await spl('00000000-0000-4000-8000-000000000000'), 'unknown service token');
  });
});

// ── The authenticator on its own, under other settings ────────────────────────────────────────────────

function oidcConfig(extra: Record<string, string>): OidcConfig {
  const cfg = loadConfig(oidcEnv(extra)).oidc;
  if (cfg === undefined) throw new Error('OIDC is off');
  return cfg;
}

describe('claim mapping', () => {
  let auth: OidcAuthenticator;
  before(() => {
    auth = createOidcAuthenticator(
      oidcConfig({
        OIDC_ORG_CLAIM: 'https://nexus.example/org',
        OIDC_ROLE_CLAIM: 'resource_access.nexus-api.roles',
        OIDC_ROLE_MAP: 'reader=viewer,writer=editor,boss=admin,shipper=ingest',
        OIDC_DEFAULT_ORG: 'fallback',
      }),
    );
  });

  const roles = (r: unknown): TokenOptions => ({
    claims: { resource_access: { 'nexus-api': { roles: r } } },
  });

  test('the strongest role wins; ingest only when nothing else maps; a single string works', async () => {
    const roleOf = async (r: unknown): Promise<string | undefined> =>
      (await auth.verify(await token(roles(r))))?.role;
    assert.equal(await roleOf(['reader', 'boss', 'writer']), 'admin');
    assert.equal(await roleOf(['shipper', 'reader']), 'viewer');
    assert.equal(await roleOf(['shipper']), 'ingest');
    assert.equal(await roleOf('writer'), 'editor');
    assert.equal(await roleOf(['nexus-admin', 42, null]), undefined);
    assert.equal(await roleOf({ boss: true }), undefined);
  });

  test('a literally named claim is taken; OIDC_DEFAULT_ORG only when the claim is absent', async () => {
    const named = await auth.verify(
      await token({
        ...roles(['reader']),
        claims: { ...roles(['reader']).claims, 'https://nexus.example/org': 'globex' },
      }),
    );
    assert.deepEqual(named, { orgId: 'globex', role: 'viewer', subject: 'f3c1c1a4-user-alice', via: 'oidc' });
    assert.equal((await auth.verify(await token(roles(['reader']))))?.orgId, 'fallback');
    const bad = { ...roles(['reader']).claims, 'https://nexus.example/org': 'no spaces' };
    assert.equal(await auth.verify(await token({ claims: bad })), undefined);
  });

  test('an unreachable issuer is a refusal logged as a warning, not a crash', async () => {
    const down = await serve(() => undefined);
    const downIssuer = `${down.base}/realms/nexus`;
    await down.close();
    const lines: string[] = [];
    const offline = createOidcAuthenticator(
      { ...oidcConfig({}), issuer: downIssuer },
      { logger: createLogger({ write: (l) => lines.push(l) }) },
    );
    assert.equal(await offline.warmUp(), false);
    assert.equal(await offline.verify(await token({ iss: downIssuer })), undefined);
    assert.match(lines.join('\n'), /"level":"warn".*issuer/);
  });

  test('a discovery document naming another issuer is not trusted', async (t) => {
    const lying = await serve((path) =>
      path.endsWith('/.well-known/openid-configuration')
        ? { issuer, jwks_uri: `${issuer}/protocol/openid-connect/certs` }
        : undefined,
    );
    t.after(() => lying.close());
    const liar = `${lying.base}/realms/nexus`;
    const auth2 = createOidcAuthenticator({ ...oidcConfig({}), issuer: liar });
    assert.equal(await auth2.verify(await token({ iss: liar })), undefined);
    assert.equal(lying.hits.get('/realms/nexus/.well-known/openid-configuration'), 1);
  });

  test('OIDC_JWKS_URL skips discovery', async () => {
    const discovery0 = issuerServer.hits.get('/realms/nexus/.well-known/openid-configuration') ?? 0;
    const direct = createOidcAuthenticator(
      oidcConfig({ OIDC_JWKS_URL: `${issuer}/protocol/openid-connect/certs` }),
    );
    assert.equal((await direct.verify(await token()))?.role, 'editor');
    assert.equal(issuerServer.hits.get('/realms/nexus/.well-known/openid-configuration'), discovery0);
  });
});

describe('OIDC configuration', () => {
  const err = (env: Record<string, string>): string => {
    try {
      loadConfig(env);
    } catch (e) {
      if (e instanceof ConfigError) return e.message;
      throw e;
    }
    return 'no error';
  };

  test('off by default; inconsistent settings name the variable', () => {
    assert.equal(loadConfig({}).oidc, undefined);
    const iss = 'https://keycloak.example/realms/acme';
    assert.match(err({ OIDC_ISSUER: iss }), /^OIDC_AUDIENCE is required/);
    assert.match(err({ OIDC_AUDIENCE: 'x' }), /^OIDC_AUDIENCE is set but OIDC is off/);
    assert.match(err({ OIDC_JWKS_URL: `${iss}/certs` }), /^OIDC_JWKS_URL is set without OIDC_ISSUER/);
    assert.match(
      err({ OIDC_ISSUER: 'http://keycloak:8080/realms/a', OIDC_AUDIENCE: 'x' }),
      /^OIDC_ISSUER must be https/,
    );
    assert.match(err({ OIDC_ISSUER: 'not a url', OIDC_AUDIENCE: 'x' }), /^OIDC_ISSUER is not a URL/);
    for (const alg of ['none', 'HS256', 'RS256,HS512']) {
      assert.match(
        err({ OIDC_ISSUER: iss, OIDC_AUDIENCE: 'x', OIDC_ALGORITHMS: alg }),
        /^OIDC_ALGORITHMS must list asymmetric/,
      );
    }
    assert.match(
      err({ OIDC_ISSUER: iss, OIDC_AUDIENCE: 'x', OIDC_ROLE_MAP: 'a=root' }),
      /^OIDC_ROLE_MAP must be/,
    );
    assert.match(
      err({ OIDC_ISSUER: iss, OIDC_AUDIENCE: 'x', OIDC_DEFAULT_ORG: 'a b' }),
      /^OIDC_DEFAULT_ORG must be/,
    );
    assert.match(
      err({ OIDC_ISSUER: iss, OIDC_AUDIENCE: 'x', NEXUS_ADMIN_TOKEN: 'aaaaaaaa.bbbbbbbb.cccccccc' }),
      /^NEXUS_ADMIN_TOKEN must not look like a JWT/,
    );
    const ok = loadConfig({
      OIDC_ISSUER: 'http://keycloak:8080/realms/a',
      OIDC_AUDIENCE: 'a, b',
      OIDC_ALLOW_HTTP: 'true',
    });
    assert.deepEqual(
      { ...ok.oidc, roleMap: [...(ok.oidc?.roleMap ?? [])] },
      {
        issuer: 'http://keycloak:8080/realms/a',
        jwksUrl: undefined,
        audience: ['a', 'b'],
        algorithms: ['RS256', 'PS256', 'ES256'],
        clockToleranceSec: 30,
        orgClaim: 'org_id',
        roleClaim: 'realm_access.roles',
        roleMap: [
          ['admin', 'admin'],
          ['editor', 'editor'],
          ['viewer', 'viewer'],
          ['ingest', 'ingest'],
        ],
        defaultOrg: undefined,
        jwksCooldownMs: 30_000,
      },
    );
  });
});

describe('nexus-api started with OIDC settings', () => {
  test('main.ts wires OIDC: keys loaded at startup, a JWT and the admin token both work', async () => {
    const dir = tempDir();
    const running = await start({ NEXUS_DATA_DIR: dir, NEXUS_ADMIN_TOKEN: ADMIN_TOKEN, ...oidcEnv() });
    try {
      for (let i = 0; i < 50 && !running.stdout().includes('auth: OIDC keys loaded'); i++) await sleep(100);
      assert.match(running.stdout(), /"msg":"auth: OIDC keys loaded".*"keys":3/);
      const post = (credential: string): Promise<Response> =>
        fetch(`http://127.0.0.1:${running.port}/query/spl`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${credential}` },
          body: JSON.stringify({ query: '| makeresults' }),
        });
      assert.equal((await post(await token())).status, 200);
      assert.equal((await post(ADMIN_TOKEN)).status, 200);
      assert.equal((await post(await token({ aud: 'account' }))).status, 401);
    } finally {
      assert.equal(await stop(running), 0);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
