// Service tokens: SHA-256 hashes in the `tokens` table, constant-time verification, first-start bootstrap,
// management (create, list, revoke) and last-use tracking.

import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { loadedTable } from '../store/cache.ts';
import { dateTime64ToIso, formatDateTime64 } from '../store/store.ts';
import type { Store } from '../store/types.ts';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';
import type { Authenticator, Identity, IngestSettings } from './types.ts';
import { isRole } from './types.ts';
import type { Role } from './types.ts';

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

/** A token as the admin API and CLI show it: never its hash, never the token itself. */
export interface TokenInfo {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly role: Role;
  /** Indexes the token may search and write; empty = every index of its org. */
  readonly indexes: readonly string[];
  /** The index of events that name none; null = the first of `indexes`, else `main`. */
  readonly defaultIndex: string | null;
  /** The sourcetype of events that name none; null = the protocol's default (`httpevent`, `vector`). */
  readonly defaultSourcetype: string | null;
  /** HEC indexer acknowledgement. */
  readonly ack: boolean;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly revoked: boolean;
}

export interface NewToken {
  readonly orgId: string;
  readonly name: string;
  readonly role: Role;
  readonly indexes?: readonly string[];
  /** Must be one of `indexes` when those are set. */
  readonly defaultIndex?: string;
  readonly defaultSourcetype?: string;
  readonly ack?: boolean;
  /** Epoch ms after which the token no longer verifies. */
  readonly expiresAtMs?: number;
}

export interface TokenService extends Authenticator {
  /**
   * Ensures an admin token for org `default` exists. Returns the clear token only when one was just
   * generated (to be shown once); the table only ever holds its hash.
   */
  bootstrap(adminToken: string | undefined): Promise<{ generatedToken?: string }>;
  /** Reloads tokens from the table (on a cache miss at most every `refreshMs`, and when older than `maxAgeMs`). */
  refresh(): Promise<void>;
  /** Creates a token; the clear token is returned once and only its hash is stored. */
  create(t: NewToken): Promise<{ token: string; info: TokenInfo }>;
  /** The tokens of `orgId`, or of every org when undefined; newest first. */
  list(orgId?: string): Promise<TokenInfo[]>;
  /** Revokes token `id` (only if it belongs to `orgId`, when given). False when there is no such live token. */
  revoke(id: string, orgId?: string): Promise<boolean>;
  /** Writes pending last-use times (also done every `usageFlushMs`). */
  flushUsage(): Promise<void>;
  /** Stops the usage timer and writes what is pending. */
  close(): Promise<void>;
}

export interface TokenServiceOptions {
  store: Store;
  logger?: Logger;
  /** Minimum interval between reloads triggered by unknown tokens (default 5 s). */
  refreshMs?: number;
  /**
   * Cached tokens older than this are reloaded before a verification (default 10 s): a token revoked
   * through another instance stops working here within this time.
   */
  maxAgeMs?: number;
  /** How often last-use times are written (default 60 s); 0 writes only on flushUsage/close. */
  usageFlushMs?: number;
}

/** A token name: printable, 1–100 characters. */
export function tokenNameProblem(name: string): string | undefined {
  if (name.trim() === '' || name.length > 100) return 'a token name has 1 to 100 characters';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'a token name has no control characters';
  return undefined;
}

/**
 * What is wrong with a token's ingest settings, or undefined. `isIndexName` is the index-name rule of
 * the ingest path (passed in: auth does not depend on ingest).
 */
export function ingestSettingsProblem(
  t: Pick<NewToken, 'indexes' | 'defaultIndex' | 'defaultSourcetype'>,
  isIndexName: (name: string) => boolean,
): string | undefined {
  if (t.defaultIndex !== undefined) {
    if (!isIndexName(t.defaultIndex))
      return 'a default index is an index name (lower-case letters, digits, `_`, `-`)';
    const allowed = t.indexes ?? [];
    if (allowed.length > 0 && !allowed.includes(t.defaultIndex)) {
      return `the default index \`${t.defaultIndex}\` must be one of the token's indexes (${allowed.join(', ')})`;
    }
  }
  const st = t.defaultSourcetype;
  // eslint-disable-next-line no-control-regex
  if (st !== undefined && (st.trim() === '' || st.length > 1024 || /[\u0000-\u001f\u007f]/.test(st))) {
    return 'a default sourcetype has 1 to 1024 printable characters';
  }
  return undefined;
}

const isTrue = (v: unknown): boolean => v === true || v === 1 || v === 'true';

/** The identity's ingest settings from the table's columns; undefined when all are defaults. */
function ingestSettings(
  defaultIndex: unknown,
  defaultSourcetype: unknown,
  ack: unknown,
): IngestSettings | undefined {
  const s: IngestSettings = {
    ...(typeof defaultIndex === 'string' && defaultIndex !== '' ? { defaultIndex } : {}),
    ...(typeof defaultSourcetype === 'string' && defaultSourcetype !== '' ? { defaultSourcetype } : {}),
    ack: isTrue(ack),
  };
  return s.ack || s.defaultIndex !== undefined || s.defaultSourcetype !== undefined ? s : undefined;
}

const TOKEN_COLUMNS =
  'token_hash, id, org_id, role, indexes, default_index, default_sourcetype, ack, name, created_at, updated_at, expires_at, revoked';

/**
 * Tokens are cached in memory by hash; an unknown token triggers a reload at most every `refreshMs`,
 * so tokens created elsewhere work within seconds and a flood of bad tokens costs no queries.
 */
export function createTokenService(opts: TokenServiceOptions): TokenService {
  const { store } = opts;
  const logger = opts.logger ?? silentLogger;
  const refreshMs = opts.refreshMs ?? 5_000;
  const maxAgeMs = opts.maxAgeMs ?? 10_000;
  const used = new Map<string, number>();

  async function load(): Promise<Map<string, Entry>> {
    const r = await store.query({
      sql: `SELECT token_hash, org_id, role, name, id, indexes, default_index, default_sourcetype, ack
            FROM tokens FINAL
            WHERE NOT revoked AND (expires_at IS NULL OR expires_at > now64(3))`,
      params: {},
    });
    const next = new Map<string, Entry>();
    for (const [hash, orgId, role, name, id, indexes, defaultIndex, defaultSourcetype, ack] of r.rows) {
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
      const allowed = Array.isArray(indexes) ? indexes.filter((i) => typeof i === 'string') : [];
      const ingest = ingestSettings(defaultIndex, defaultSourcetype, ack);
      const identity: Identity = {
        orgId,
        role,
        subject: name,
        via: 'token',
        tokenId: id,
        ...(allowed.length > 0 ? { indexes: allowed } : {}),
        ...(ingest === undefined ? {} : { ingest }),
      };
      next.set(hash, { hash: Buffer.from(hash, 'hex'), identity });
    }
    return next;
  }

  const cache = loadedTable(load, new Map<string, Entry>());
  const refresh = (): Promise<void> => cache.refresh();

  function lookup(hashHex: string): Identity | undefined {
    const entry = cache.value.get(hashHex);
    if (entry === undefined) return undefined;
    // The map lookup is keyed by a hash the caller cannot steer; the comparison is constant-time anyway.
    const presented = Buffer.from(hashHex, 'hex');
    return presented.length === entry.hash.length && timingSafeEqual(presented, entry.hash)
      ? entry.identity
      : undefined;
  }

  async function insertToken(hash: string, t: NewToken): Promise<string> {
    const id = randomUUID();
    await store.command(
      `INSERT INTO tokens (token_hash, id, org_id, role, indexes, default_index, default_sourcetype, ack, name,
                           expires_at)
       VALUES ({h:FixedString(64)}, {id:UUID}, {o:String}, {r:String}, {i:Array(String)}, {di:String},
               {ds:String}, {ack:Bool}, {n:String}, {e:Nullable(DateTime64(3))})`,
      {
        h: hash,
        id,
        o: t.orgId,
        r: t.role,
        i: t.indexes ?? [],
        di: t.defaultIndex ?? '',
        ds: t.defaultSourcetype ?? '',
        ack: t.ack ?? false,
        n: t.name,
        e: t.expiresAtMs === undefined ? null : formatDateTime64(t.expiresAtMs),
      },
    );
    return id;
  }

  /** Inserts a revoked version of each live token matching `where` (a fixed condition on bound params). */
  async function revokeWhere(where: string, params: Record<string, unknown>): Promise<number> {
    const live = await store.query({
      sql: `SELECT count() FROM tokens FINAL WHERE NOT revoked AND ${where}`,
      params,
    });
    const n = Number(live.rows[0]?.[0] ?? 0);
    if (n === 0) return 0;
    await store.command(
      `INSERT INTO tokens (${TOKEN_COLUMNS})
       SELECT token_hash, id, org_id, role, indexes, default_index, default_sourcetype, ack, name, created_at,
              now64(3), expires_at, true
       FROM tokens FINAL WHERE NOT revoked AND ${where}`,
      params,
    );
    return n;
  }

  async function flushUsage(): Promise<void> {
    if (used.size === 0) return;
    const rows = [...used].map(([token_id, ms]) => ({ token_id, last_used_at: formatDateTime64(ms) }));
    used.clear();
    try {
      await store.insertRows('token_usage', rows);
    } catch (err) {
      logger.warn('auth: could not record token use', { err });
    }
  }

  const timer =
    (opts.usageFlushMs ?? 60_000) > 0
      ? setInterval(() => void flushUsage(), opts.usageFlushMs ?? 60_000)
      : undefined;
  timer?.unref();

  function info(row: unknown[]): TokenInfo | undefined {
    const [
      id,
      orgId,
      name,
      role,
      indexes,
      defaultIndex,
      defaultSourcetype,
      ack,
      createdAt,
      expiresAt,
      lastUsedAt,
      revoked,
    ] = row;
    if (typeof id !== 'string' || typeof orgId !== 'string' || typeof name !== 'string' || !isRole(role))
      return undefined;
    return {
      id,
      orgId,
      name,
      role,
      indexes: Array.isArray(indexes) ? indexes.filter((i) => typeof i === 'string') : [],
      defaultIndex: typeof defaultIndex === 'string' && defaultIndex !== '' ? defaultIndex : null,
      defaultSourcetype:
        typeof defaultSourcetype === 'string' && defaultSourcetype !== '' ? defaultSourcetype : null,
      ack: isTrue(ack),
      createdAt: dateTime64ToIso(createdAt) ?? '',
      expiresAt: dateTime64ToIso(expiresAt),
      lastUsedAt: dateTime64ToIso(lastUsedAt),
      revoked: isTrue(revoked),
    };
  }

  async function list(orgId?: string): Promise<TokenInfo[]> {
    await flushUsage();
    const r = await store.query({
      sql: `SELECT t.id, t.org_id, t.name, t.role, t.indexes, t.default_index, t.default_sourcetype, t.ack,
                   t.created_at, t.expires_at, u.last_used_at, t.revoked
            FROM (SELECT * FROM tokens FINAL WHERE {all:Bool} OR org_id = {o:String}) AS t
            LEFT JOIN (SELECT token_id, max(last_used_at) AS last_used_at FROM token_usage GROUP BY token_id) AS u
              ON u.token_id = t.id
            ORDER BY t.created_at DESC, t.name
            SETTINGS join_use_nulls = 1`,
      params: { all: orgId === undefined, o: orgId ?? '' },
    });
    return r.rows.map(info).filter((t): t is TokenInfo => t !== undefined);
  }

  return {
    refresh,
    flushUsage,
    list,

    async close(): Promise<void> {
      if (timer) clearInterval(timer);
      await flushUsage();
    },

    async verify(token: string): Promise<Identity | undefined> {
      if (token === '' || token.length > 512) return undefined;
      const h = hashToken(token);
      if (cache.age() > maxAgeMs) await refresh();
      let hit = lookup(h);
      if (hit === undefined && cache.age() >= refreshMs) {
        await refresh();
        hit = lookup(h);
      }
      if (hit?.tokenId !== undefined) used.set(hit.tokenId, Date.now());
      return hit;
    },

    async create(t: NewToken): Promise<{ token: string; info: TokenInfo }> {
      // A UUID: Splunk HEC tokens are GUIDs and some clients check the shape; 122 random bits.
      const token = randomUUID();
      const id = await insertToken(hashToken(token), t);
      await refresh();
      const created = (await list(t.orgId)).find((x) => x.id === id);
      if (!created) throw new Error('a token just created is not in the tokens table');
      return { token, info: created };
    },

    async revoke(id: string, orgId?: string): Promise<boolean> {
      const n = await revokeWhere('id = {id:UUID} AND ({all:Bool} OR org_id = {o:String})', {
        id,
        all: orgId === undefined,
        o: orgId ?? '',
      });
      if (n > 0) await refresh();
      return n > 0;
    },

    async bootstrap(adminToken: string | undefined): Promise<{ generatedToken?: string }> {
      await refresh();
      if (adminToken !== undefined) {
        const h = hashToken(adminToken);
        if (lookup(h) === undefined) {
          await insertToken(h, { orgId: DEFAULT_ORG, role: 'admin', name: ENV_TOKEN_NAME });
        }
        const revoked = await revokeWhere('name = {n:String} AND token_hash != {h:FixedString(64)}', {
          n: ENV_TOKEN_NAME,
          h,
        });
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
      await insertToken(hashToken(token), { orgId: DEFAULT_ORG, role: 'admin', name: GENERATED_TOKEN_NAME });
      await refresh();
      return { generatedToken: token };
    },
  };
}
