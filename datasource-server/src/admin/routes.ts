// The admin API, mounted at /admin behind requireAuth({ roles: ['admin'] }): service tokens, running searches
// (list, kill), retention per index, and tenants (ban, unban, limits).
//
// An admin manages its own organisation. Admins of the operator organisation (NEXUS_OPERATOR_ORG, default
// `default`) manage every organisation: they create the first token of a new tenant, and ban and unban tenants.

import { Hono } from 'hono';
import type { Context } from 'hono';
import type { TokenService } from '../auth/tokens.ts';
import { ingestSettingsProblem, tokenNameProblem } from '../auth/tokens.ts';
import type { AuthEnv } from '../auth/types.ts';
import { isRole, ROLES } from '../auth/types.ts';
import { isValidIndex } from '../ingest/normalise.ts';
import type { RunningQueries } from '../query/running.ts';
import type { Store } from '../store/types.ts';
import type { TenantLimits, TenantService, TenantUpdate } from '../tenants/service.ts';
import { isOrgId } from '../auth/shapes.ts';
import { LIMIT_COLUMNS } from '../tenants/service.ts';
import { retentionRules, setRetention } from './retention.ts';

export interface AdminRouterDeps {
  readonly store: Store;
  readonly tokens: TokenService;
  readonly tenants: TenantService;
  readonly running: RunningQueries;
  readonly operatorOrg: string;
  /** The service-wide retention (NEXUS_RETENTION_DAYS): an index rule may only be shorter. */
  readonly retentionDays: number;
}

/** A request the admin API refuses, with its status and a message. */
class AdminError extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const bad = (message: string): AdminError => new AdminError(400, 'bad_request', message);

/** The JSON object in the body; an empty body is `{}` when `optional`. */
async function jsonObject(c: Context, optional = false): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (optional && text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw bad('the body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw bad('the body must be a JSON object');
  return body as Record<string, unknown>;
}

function optionalString(b: Record<string, unknown>, key: string): string | undefined {
  const v = b[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw bad(`\`${key}\` must be a string`);
  return v;
}

function wholeNumber(v: unknown, key: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw bad(`\`${key}\` must be a whole number from ${min} to ${max}`);
  }
  return v;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createAdminRouter(deps: AdminRouterDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  app.onError((err, c) => {
    if (err instanceof AdminError)
      return c.json({ error: { code: err.code, message: err.message } }, err.status);
    throw err;
  });

  const isOperator = (c: Context<AuthEnv>): boolean => c.get('identity').orgId === deps.operatorOrg;
  const requireOperator = (c: Context<AuthEnv>): void => {
    if (!isOperator(c)) {
      throw new AdminError(403, 'forbidden', 'only administrators of the operator organisation may do this');
    }
  };
  /** The org a request acts on: the caller's, or (operator only) the one it names. `*` = every org. */
  const targetOrg = (c: Context<AuthEnv>, named: string | undefined): string | undefined => {
    const own = c.get('identity').orgId;
    if (named === undefined || named === own) return own;
    requireOperator(c);
    if (named === '*') return undefined;
    if (!isOrgId(named)) throw bad('an organisation id has 1 to 64 letters, digits, `_`, `.` or `-`');
    return named;
  };
  /** Restricts lookups by id to the caller's org, unless the caller is an operator. */
  const scope = (c: Context<AuthEnv>): string | undefined =>
    isOperator(c) ? undefined : c.get('identity').orgId;

  // ── Service tokens ─────────────────────────────────────────────────────────────────────────
  app.get('/tokens', async (c) =>
    c.json({ tokens: await deps.tokens.list(targetOrg(c, c.req.query('org'))) }),
  );

  app.post('/tokens', async (c) => {
    const b = await jsonObject(c);
    const orgId = targetOrg(c, optionalString(b, 'org'));
    if (orgId === undefined) throw bad('a token belongs to one organisation: name it in `org`');
    const name = optionalString(b, 'name') ?? '';
    const nameProblem = tokenNameProblem(name);
    if (nameProblem) throw bad(nameProblem);
    if (!isRole(b.role)) throw bad(`\`role\` must be one of ${ROLES.join(', ')}`);
    let indexes: string[] = [];
    if (b.indexes !== undefined && b.indexes !== null) {
      if (!Array.isArray(b.indexes) || !b.indexes.every((i) => typeof i === 'string' && isValidIndex(i))) {
        throw bad('`indexes` must be a list of index names (lower-case letters, digits, `_`, `-`)');
      }
      indexes = [...new Set(b.indexes as string[])];
    }
    const days =
      b.expiresInDays === undefined ? undefined : wholeNumber(b.expiresInDays, 'expiresInDays', 1, 3650);
    const defaultIndex = optionalString(b, 'defaultIndex');
    const defaultSourcetype = optionalString(b, 'defaultSourcetype');
    if (b.ack !== undefined && b.ack !== null && typeof b.ack !== 'boolean')
      throw bad('`ack` must be true or false');
    const settingsProblem = ingestSettingsProblem({ indexes, defaultIndex, defaultSourcetype }, isValidIndex);
    if (settingsProblem) throw bad(settingsProblem);
    const created = await deps.tokens.create({
      orgId,
      name,
      role: b.role,
      indexes,
      ...(defaultIndex === undefined ? {} : { defaultIndex }),
      ...(defaultSourcetype === undefined ? {} : { defaultSourcetype }),
      ack: b.ack === true,
      ...(days === undefined ? {} : { expiresAtMs: Date.now() + days * 86_400_000 }),
    });
    // The token is shown once: only its hash is stored.
    return c.json({ token: created.token, ...created.info }, 201);
  });

  app.delete('/tokens/:id', async (c) => {
    const id = c.req.param('id');
    if (!UUID.test(id)) throw bad('a token id is a UUID');
    const me = c.get('identity');
    if (me.tokenId === id) throw bad('a token cannot revoke itself; use another admin token');
    if (!(await deps.tokens.revoke(id, scope(c))))
      throw new AdminError(404, 'not_found', 'no such live token');
    return c.body(null, 204);
  });

  // ── Running searches ───────────────────────────────────────────────────────────────────────
  app.get('/queries', (c) => c.json({ queries: deps.running.list(scope(c)) }));

  app.delete('/queries/:id', (c) => {
    const id = c.req.param('id');
    if (!deps.running.kill(id, c.get('identity').subject, scope(c))) {
      throw new AdminError(404, 'not_found', 'no such running search');
    }
    return c.json({ queryId: id, killed: true }, 202);
  });

  // ── Retention per index ────────────────────────────────────────────────────────────────────
  app.get('/indexes', async (c) => {
    const orgId = c.get('identity').orgId;
    const rules = new Map((await retentionRules(deps.store, orgId)).map((r) => [r.index, r.days]));
    const r = await deps.store.query({
      sql: 'SELECT `index`, count() FROM logs WHERE org_id = {o:String} GROUP BY `index` ORDER BY `index`',
      params: { o: orgId },
    });
    const names = new Set([...r.rows.map((row) => String(row[0])), ...rules.keys()]);
    const events = new Map(r.rows.map((row) => [String(row[0]), Number(row[1])]));
    return c.json({
      defaultRetentionDays: deps.retentionDays,
      indexes: [...names].sort().map((index) => ({
        index,
        events: events.get(index) ?? 0,
        retentionDays: rules.get(index) ?? deps.retentionDays,
        custom: rules.has(index),
      })),
    });
  });

  const retention = async (c: Context<AuthEnv>, days: number): Promise<Response> => {
    const index = c.req.param('index') ?? '';
    if (!isValidIndex(index)) throw bad('an index name has lower-case letters, digits, `_` and `-`');
    await setRetention(deps.store, { orgId: c.get('identity').orgId, index, days });
    return c.json({ index, retentionDays: days === 0 ? deps.retentionDays : days, custom: days !== 0 });
  };
  app.put('/indexes/:index/retention', async (c) => {
    const b = await jsonObject(c);
    return retention(c, wholeNumber(b.days, 'days', 1, deps.retentionDays));
  });
  app.delete('/indexes/:index/retention', (c) => retention(c, 0));

  // ── Tenants (operator only) ────────────────────────────────────────────────────────────────
  const orgParam = (c: Context<AuthEnv>): string => {
    const org = c.req.param('org') ?? '';
    if (!isOrgId(org)) throw bad('an organisation id has 1 to 64 letters, digits, `_`, `.` or `-`');
    return org;
  };
  const tenantView = (orgId: string, t: Awaited<ReturnType<TenantService['get']>>) =>
    t ?? { orgId, banned: false, reason: '', limits: {}, updatedAt: null };

  app.get('/tenants', async (c) => {
    requireOperator(c);
    return c.json({ tenants: await deps.tenants.list() });
  });
  app.get('/tenants/:org', async (c) => {
    requireOperator(c);
    const org = orgParam(c);
    return c.json(tenantView(org, await deps.tenants.get(org)));
  });

  const update = async (c: Context<AuthEnv>, change: TenantUpdate): Promise<Response> => {
    requireOperator(c);
    const org = orgParam(c);
    if (change.banned === true && org === deps.operatorOrg)
      throw bad('the operator organisation cannot be banned');
    return c.json(await deps.tenants.update(org, change));
  };
  app.put('/tenants/:org', async (c) => {
    const b = await jsonObject(c);
    const limits: Record<string, number | null> = {};
    if (b.limits !== undefined) {
      if (typeof b.limits !== 'object' || b.limits === null || Array.isArray(b.limits)) {
        throw bad('`limits` must be an object');
      }
      for (const [k, v] of Object.entries(b.limits)) {
        const spec = LIMIT_COLUMNS[k as keyof TenantLimits] as
          (typeof LIMIT_COLUMNS)[keyof TenantLimits] | undefined;
        if (!spec) throw bad(`unknown limit \`${k}\`; known: ${Object.keys(LIMIT_COLUMNS).join(', ')}`);
        limits[k] = v === null ? null : wholeNumber(v, k, 1, spec.max);
      }
    }
    if (b.banned !== undefined && typeof b.banned !== 'boolean') throw bad('`banned` must be true or false');
    const reason = optionalString(b, 'reason');
    return update(c, {
      ...(typeof b.banned === 'boolean' ? { banned: b.banned } : {}),
      ...(reason === undefined ? {} : { reason }),
      limits,
    });
  });
  app.post('/tenants/:org/ban', async (c) => {
    const reason = optionalString(await jsonObject(c, true), 'reason') ?? '';
    return update(c, { banned: true, reason });
  });
  app.post('/tenants/:org/unban', (c) => update(c, { banned: false }));

  return app;
}
