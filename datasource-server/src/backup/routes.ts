// Backup routes under /admin/backups (operator admins): create, list, restore; they wait for the engine.

import { Hono } from 'hono';
import type { AuthEnv } from '../auth/types.ts';
import { BackupRequestError } from './service.ts';
import type { BackupService } from './service.ts';

export interface BackupRouterDeps {
  readonly backups: BackupService;
  /** A backup holds every tenant: only admins of this org may take or restore one. */
  readonly operatorOrg: string;
}

const error = (code: string, message: string) => ({ error: { code, message } });

/**
 * - `POST /` `{ "to": "s3://bucket/prefix", "base"?: "s3://…" }` → 201 the record (status ok), or 502 with
 *   the record when the engine failed (bad credentials, unreachable bucket, existing backup).
 * - `GET /` → `{ backups: [...] }`, newest first (backups and restores).
 * - `POST /restore` `{ "from": "s3://…" }` → 200 the record; 409 when this instance holds data already.
 */
export function createBackupRouter(deps: BackupRouterDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.use('*', async (c, next) => {
    if (c.get('identity').orgId !== deps.operatorOrg) {
      return c.json(error('forbidden', 'backups cover every organisation: operator admins only'), 403);
    }
    await next();
  });
  app.onError((err, c) => {
    if (err instanceof BackupRequestError) {
      return c.json(error(err.status === 409 ? 'conflict' : 'bad_request', err.message), err.status);
    }
    throw err;
  });

  const body = async (text: string): Promise<Record<string, unknown>> => {
    let v: unknown;
    try {
      v = JSON.parse(text === '' ? '{}' : text);
    } catch {
      throw new BackupRequestError(400, 'the body is not valid JSON');
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      throw new BackupRequestError(400, 'the body must be a JSON object');
    }
    return v as Record<string, unknown>;
  };
  const str = (b: Record<string, unknown>, key: string, required: boolean): string | undefined => {
    const v = b[key];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || v === '')
      throw new BackupRequestError(400, `"${key}" must be a location string`);
    return v;
  };

  app.get('/', async (c) => c.json({ backups: await deps.backups.list() }));
  app.post('/', async (c) => {
    const b = await body(await c.req.text());
    const to = str(b, 'to', true) ?? '';
    const r = await deps.backups.create(to, { base: str(b, 'base', false) });
    return c.json(r, r.status === 'ok' ? 201 : 502);
  });
  app.post('/restore', async (c) => {
    const b = await body(await c.req.text());
    const r = await deps.backups.restore(str(b, 'from', true) ?? '');
    return c.json(r, r.status === 'ok' ? 200 : 502);
  });
  return app;
}
