// Service tokens: SHA-256 hashes in the `tokens` table, constant-time verification, first-start bootstrap.

import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/types.ts';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';
import type { Authenticator, Identity } from './types.ts';
import { isRole } from './types.ts';

export const DEFAULT_ORG = 'default';
/** Name of the token taken from NEXUS_ADMIN_TOKEN (a changed variable revokes the previous one). */
export const ENV_TOKEN_NAME = 'bootstrap (NEXUS_ADMIN_TOKEN)';
/** Name of the token generated on first start when NEXUS_ADMIN_TOKEN is unset. */
export const GENERATED_TOKEN_NAME = 'bootstrap (generated)';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

interface Entry {
  hash: Buffer;
  identity: Identity;
}

export interface TokenService extends Authenticator {
  /**
   * Ensures an admin token for org `default` exists. Returns the clear token only when one was just
   * generated (to be shown once); the table only ever holds its hash.
   */
  bootstrap(adminToken: string | undefined): Promise<{ generatedToken?: string }>;
  /** Reloads tokens from the table (called on a cache miss, at most every `refreshMs`). */
  refresh(): Promise<void>;
}

export interface TokenServiceOptions {
  store: Store;
  logger?: Logger;
  /** Minimum interval between reloads triggered by unknown tokens (default 5 s). */
  refreshMs?: number;
}

/**
 * Tokens are cached in memory by hash; an unknown token triggers a reload at most every `refreshMs`,
 * so tokens created elsewhere work within seconds and a flood of bad tokens costs no queries.
 */
export function createTokenService(opts: TokenServiceOptions): TokenService {
  const { store } = opts;
  const logger = opts.logger ?? silentLogger;
  const refreshMs = opts.refreshMs ?? 5_000;
  let byHash = new Map<string, Entry>();
  let lastRefresh = 0;
  let inflight: Promise<void> | undefined;

  async function load(): Promise<void> {
    const r = await store.query({
      sql: `SELECT token_hash, org_id, role, name, id
            FROM tokens FINAL
            WHERE NOT revoked AND (expires_at IS NULL OR expires_at > now64(3))`,
      params: {},
    });
    const next = new Map<string, Entry>();
    for (const [hash, orgId, role, name, id] of r.rows) {
      if (
        typeof hash !== 'string' ||
        typeof orgId !== 'string' ||
        typeof name !== 'string' ||
        typeof id !== 'string'
      )
        continue;
      if (!isRole(role)) {
        logger.warn('auth: ignoring a token with an unknown role', { role, name });
        continue;
      }
      next.set(hash, {
        hash: Buffer.from(hash, 'hex'),
        identity: { orgId, role, subject: name, via: 'token', tokenId: id },
      });
    }
    byHash = next;
    lastRefresh = Date.now();
  }

  function refresh(): Promise<void> {
    inflight ??= load().finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  function lookup(hashHex: string): Identity | undefined {
    const entry = byHash.get(hashHex);
    if (entry === undefined) return undefined;
    // The map lookup is keyed by a hash the caller cannot steer; the comparison is constant-time anyway.
    const presented = Buffer.from(hashHex, 'hex');
    return presented.length === entry.hash.length && timingSafeEqual(presented, entry.hash)
      ? entry.identity
      : undefined;
  }

  async function insertToken(hash: string, name: string): Promise<void> {
    await store.command(
      `INSERT INTO tokens (token_hash, org_id, role, name)
       VALUES ({h:FixedString(64)}, {o:String}, {r:String}, {n:String})`,
      { h: hash, o: DEFAULT_ORG, r: 'admin', n: name },
    );
  }

  async function revokeByName(name: string, keepHash: string): Promise<number> {
    const r = await store.query({
      sql: `SELECT token_hash, id, org_id, role, name, created_at FROM tokens FINAL
            WHERE name = {n:String} AND NOT revoked AND token_hash != {h:FixedString(64)}`,
      params: { n: name, h: keepHash },
    });
    for (const row of r.rows) {
      await store.command(
        `INSERT INTO tokens (token_hash, id, org_id, role, name, created_at, revoked)
         VALUES ({h:FixedString(64)}, {id:UUID}, {o:String}, {r:String}, {n:String}, {c:DateTime64(3)}, true)`,
        { h: row[0], id: row[1], o: row[2], r: row[3], n: row[4], c: row[5] },
      );
    }
    return r.rows.length;
  }

  return {
    refresh,

    async verify(token: string): Promise<Identity | undefined> {
      if (token === '' || token.length > 512) return undefined;
      const h = hashToken(token);
      const hit = lookup(h);
      if (hit !== undefined || Date.now() - lastRefresh < refreshMs) return hit;
      await refresh();
      return lookup(h);
    },

    async bootstrap(adminToken: string | undefined): Promise<{ generatedToken?: string }> {
      await refresh();
      if (adminToken !== undefined) {
        const h = hashToken(adminToken);
        if (lookup(h) === undefined) await insertToken(h, ENV_TOKEN_NAME);
        const revoked = await revokeByName(ENV_TOKEN_NAME, h);
        if (revoked > 0) logger.info('auth: revoked the previous NEXUS_ADMIN_TOKEN', { revoked });
        await refresh();
        return {};
      }
      const existing = await store.query({
        sql: 'SELECT count() FROM tokens WHERE name = {n:String}',
        params: { n: GENERATED_TOKEN_NAME },
      });
      // Once generated, never again (even if later revoked): the operator then manages tokens.
      if (Number(existing.rows[0]?.[0] ?? 0) > 0) return {};
      const token = randomUUID();
      await insertToken(hashToken(token), GENERATED_TOKEN_NAME);
      await refresh();
      return { generatedToken: token };
    },
  };
}
