// HTTP routes for lookup tables: GET /lookups, GET|PUT|DELETE /lookups/:name (CSV in, CSV or JSON out).

import { Hono } from 'hono';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AuthEnv } from '../auth/types.ts';
import { lookupNameProblem, lookupTableName } from '@nexus/spl';
import type { Store } from '../store/types.ts';
import { parseCsv, toCsv } from './csv.ts';
import { LOOKUP_WRITERS, deleteLookup, listLookups, readLookup, writeLookup } from './service.ts';

export interface LookupRouterDeps {
  readonly store: Store;
  /** Largest CSV upload, bytes. Default 10 MiB. */
  readonly maxBytes?: number;
}

export const DEFAULT_LOOKUP_MAX_BYTES = 10 * 1024 * 1024;

type ErrorStatus = 400 | 403 | 404 | 413;

function fail(c: Context<AuthEnv>, status: ErrorStatus, code: string, message: string, extra = {}): Response {
  return c.json({ error: { code, message, ...extra } }, status);
}

/** The canonical table name of the `:name` parameter, or a 400 response. */
function tableName(c: Context<AuthEnv>): string | Response {
  const raw = c.req.param('name') ?? '';
  return lookupTableName(raw) ?? fail(c, 400, 'bad_request', lookupNameProblem(raw));
}

function forbidden(c: Context<AuthEnv>): Response | undefined {
  return LOOKUP_WRITERS.includes(c.get('identity').role)
    ? undefined
    : fail(c, 403, 'forbidden', 'changing lookup tables needs the editor or admin role');
}

/**
 * The `/lookups` sub-app; mount it behind `requireAuth` (viewer, editor, admin). Viewers read; editors
 * and admins write. Tables belong to the caller's tenant (`identity.orgId`); `users` and `users.csv` name
 * the same table.
 *
 * @example app.route('/lookups', createLookupsRouter({ store }))
 *   // PUT /lookups/users.csv (text/csv body) → 201 { name: 'users', columns: [...], rows: 2, updated }
 */
export function createLookupsRouter(deps: LookupRouterDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const maxBytes = deps.maxBytes ?? DEFAULT_LOOKUP_MAX_BYTES;

  app.get('/', async (c) => c.json({ lookups: await listLookups(deps.store, c.get('identity').orgId) }));

  app.get('/:name', async (c) => {
    const name = tableName(c);
    if (name instanceof Response) return name;
    const table = await readLookup(deps.store, c.get('identity').orgId, name);
    if (!table) return fail(c, 404, 'not_found', `no lookup table \`${name}\``);
    const json =
      c.req.query('format') === 'json' || (c.req.header('Accept') ?? '').includes('application/json');
    if (json) return c.json({ ...table.info, data: table.rows });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${name}.csv"`);
    return c.body(toCsv(table.info.columns, table.rows));
  });

  app.put(
    '/:name',
    bodyLimit({
      maxSize: maxBytes,
      onError: (c) =>
        c.json(
          {
            error: {
              code: 'payload_too_large',
              message: `a lookup table upload is at most ${maxBytes} bytes`,
            },
          },
          413,
        ),
    }),
    async (c) => {
      const denied = forbidden(c);
      if (denied) return denied;
      const name = tableName(c);
      if (name instanceof Response) return name;
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(await c.req.arrayBuffer());
      } catch {
        return fail(c, 400, 'bad_csv', 'the body is not valid UTF-8');
      }
      const parsed = parseCsv(text);
      if (!parsed.ok) return fail(c, 400, 'bad_csv', parsed.message, { line: parsed.line });
      const { header, rows } = parsed.table;
      const written = await writeLookup(deps.store, c.get('identity').orgId, name, header, rows);
      return c.json(written.info, written.created ? 201 : 200);
    },
  );

  app.delete('/:name', async (c) => {
    const denied = forbidden(c);
    if (denied) return denied;
    const name = tableName(c);
    if (name instanceof Response) return name;
    if (!(await deleteLookup(deps.store, c.get('identity').orgId, name))) {
      return fail(c, 404, 'not_found', `no lookup table \`${name}\``);
    }
    return c.body(null, 204);
  });

  return app;
}
