// OIDC / JWT bearer authentication: verifies a JWT against the configured issuer's key set (jose) and maps
// its claims to an org and a role.

import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { JWTPayload } from 'jose';
import type { OidcConfig } from '../config.ts';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';
import { isOrgId, looksLikeJwt } from './shapes.ts';
import type { Authenticator, Identity, Role } from './types.ts';

/** Longer credentials are refused unread (Keycloak tokens with many roles stay well below). */
const MAX_JWT_LENGTH = 16_384;
const MAX_SUBJECT_LENGTH = 255;
/** Discovery and JWKS requests give up after this long. */
const FETCH_TIMEOUT_MS = 5_000;

/**
 * Header parameters naming where a key comes from (a URL, or the key itself). The key set comes only from
 * the configuration, so a token carrying one of these is refused rather than silently half-trusted.
 */
const KEY_SOURCE_HEADERS = ['jku', 'x5u', 'jwk', 'x5c'] as const;

/** The strongest role wins when a token maps to several; `ingest` only when nothing else matches. */
const ROLE_RANK: Readonly<Record<Role, number>> = { admin: 3, editor: 2, viewer: 1, ingest: 0 };

type RemoteKeySet = ReturnType<typeof createRemoteJWKSet>;

export interface OidcAuthenticator extends Authenticator {
  /**
   * Runs discovery and loads the key set now, so the first request does not wait and a wrong issuer shows
   * in the startup log. Never throws: a failure is logged and retried on the next JWT.
   */
  warmUp(): Promise<boolean>;
}

export interface OidcAuthenticatorOptions {
  logger?: Logger;
}

/** Why a token was refused: logged server-side only, never sent to the caller. */
class Rejected extends Error {
  override readonly name = 'Rejected';
  constructor(
    message: string,
    /** `warn` when the IdP vouched for the caller yet it maps to no org or role: most likely a missing mapper. */
    readonly level: 'debug' | 'warn' = 'debug',
    readonly sub?: string,
  ) {
    super(message);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A claim by name or dotted path: a claim literally named `path` first (Auth0-style namespaced claims
 * such as `https://nexus.example/org`), then the path through nested objects (`realm_access.roles`).
 *
 * @example claimAt({ realm_access: { roles: ['a'] } }, 'realm_access.roles') // => ['a']
 */
export function claimAt(payload: Readonly<Record<string, unknown>>, path: string): unknown {
  if (Object.hasOwn(payload, path)) return payload[path];
  let cur: unknown = payload;
  for (const part of path.split('.')) {
    if (!isRecord(cur) || !Object.hasOwn(cur, part)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/**
 * The Nexus role for a role claim (a string or an array of strings) through `roleMap`; the strongest wins.
 *
 * @example mapRole(['nexus-viewer', 'nexus-editor'], new Map([['nexus-viewer', 'viewer'], ['nexus-editor', 'editor']])) // => 'editor'
 */
export function mapRole(claim: unknown, roleMap: ReadonlyMap<string, Role>): Role | undefined {
  const names = typeof claim === 'string' ? [claim] : Array.isArray(claim) ? claim : [];
  let best: Role | undefined;
  for (const name of names) {
    const role = typeof name === 'string' ? roleMap.get(name) : undefined;
    if (role !== undefined && (best === undefined || ROLE_RANK[role] > ROLE_RANK[best])) best = role;
  }
  return best;
}

/** Fetches `<issuer>/.well-known/openid-configuration` and returns its `jwks_uri`, checked. */
async function discoverJwksUri(issuer: string): Promise<URL> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const res = await fetch(url, {
    redirect: 'error',
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  if (res.status !== 200) throw new Error(`discovery ${url} answered ${res.status}`);
  const doc: unknown = await res.json();
  if (!isRecord(doc)) throw new Error(`discovery ${url} is not a JSON object`);
  // OpenID Connect Discovery 1.0 §4.3: the document's issuer must be exactly the one configured.
  if (doc['issuer'] !== issuer) {
    throw new Error(`discovery ${url} names issuer ${JSON.stringify(doc['issuer'])}, not ${issuer}`);
  }
  const jwksUri = doc['jwks_uri'];
  if (typeof jwksUri !== 'string') throw new Error(`discovery ${url} has no jwks_uri`);
  const parsed = new URL(jwksUri);
  // The key set is as trustworthy as its transport: https, unless the issuer itself is http (dev, loopback).
  if (parsed.protocol !== 'https:' && parsed.protocol !== new URL(issuer).protocol) {
    throw new Error(`discovery ${url} has a jwks_uri that is not https: ${jwksUri}`);
  }
  return parsed;
}

/**
 * Verifies `Bearer <JWT>` credentials: signature by a key of the configured issuer's JWKS (asymmetric
 * algorithms from the allow-list only), `iss`, `aud`, `exp` (required), `nbf`, with a small clock
 * tolerance; then maps the org and role claims. Every failure is `undefined` (a 401); the reason is
 * logged at debug level, or warn when the issuer is unreachable or a verified token lacks org or role.
 *
 * An unknown `kid` reloads the key set at most once per `jwksCooldownMs` (jose's `createRemoteJWKSet`,
 * which also reloads a set older than 10 minutes on next use, and shares one fetch between callers).
 *
 * @example const oidc = createOidcAuthenticator(config.oidc, { logger });
 * await oidc.verify(jwt) // => { orgId: 'acme', role: 'viewer', subject: '…sub…', via: 'oidc' }
 */
export function createOidcAuthenticator(
  cfg: OidcConfig,
  opts: OidcAuthenticatorOptions = {},
): OidcAuthenticator {
  const logger = (opts.logger ?? silentLogger).child({ component: 'oidc' });
  const algorithms = [...cfg.algorithms];
  let keySet: RemoteKeySet | undefined;
  let pending: Promise<RemoteKeySet> | undefined;
  let lastFailure = Number.NEGATIVE_INFINITY;

  async function load(): Promise<RemoteKeySet> {
    const jwksUrl = cfg.jwksUrl !== undefined ? new URL(cfg.jwksUrl) : await discoverJwksUri(cfg.issuer);
    logger.info('auth: OIDC key set located', { issuer: cfg.issuer, jwksUri: jwksUrl.href });
    return createRemoteJWKSet(jwksUrl, {
      cooldownDuration: cfg.jwksCooldownMs,
      timeoutDuration: FETCH_TIMEOUT_MS,
    });
  }

  /** The key set, after discovery; a failed discovery is retried at most once per cooldown. */
  function keys(): Promise<RemoteKeySet> {
    if (keySet !== undefined) return Promise.resolve(keySet);
    if (pending !== undefined) return pending;
    if (Date.now() - lastFailure < cfg.jwksCooldownMs) {
      return Promise.reject(new Error('OIDC discovery failed recently; waiting before retrying'));
    }
    pending = load()
      .then((k) => (keySet = k))
      .catch((err: unknown) => {
        lastFailure = Date.now();
        throw err;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  }

  /** Org and role from a verified token's claims; refusals here are warnings (see {@link Rejected}). */
  function identityFrom(payload: JWTPayload): Identity {
    const sub = typeof payload.sub === 'string' ? payload.sub : undefined;
    const refuse = (reason: string): Rejected => new Rejected(reason, 'warn', sub);
    if (sub === undefined || sub === '' || sub.length > MAX_SUBJECT_LENGTH)
      throw refuse('no usable sub claim');
    const orgClaim = claimAt(payload, cfg.orgClaim);
    const orgId = orgClaim === undefined ? cfg.defaultOrg : orgClaim;
    if (orgId === undefined) throw refuse(`no ${cfg.orgClaim} claim and no OIDC_DEFAULT_ORG`);
    if (!isOrgId(orgId)) throw refuse(`the ${cfg.orgClaim} claim is not a valid org id`);
    const role = mapRole(claimAt(payload, cfg.roleClaim), cfg.roleMap);
    if (role === undefined) throw refuse(`no role in ${cfg.roleClaim} maps to a Nexus role`);
    return { orgId, role, subject: sub, via: 'oidc' };
  }

  async function verifyOrThrow(token: string): Promise<Identity> {
    if (token.length > MAX_JWT_LENGTH || !looksLikeJwt(token)) throw new Rejected('not a compact JWT');
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw new Rejected('the header is not base64url JSON');
    }
    const keySource = KEY_SOURCE_HEADERS.find((h) => Object.hasOwn(header, h));
    if (keySource !== undefined) throw new Rejected(`header names its own key (${keySource})`);
    // Checked before any key lookup, so `none`, HS* or an unknown alg never costs a JWKS fetch.
    if (typeof header.alg !== 'string' || !algorithms.includes(header.alg)) {
      throw new Rejected(`alg ${JSON.stringify(header.alg)?.slice(0, 40)} is not in OIDC_ALGORITHMS`);
    }
    const { payload } = await jwtVerify(token, await keys(), {
      algorithms,
      issuer: cfg.issuer,
      audience: [...cfg.audience],
      requiredClaims: ['exp'],
      clockTolerance: cfg.clockToleranceSec,
    });
    return identityFrom(payload);
  }

  return {
    async verify(token: string): Promise<Identity | undefined> {
      try {
        return await verifyOrThrow(token);
      } catch (err) {
        if (err instanceof Rejected) {
          logger[err.level]('auth: JWT rejected', { reason: err.message, sub: err.sub });
        } else if (err instanceof errors.JOSEError && !isFetchFailure(err)) {
          logger.debug('auth: JWT rejected', { reason: err.message, code: err.code });
        } else {
          logger.warn('auth: cannot verify JWTs, the issuer or its key set is unavailable', { err });
        }
        return undefined;
      }
    },

    async warmUp(): Promise<boolean> {
      try {
        const k = await keys();
        await k.reload();
        logger.info('auth: OIDC keys loaded', { issuer: cfg.issuer, keys: k.jwks()?.keys.length ?? 0 });
        return true;
      } catch (err) {
        logger.warn('auth: OIDC issuer unavailable at startup; JWTs fail until it answers', { err });
        return false;
      }
    },
  };
}

/** jose errors that mean the key set could not be fetched, rather than a bad token. */
function isFetchFailure(err: errors.JOSEError): boolean {
  return (
    err.code === 'ERR_JWKS_TIMEOUT' || err.code === 'ERR_JOSE_GENERIC' || err.code === 'ERR_JWKS_INVALID'
  );
}
