// Splunk HTTP Event Collector routes, mounted at /services/collector.

import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import { requireAuth } from '../auth/middleware.ts';
import type { Authenticator } from '../auth/types.ts';
import type { AuthEnv } from '../auth/types.ts';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';
import { HEC } from './errors.ts';
import type { IngestError } from './errors.ts';
import { decodeHecEvents, decodeHecRaw } from './hec-decode.ts';
import type { IngestContext } from './normalise.ts';
import { ingestRequest, toIngestError } from './service.ts';
import type { IngestDeps } from './service.ts';

export interface HecRoutesDeps extends IngestDeps {
  tokens: Authenticator;
  /** False before migrations finished and during shutdown. */
  isReady: () => boolean;
  logger?: Logger;
  /** Runs right after the token check on every authenticated route (per-tenant rate limits). */
  rateLimit?: MiddlewareHandler<AuthEnv>;
}

const CHANNEL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function hecError(c: Context, e: IngestError): Response {
  if (e.retryAfter !== undefined) c.header('Retry-After', String(e.retryAfter));
  const body: Record<string, unknown> = {
    text: e.status === 413 || e.status === 415 ? e.message : e.hec.text,
    code: e.hec.code,
  };
  if (e.eventIndex !== undefined) body['invalid-event-number'] = e.eventIndex;
  return c.json(body, e.status);
}

/**
 * `POST /event` (also `/` and `/event/1.0`), `POST /raw` (+ `/1.0`), `GET /health` (+ `/1.0`),
 * `POST /ack` (acknowledgement is not enabled: code 14). Replies follow Splunk's `{text, code}`.
 */
export function hecRoutes(deps: HecRoutesDeps): Hono<AuthEnv> {
  const logger = deps.logger ?? silentLogger;
  const app = new Hono<AuthEnv>();
  const auth = requireAuth({ auth: deps.tokens, roles: ['admin', 'ingest'], errors: 'hec' });
  const limit: MiddlewareHandler<AuthEnv> = deps.rateLimit ?? ((_c, next) => next());

  const context = (c: Context<AuthEnv>, sourcetype: string): IngestContext => {
    const id = c.get('identity');
    return {
      orgId: id.orgId,
      receivedMs: Date.now(),
      defaultHost: deps.defaultHost,
      defaultSource: `http:${id.subject}`,
      defaultSourcetype: sourcetype,
      ...(id.indexes?.[0] === undefined ? {} : { defaultIndex: id.indexes[0] }),
    };
  };

  const run = async (
    c: Context<AuthEnv>,
    ctx: IngestContext,
    decode: (text: string, ctx: IngestContext) => ReturnType<typeof decodeHecEvents>,
  ) => {
    try {
      await ingestRequest(
        c.req.raw,
        deps,
        (text) => decode(text, ctx),
        c.get('identity').indexes,
        ctx.receivedMs,
      );
      return c.json({ text: HEC.success.text, code: HEC.success.code });
    } catch (err) {
      const e = toIngestError(err);
      if (e.status >= 500) logger.warn('hec: request not stored', { status: e.status, err });
      return hecError(c, e);
    }
  };

  const event = (c: Context<AuthEnv>) => run(c, context(c, 'httpevent'), decodeHecEvents);
  app.post('/', auth, limit, event);
  app.post('/event', auth, limit, event);
  app.post('/event/1.0', auth, limit, event);

  const raw = async (c: Context<AuthEnv>) => {
    const channel = c.req.header('X-Splunk-Request-Channel') ?? c.req.query('channel');
    if (channel === undefined || channel === '') return c.json(HEC.channelMissing, 400);
    if (!CHANNEL.test(channel)) return c.json(HEC.channelInvalid, 400);
    const q = c.req.query();
    const meta = { host: q['host'], source: q['source'], sourcetype: q['sourcetype'], index: q['index'] };
    return run(c, context(c, 'httpevent'), (text, ctx) => decodeHecRaw(text, meta, ctx));
  };
  app.post('/raw', auth, limit, raw);
  app.post('/raw/1.0', auth, limit, raw);

  app.post('/ack', auth, limit, (c) => c.json({ text: 'ACK is disabled', code: 14 }, 400));

  const health = (c: Context<AuthEnv>) => {
    if (!deps.isReady()) return c.json(HEC.unhealthy, 503);
    if (deps.batcher.saturated) return c.json(HEC.queuesFull, 503);
    return c.json(HEC.healthy, 200);
  };
  app.get('/health', health);
  app.get('/health/1.0', health);
  return app;
}
