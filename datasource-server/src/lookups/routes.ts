// HTTP routes for lookup tables: GET /lookups, GET|PUT|DELETE /lookups/:name (CSV in, CSV or JSON out).

import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AuthEnv } from '../auth/types.ts';
import { lookupNameProblem, lookupTableName, parseCsvChunked, toCsv } from '@nexus/spl';
import type { Store } from '../store/types.ts';
import { readCsvUpload, UploadTooLargeError } from './upload.ts';
import { LOOKUP_WRITERS, deleteLookup, listLookups, readLookup, writeLookup } from './service.ts';

export interface LookupRouterDeps {
  readonly store: Store;
  /** Largest CSV upload, bytes (NEXUS_LOOKUP_MAX_BYTES). Default 10 MiB. */
  readonly maxBytes?: number;
  /** Most rows of one upload (NEXUS_LOOKUP_MAX_ROWS). Default 100,000. */
  readonly maxRows?: number;
}

export const DEFAULT_LOOKUP_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_LOOKUP_MAX_ROWS = 100_000;

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
  const maxRows = deps.maxRows ?? DEFAULT_LOOKUP_MAX_ROWS;

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

  app.put('/:name', async (c) => {
    const denied = forbidden(c);
    if (denied) return denied;
    const name = tableName(c);
    if (name instanceof Response) return name;
    let bytes: Buffer;
    try {
      // Streamed: stops reading at the byte or row limit (a blank or a quoted line break may make the
      // count a little high; the exact count is the parser's, below).
      bytes = await readCsvUpload(c.req.raw, { maxBytes, maxRows });
    } catch (err) {
      if (err instanceof UploadTooLargeError) return fail(c, 413, 'payload_too_large', err.message);
      throw err;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return fail(c, 400, 'bad_csv', 'the body is not valid UTF-8');
    }
    // Parsed in slices of a few milliseconds: a large upload never stalls other requests.
    const parsed = await parseCsvChunked(text, { maxRows });
    if (!parsed.ok && parsed.tooLarge === true) {
      return fail(c, 413, 'payload_too_large', parsed.message, { line: parsed.line });
    }
    if (!parsed.ok) return fail(c, 400, 'bad_csv', parsed.message, { line: parsed.line });
    const { header, rows } = parsed.table;
    const written = await writeLookup(deps.store, c.get('identity').orgId, name, header, rows);
    return c.json(written.info, written.created ? 201 : 200);
  });

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
