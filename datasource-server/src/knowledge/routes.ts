// `/admin/knowledge`: a tenant's knowledge-object files (eventtypes/tags/props/transforms.conf), admins only.
//
//   GET    /admin/knowledge           → { files: { props: { bytes }, … } }
//   GET    /admin/knowledge/:kind     → the file as text/plain (404 when there is none)
//   PUT    /admin/knowledge/:kind     → the body (text) replaces the file; 400 with every problem and its line
//   DELETE /admin/knowledge/:kind     → removes it

import { Hono } from 'hono';
import type { AuthEnv } from '../auth/types.ts';
import { KNOWLEDGE_KINDS, isKnowledgeKind, MAX_KNOWLEDGE_FILE_BYTES } from './service.ts';
import type { KnowledgeService } from './service.ts';

const kindsText = KNOWLEDGE_KINDS.join(', ');

export function createKnowledgeRouter(deps: { readonly knowledge: KnowledgeService }): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const unknownKind = (kind: string) => ({
    error: { code: 'not_found', message: `no knowledge file \`${kind}\`: use one of ${kindsText}` },
  });

  app.get('/', async (c) => {
    const files = await deps.knowledge.files(c.get('identity').orgId);
    const out: Record<string, { bytes: number }> = {};
    for (const [kind, text] of Object.entries(files)) out[kind] = { bytes: Buffer.byteLength(text) };
    return c.json({ files: out });
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
    const length = Number(c.req.header('content-length') ?? '0');
    if (length > MAX_KNOWLEDGE_FILE_BYTES)
      return c.json(
        {
          error: {
            code: 'too_large',
            message: `a knowledge file may have at most ${MAX_KNOWLEDGE_FILE_BYTES} bytes`,
          },
        },
        413,
      );
    const text = await c.req.text();
    if (Buffer.byteLength(text) > MAX_KNOWLEDGE_FILE_BYTES)
      return c.json(
        {
          error: {
            code: 'too_large',
            message: `a knowledge file may have at most ${MAX_KNOWLEDGE_FILE_BYTES} bytes`,
          },
        },
        413,
      );
    if (text.trim() === '')
      return c.json(
        { error: { code: 'bad_request', message: 'the file is empty: use DELETE to remove it' } },
        400,
      );
    const { errors } = await deps.knowledge.put(c.get('identity').orgId, kind, text);
    if (errors.length > 0)
      return c.json(
        {
          error: { code: 'bad_request', message: `${kind}.conf has ${errors.length} problem(s)` },
          errors: errors.map((e) => ({ line: e.line, message: e.message })),
        },
        400,
      );
    return c.json({ kind, bytes: Buffer.byteLength(text) });
  });

  app.delete('/:kind', async (c) => {
    const kind = c.req.param('kind');
    if (!isKnowledgeKind(kind)) return c.json(unknownKind(kind), 404);
    await deps.knowledge.remove(c.get('identity').orgId, kind);
    return c.body(null, 204);
  });

  return app;
}
