// Splunk HTTP Event Collector routes, mounted at /services/collector.

import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import { requireAuth } from '../auth/middleware.ts';
import type { Authenticator } from '../auth/types.ts';
import type { AuthEnv } from '../auth/types.ts';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';
import { readBodyText } from './body.ts';
import { HEC, IngestError, OutsideRetentionError } from './errors.ts';
import type { HecStatus } from './errors.ts';
import { AckCapacityError, HecAckRegistry } from './hec-ack.ts';
import type { AckTicket } from './hec-ack.ts';
import { decodeWith } from './decode-pool.ts';
import type { DecodeJob } from './decoders.ts';
import type { HecBatch } from './hec-decode.ts';
import { identityContext } from './identity-context.ts';
import type { IngestContext } from './normalise.ts';
import { ingestRequest, logNotStored, toIngestError } from './service.ts';
import type { IngestDeps } from './service.ts';
import { countIngest, ingestTally } from './tally.ts';

export interface HecRoutesDeps extends IngestDeps {
  tokens: Authenticator;
  /** False before migrations finished and during shutdown. */
  isReady: () => boolean;
  logger?: Logger;
  /** Runs right after the token check on every authenticated route (per-tenant rate limits). */
  rateLimit?: MiddlewareHandler<AuthEnv>;
  /** Indexer acknowledgement state of this instance. Default: a registry with the default limits. */
  acks?: HecAckRegistry;
}

const CHANNEL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The request's channel (`X-Splunk-Request-Channel` header, else `?channel=`), or the HEC error. */
function requestChannel(c: Context): { channel: string } | { error: HecStatus } {
  const channel = c.req.header('X-Splunk-Request-Channel') ?? c.req.query('channel');
  if (channel === undefined || channel === '') return { error: HEC.channelMissing };
  if (!CHANNEL.test(channel)) return { error: HEC.channelInvalid };
  return { channel };
}

/** `{"acks":[0,1,2]}`: the ackIds (non-negative integers), or undefined when the body is not that. */
export function parseAckQuery(text: string): number[] | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const acks = (body as Record<string, unknown>)['acks'];
  if (!Array.isArray(acks)) return undefined;
  return acks.every((a): a is number => typeof a === 'number' && Number.isSafeInteger(a) && a >= 0)
    ? acks
    : undefined;
}

/** Any failure of an HEC request as an IngestError (ack capacity is "Server is busy", 503). */
function toHecError(err: unknown): IngestError {
  if (err instanceof AckCapacityError) {
    return new IngestError(503, HEC.busy, err.message, undefined, err.retryAfterSeconds);
  }
  return toIngestError(err);
}

function hecError(c: Context, e: IngestError): Response {
  if (e.retryAfter !== undefined) c.header('Retry-After', String(e.retryAfter));
  const body: Record<string, unknown> = {
    text: e.status === 413 || e.status === 415 || e instanceof OutsideRetentionError ? e.message : e.hec.text,
    code: e.hec.code,
  };
  if (e.eventIndex !== undefined) body['invalid-event-number'] = e.eventIndex;
  if (e.explain && body['text'] !== e.message) body['reason'] = e.message;
  return c.json(body, e.status);
}

/**
 * `POST /event` (also `/` and `/event/1.0`), `POST /raw` (+ `/1.0`), `GET /health` (+ `/1.0`),
 * `POST /ack`. Replies follow Splunk's `{text, code}`.
 *
 * Indexer acknowledgement (tokens with `ack` on): `/event` and `/raw` need a channel, and the success
 * answer carries the channel's next `ackId` (refused requests take none). The answer is sent after the rows are committed, as for
 * every request, so `/ack` reports the ackId `true` at once (and then forgets it, as Splunk does).
 */
export function hecRoutes(deps: HecRoutesDeps): Hono<AuthEnv> {
  const logger = deps.logger ?? silentLogger;
  const acks = deps.acks ?? new HecAckRegistry();
  const app = new Hono<AuthEnv>();
  const requireToken = requireAuth({ auth: deps.tokens, roles: ['admin', 'ingest'], errors: 'hec' });
  // Splunk's `?token=` is off by default (tokens leak into access logs); it is never on here.
  const auth: MiddlewareHandler<AuthEnv> = (c, next) =>
    c.req.header('Authorization') === undefined && c.req.query('token') !== undefined
      ? Promise.resolve(c.json(HEC.queryStringAuth, 400))
      : requireToken(c, next);
  const limit: MiddlewareHandler<AuthEnv> = deps.rateLimit ?? ((_c, next) => next());

  const context = (c: Context<AuthEnv>): IngestContext => {
    const id = c.get('identity');
    return identityContext(id, {
      defaultHost: deps.defaultHost,
      rules: deps.limits,
      retentionDays: deps.retentionDays,
      defaultSource: `http:${id.subject}`,
      defaultSourcetype: 'httpevent',
    });
  };

  /** Channel checks (always for raw, for every request of an ack token), ackId, ingest, answer. */
  const run = async (
    c: Context<AuthEnv>,
    job: (ctx: IngestContext) => DecodeJob<'hecEvent'> | DecodeJob<'hecRaw'>,
    channelRequired: boolean,
  ) => {
    const ctx = context(c);
    const id = c.get('identity');
    const ack = id.ingest?.ack === true;
    let channel: string | undefined;
    if (channelRequired || ack) {
      const r = requestChannel(c);
      if ('error' in r) return c.json(r.error, 400);
      channel = r.channel;
    }
    let ticket: AckTicket | undefined;
    try {
      if (ack && channel !== undefined) ticket = acks.begin(id.orgId, channel);
      let decoded: HecBatch = { rows: [], samples: [] };
      const decodeBatch = async (body: Buffer) => {
        decoded = await decodeWith(deps.decodePool, job(ctx), body, id.orgId);
        return decoded.rows;
      };
      await ingestRequest(c.req.raw, deps, decodeBatch, {
        allowedIndexes: id.indexes,
        receivedMs: ctx.receivedMs,
        tally: ingestTally(c),
        decoded: () => decoded,
      });
      const ackId = ticket?.committed();
      return c.json({
        text: HEC.success.text,
        code: HEC.success.code,
        ...(ackId === undefined ? {} : { ackId }),
      });
    } catch (err) {
      ticket?.failed();
      const e = toHecError(err);
      logNotStored(logger, 'hec', err, e);
      return hecError(c, e);
    }
  };

  const event = (c: Context<AuthEnv>) =>
    run(
      c,
      (ctx) => ({
        decoder: 'hecEvent',
        args: { ctx, indexes: c.get('identity').indexes },
        shape: 'json',
        limits: deps.limits,
      }),
      false,
    );
  const countEvent = countIngest(deps.metrics, 'hec_event');
  app.post('/', countEvent, auth, limit, event);
  app.post('/event', countEvent, auth, limit, event);
  app.post('/event/1.0', countEvent, auth, limit, event);

  const raw = (c: Context<AuthEnv>) => {
    const q = c.req.query();
    const meta = { host: q['host'], source: q['source'], sourcetype: q['sourcetype'], index: q['index'] };
    return run(
      c,
      (ctx) => ({ decoder: 'hecRaw', args: { ctx, meta }, shape: 'lines', limits: deps.limits }),
      true,
    );
  };
  const countRaw = countIngest(deps.metrics, 'hec_raw');
  app.post('/raw', countRaw, auth, limit, raw);
  app.post('/raw/1.0', countRaw, auth, limit, raw);

  // Splunk serves the status query at /ack only (no /ack/1.0).
  app.post('/ack', auth, limit, async (c) => {
    const id = c.get('identity');
    if (id.ingest?.ack !== true) return c.json(HEC.ackDisabled, 400);
    const r = requestChannel(c);
    if ('error' in r) return c.json(r.error, 400);
    let text: string;
    try {
      text = await readBodyText(c.req.raw, deps.limits);
    } catch (err) {
      return hecError(c, toIngestError(err));
    }
    if (text.trim() === '') return c.json(HEC.noData, 400);
    const ids = parseAckQuery(text);
    if (ids === undefined) return c.json(HEC.invalidFormat, 400);
    return c.json({ acks: acks.query(id.orgId, r.channel, ids) });
  });

  const health = (c: Context<AuthEnv>) => {
    if (!deps.isReady()) return c.json(HEC.unhealthy, 503);
    if (deps.batcher.saturated) return c.json(HEC.queuesFull, 503);
    return c.json(HEC.healthy, 200);
  };
  app.get('/health', health);
  app.get('/health/1.0', health);
  return app;
}
