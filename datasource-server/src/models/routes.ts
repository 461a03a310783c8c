// HTTP routes for Machine Learning Toolkit models: GET /models, GET|DELETE /models/:name (the tenant's own).

import { Hono } from 'hono';
import type { Context } from 'hono';
import { modelName, modelNameProblem } from '@nexus/spl';
import type { AuthEnv } from '../auth/types.ts';
import { LOOKUP_WRITERS } from '../lookups/service.ts';
import type { Store } from '../store/types.ts';
import { deleteModel, modelCatalog, modelInfo } from './service.ts';

type ErrorStatus = 400 | 403 | 404;

function fail(c: Context<AuthEnv>, status: ErrorStatus, code: string, message: string): Response {
  return c.json({ error: { code, message } }, status);
}

/** The canonical model name of the `:name` parameter, or a 400 response. */
function nameOf(c: Context<AuthEnv>): string | Response {
  const raw = c.req.param('name') ?? '';
  return modelName(raw) ?? fail(c, 400, 'bad_request', modelNameProblem(raw));
}

/**
 * The `/models` sub-app; mount it behind `requireAuth` (viewer, editor, admin). Viewers list and read;
 * editors and admins delete (as they save, with `fit … into`). Models belong to the caller's tenant
 * (`identity.orgId`): another tenant's model of the same name is a 404.
 *
 * @example app.route('/models', createModelsRouter({ store }))
 *   // GET /models → 200 { models: [{ name: 'hourly', algorithm: 'DensityFunction', field: 'count', … }] }
 *   // DELETE /models/hourly → 204
 */
export function createModelsRouter(deps: { readonly store: Store }): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  app.get('/', async (c) => {
    const catalog = await modelCatalog(deps.store, c.get('identity').orgId);
    return c.json({ models: [...catalog].map(([name, m]) => modelInfo(name, m)) });
  });

  app.get('/:name', async (c) => {
    const name = nameOf(c);
    if (name instanceof Response) return name;
    const m = (await modelCatalog(deps.store, c.get('identity').orgId)).get(name);
    if (!m) return fail(c, 404, 'not_found', `no model \`${name}\``);
    // The info plus each group's parameters (what `| summary` shows).
    return c.json({ ...modelInfo(name, m), parameters: m.groups });
  });

  app.delete('/:name', async (c) => {
    if (!LOOKUP_WRITERS.includes(c.get('identity').role)) {
      return fail(c, 403, 'forbidden', 'deleting a model needs the editor or admin role');
    }
    const name = nameOf(c);
    if (name instanceof Response) return name;
    if (!(await deleteModel(deps.store, c.get('identity').orgId, name))) {
      return fail(c, 404, 'not_found', `no model \`${name}\``);
    }
    return c.body(null, 204);
  });

  return app;
}
