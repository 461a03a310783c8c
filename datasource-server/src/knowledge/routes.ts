// `/admin/knowledge`: a tenant's knowledge-object files (eventtypes/tags/props/transforms.conf), admins only.
//
//   GET    /admin/knowledge           → { files: { props: { bytes }, … } }
//   GET    /admin/knowledge/:kind     → the file as text/plain (404 when there is none)
//   PUT    /admin/knowledge/:kind     → the body (text) replaces the file; 400 with every problem and its line
//   DELETE /admin/knowledge/:kind     → removes it
//   GET|PUT|DELETE /admin/knowledge/datamodels/:name → a data model (Splunk's data model JSON), same rules
//   GET    /admin/knowledge/summaries → the index-time range each accelerated dataset's summary covers, its rows,
//                                        and why it misses events when its view failed at insert
//   POST   /admin/knowledge/summaries/build → builds the tenant's summaries now (as the schedule would)

import { Hono } from 'hono';
import type { AuthEnv } from '../auth/types.ts';
import { KNOWLEDGE_KINDS, isDataModelName, isKnowledgeKind, MAX_KNOWLEDGE_FILE_BYTES } from './service.ts';
import type { KnowledgeService } from './service.ts';
import type { DataModelSummarizer } from './acceleration.ts';

const kindsText = KNOWLEDGE_KINDS.join(', ');

const tooLarge = {
  error: {
    code: 'too_large',
    message: `a knowledge file may have at most ${MAX_KNOWLEDGE_FILE_BYTES} bytes`,
  },
};

/** The request's body as text, or undefined when it is larger than a knowledge file may be. */
async function bodyWithin(req: Request): Promise<string | undefined> {
  if (Number(req.headers.get('content-length') ?? '0') > MAX_KNOWLEDGE_FILE_BYTES) return undefined;
  const text = await req.text();
  return Buffer.byteLength(text) > MAX_KNOWLEDGE_FILE_BYTES ? undefined : text;
}

export function createKnowledgeRouter(deps: {
  readonly knowledge: KnowledgeService;
  readonly summaries: DataModelSummarizer;
}): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const unknownKind = (kind: string) => ({
    error: { code: 'not_found', message: `no knowledge file \`${kind}\`: use one of ${kindsText}` },
  });

  app.get('/', async (c) => {
    const files = await deps.knowledge.files(c.get('identity').orgId);
    const out: Record<string, { bytes: number }> = {};
    for (const [kind, text] of Object.entries(files)) out[kind] = { bytes: Buffer.byteLength(text) };
    const datamodels: Record<string, { bytes: number }> = {};
    for (const [name, text] of Object.entries(await deps.knowledge.datamodelFiles(c.get('identity').orgId)))
      datamodels[name] = { bytes: Buffer.byteLength(text) };
    return c.json({ files: out, datamodels });
  });

  const badName = (name: string) => ({
    error: {
      code: 'bad_request',
      message: `\`${name}\` is not a data model name (letters, digits, _ and -)`,
    },
  });

  app.get('/datamodels/:name', async (c) => {
    const name = c.req.param('name');
    if (!isDataModelName(name)) return c.json(badName(name), 400);
    const text = (await deps.knowledge.datamodelFiles(c.get('identity').orgId))[name];
    if (text === undefined)
      return c.json(
        { error: { code: 'not_found', message: `this organisation has no data model \`${name}\`` } },
        404,
      );
    c.header('Content-Type', 'application/json; charset=utf-8');
    return c.body(text);
  });

  app.put('/datamodels/:name', async (c) => {
    const name = c.req.param('name');
    if (!isDataModelName(name)) return c.json(badName(name), 400);
    const text = await bodyWithin(c.req.raw);
    if (text === undefined) return c.json(tooLarge, 413);
    const { problems } = await deps.knowledge.putDatamodel(c.get('identity').orgId, name, text);
    if (problems.length > 0)
      return c.json(
        {
          error: { code: 'bad_request', message: `data model \`${name}\` has ${problems.length} problem(s)` },
          errors: problems.map((message) => ({ message })),
        },
        400,
      );
    return c.json({ datamodel: name, bytes: Buffer.byteLength(text) });
  });

  app.delete('/datamodels/:name', async (c) => {
    const name = c.req.param('name');
    if (!isDataModelName(name)) return c.json(badName(name), 400);
    await deps.knowledge.removeDatamodel(c.get('identity').orgId, name);
    return c.body(null, 204);
  });

  app.get('/summaries', async (c) => {
    const orgId = c.get('identity').orgId;
    const [states, rows] = await Promise.all([deps.summaries.states(orgId), deps.summaries.rows(orgId)]);
    return c.json({
      summaries: states.map((s) => ({
        model: s.model,
        dataset: s.dataset,
        earliest: s.earliest === '' ? null : s.earliest,
        // Every event indexed before this is in the summary (the backfill, or the scheduled builds).
        builtTo: s.builtTo > 0 ? new Date(s.builtTo).toISOString() : null,
        // Every event indexed from this on is added at insert by the dataset's view (null: no view).
        liveFrom: s.liveFrom > 0 ? new Date(s.liveFrom).toISOString() : null,
        // Every event is in the summary: the backfill reached the view's start, and no check found events
        // the view did not add.
        complete: s.liveFrom > 0 && s.builtTo >= s.liveFrom && s.error === '',
        // The view's rows are checked against the events indexed before this (null: not yet).
        checkedTo: s.checkedTo > 0 ? new Date(s.checkedTo).toISOString() : null,
        // Why the summary misses events (null: none found missing): the next round rebuilds it, and
        // `tstats summariesonly=f` reads the events meanwhile.
        error: s.error === '' ? null : s.error,
        failedAt: s.failedAt > 0 ? new Date(s.failedAt).toISOString() : null,
        building: s.pendingTo > s.builtTo,
        rows: rows.get(`${s.model}.${s.dataset}`) ?? 0,
      })),
    });
  });

  app.post('/summaries/build', async (c) => {
    const report = await deps.summaries.run(c.get('identity').orgId);
    return c.json(report);
  });

  app.get('/:kind', async (c) => {
    const kind = c.req.param('kind');
    if (!isKnowledgeKind(kind)) return c.json(unknownKind(kind), 404);
    const text = (await deps.knowledge.files(c.get('identity').orgId))[kind];
    if (text === undefined)
      return c.json({ error: { code: 'not_found', message: `this organisation has no ${kind}.conf` } }, 404);
    c.header('Content-Type', 'text/plain; charset=utf-8');
    return c.body(text);
  });

  app.put('/:kind', async (c) => {
    const kind = c.req.param('kind');
    if (!isKnowledgeKind(kind)) return c.json(unknownKind(kind), 404);
    const text = await bodyWithin(c.req.raw);
    if (text === undefined) return c.json(tooLarge, 413);
    if (text.trim() === '')
      return c.json(
        { error: { code: 'bad_request', message: 'the file is empty: use DELETE to remove it' } },
        400,
      );
    const { errors, warnings } = await deps.knowledge.put(c.get('identity').orgId, kind, text);
    if (errors.length > 0)
      return c.json(
        {
          error: { code: 'bad_request', message: `${kind}.conf has ${errors.length} problem(s)` },
          errors: errors.map((e) => ({ line: e.line, message: e.message })),
        },
        400,
      );
    // Settings Splunk applies and Nexus does not: the file is stored, and each is named with its line.
    return c.json({
      kind,
      bytes: Buffer.byteLength(text),
      ...(warnings.length > 0
        ? { warnings: warnings.map((w) => ({ line: w.line, message: w.message })) }
        : {}),
    });
  });

  app.delete('/:kind', async (c) => {
    const kind = c.req.param('kind');
    if (!isKnowledgeKind(kind)) return c.json(unknownKind(kind), 404);
    await deps.knowledge.remove(c.get('identity').orgId, kind);
    return c.body(null, 204);
  });

  return app;
}
