// Splunk's REST search API (search/jobs, v2, export, parser, server/info, auth/login) on the query service.

import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { tokenFromHeader } from '../auth/middleware.ts';
import type { AuthEnv, Authenticator } from '../auth/types.ts';
import { startSearch } from '../query/execute.ts';
import type { SearchDeps } from '../query/execute.ts';
import { MetricsUnavailableError } from '../query/metrics.ts';
import { TooManyQueriesError } from '../query/running.ts';
import { QueryForbiddenError, QueryInputError, defaultQueryLimits, parseSearch } from '../query/service.ts';
import type { SplRequest } from '../query/service.ts';
import { NoMetricsAccountError } from '../metrics/victoria.ts';
import { QueryCancelledError } from '../store/index.ts';
import type { Logger } from '../telemetry/logger.ts';
import { silentLogger } from '../telemetry/logger.ts';
import type { ContentDict } from './entries.ts';
import {
  NEXUS_BUILD,
  SPLUNK_VERSION,
  atomEntry,
  atomFeed,
  isoTime,
  jobEntry,
  jsonFeed,
  messagesBody,
} from './entries.ts';
import type { JobMessage, JobServiceOptions } from './jobs.ts';
import { JobError, JobService, failureText } from './jobs.ts';
import { fieldList, intParam, oneOf, requestParams, restSearch, timeParam } from './params.ts';
import {
  EXPORT_MODES,
  RESULT_MODES,
  exportStream,
  formatResults,
  splunkResults,
  xmlText,
} from './results-format.ts';
import { SplunkSessions } from './sessions.ts';

export interface SplunkRestDeps {
  /** The app's authenticator (tokens, OIDC, tenant bans). */
  readonly auth: Authenticator;
  /** The query service's dependencies, shared with `/query` (limits, slots, audit). */
  readonly search: SearchDeps;
  /** The per-org rate limit of the JSON API, applied after the token check. */
  readonly rateLimit?: MiddlewareHandler<AuthEnv>;
  /** Job TTL and memory budgets (see `JobService`). */
  readonly jobs?: Omit<JobServiceOptions, 'search'>;
  readonly logger?: Logger;
}

/** The routes' context: the caller's identity, and the request's parameters (query string and form body). */
export interface SplunkEnv {
  Variables: AuthEnv['Variables'] & { params?: URLSearchParams };
}
type Ctx = Context<SplunkEnv>;
const SEARCH_ROLES = new Set(['viewer', 'editor', 'admin']);
const EXPORT_CHUNK_ROWS = 500;

/** The request's parameters, read by the `readParams` middleware. */
const paramsOf = (c: Ctx): URLSearchParams => c.get('params') ?? new URLSearchParams(c.req.query());

/** XML unless the client asked for JSON (Splunk's default output mode is XML). */
const wantsXml = (c: Ctx): boolean =>
  !(c.get('params')?.get('output_mode') ?? c.req.query('output_mode') ?? '').toLowerCase().startsWith('json');

function reply(c: Ctx, status: number, body: { contentType: string; body: string }): Response {
  return c.body(body.body, status as 200, { 'Content-Type': body.contentType });
}

const messages = (
  c: Ctx,
  status: number,
  type: JobMessage['type'],
  text: string,
  xml = wantsXml(c),
): Response => reply(c, status, messagesBody([{ type, text }], xml));

/**
 * The Splunk REST search API, as a sub-app to mount at `/`. Paths under `/services/search`,
 * `/services/search/v2` and their `/servicesNS/<owner>/<app>/…` forms; jobs belong to the token that made them.
 *
 * @example app.route('/', splunkRestRoutes({ auth, search: searchDeps, rateLimit: limit('json') }));
 */
export function splunkRestRoutes(deps: SplunkRestDeps): Hono<SplunkEnv> {
  const app = new Hono<SplunkEnv>();
  const logger = deps.logger ?? silentLogger;
  const sessions = new SplunkSessions({ auth: deps.auth });
  const jobs = new JobService({ ...deps.jobs, search: deps.search });
  const maxRows = deps.search.limits?.maxRows ?? defaultQueryLimits.maxRows;

  app.onError((err, c) => {
    const xml = wantsXml(c);
    if (err instanceof JobError) return messages(c, err.status, 'ERROR', err.message, xml);
    if (err instanceof QueryInputError) return messages(c, 400, 'FATAL', failureText(err), xml); // Splunk has no 422
    if (err instanceof QueryForbiddenError || err instanceof NoMetricsAccountError) {
      return messages(c, 403, 'ERROR', err.message, xml);
    }
    if (err instanceof TooManyQueriesError || err instanceof MetricsUnavailableError) {
      c.header('Retry-After', err instanceof TooManyQueriesError ? '1' : '5');
      return messages(c, 503, 'ERROR', `Search not executed: ${err.message}`, xml);
    }
    if (err instanceof QueryCancelledError) return new Response(null, { status: 499 });
    logger.error('splunk rest: unhandled error', { method: c.req.method, path: c.req.path, err });
    return messages(c, 500, 'ERROR', 'Internal error; the server log has the details', xml);
  });

  // Authentication as Splunk's SDKs send it: `Authorization: Splunk <session key or token>`, or Bearer/Basic.
  const authenticate: MiddlewareHandler<SplunkEnv> = async (c, next) => {
    const { token } = tokenFromHeader(c.req.header('Authorization'));
    const identity = token === undefined ? undefined : await sessions.verify(token);
    if (!identity) {
      c.header('WWW-Authenticate', 'Splunk');
      return messages(c, 401, 'WARN', 'call not properly authenticated');
    }
    if (!SEARCH_ROLES.has(identity.role))
      return messages(c, 403, 'ERROR', 'this token is not allowed to search');
    c.set('identity', identity);
    await next();
  };
  // The parameters are read once (a form body can be read only once); only on these paths, as this sub-app is
  // mounted at the root beside the ingestion routes.
  const readParams: MiddlewareHandler<SplunkEnv> = async (c, next) => {
    c.set('params', await requestParams(c.req.raw));
    await next();
  };
  app.use('/services/auth/*', readParams);
  for (const p of ['/services/search/*', '/servicesNS/*', '/services/server/*']) {
    app.use(p, readParams, authenticate, ...(deps.rateLimit ? [deps.rateLimit] : []));
  }

  app.on('POST', slash('/services/auth/login'), async (c) => {
    const params = paramsOf(c);
    const password = params.get('password') ?? '';
    const key = password === '' ? undefined : await sessions.login(password);
    const xml = wantsXml(c);
    if (key === undefined) {
      return reply(c, 401, messagesBody([{ type: 'WARN', text: 'Login failed' }], xml));
    }
    if (!xml) return c.json({ sessionKey: key, message: '', code: '' });
    return reply(c, 200, {
      contentType: 'text/xml; charset=UTF-8',
      body: `<response>\n  <sessionKey>${key}</sessionKey>\n  <messages>\n    <msg code=""></msg>\n  </messages>\n</response>\n`,
    });
  });

  app.on('GET', slash('/services/server/info'), (c) => {
    const base = new URL(c.req.url).origin;
    const content: ContentDict = {
      version: SPLUNK_VERSION,
      build: NEXUS_BUILD,
      product_type: 'enterprise',
      serverName: 'nexus',
      instance_type: '',
      isFree: false,
      isTrial: false,
      mode: 'normal',
      product: 'nexus',
    };
    const entry = {
      name: 'server-info',
      path: '/services/server/info/server-info',
      author: 'system',
      updated: isoTime(Date.now()),
      links: { alternate: '/services/server/info/server-info' },
      content,
    };
    const now = isoTime(Date.now());
    if (wantsXml(c)) {
      return reply(c, 200, {
        contentType: 'text/xml; charset=UTF-8',
        body: atomFeed('server-info', '/services/server/info', [entry], base, now),
      });
    }
    const feed = jsonFeed('/services/server/info', [entry], base, now) as Record<string, unknown>;
    return c.json({ ...feed, generator: { build: NEXUS_BUILD, version: SPLUNK_VERSION, instance_type: '' } });
  });

  const search = new Hono<SplunkEnv>();
  /** The path prefix of this request's jobs (`/services/search/v2/jobs`, `/servicesNS/a/b/search/jobs` …). */
  const jobsPrefix = (c: Ctx): string => {
    const m = /^(.*\/jobs)(\/|$)/.exec(c.req.path);
    return m?.[1] ?? '/services/search/jobs';
  };
  const sendEntries = (c: Ctx, entries: ReturnType<typeof jobEntry>[], one: boolean): Response => {
    const base = new URL(c.req.url).origin;
    const now = isoTime(Date.now());
    const prefix = jobsPrefix(c);
    if (!wantsXml(c)) return c.json(jsonFeed(prefix, entries, base, now));
    const first = entries[0];
    const body = one && first ? atomEntry(first, base) : atomFeed('jobs', prefix, entries, base, now);
    return reply(c, 200, { contentType: 'text/xml; charset=UTF-8', body });
  };

  /** The request a job or export runs: the REST search rule, its time range, its row cap. */
  const splRequest = (params: URLSearchParams, rows: number): SplRequest => {
    const earliest = timeParam(params, 'earliest_time');
    const latest = timeParam(params, 'latest_time');
    // Splunk's REST default is all time; the org's range guardrail, if any, still applies (a 400 says so).
    return {
      query: restSearch(params.get('search')),
      earliest: earliest ?? '0',
      ...(latest !== undefined ? { latest } : {}),
      limit: Math.min(Math.max(rows, 1), maxRows),
    };
  };

  search.on('POST', slash('/jobs'), async (c) => {
    const params = paramsOf(c);
    const identity = c.get('identity');
    const mode = oneOf(params, 'exec_mode', ['normal', 'blocking', 'oneshot'] as const, 'normal');
    const maxCount = intParam(params, 'max_count', defaultQueryLimits.defaultRows, 1);
    if (mode === 'oneshot') {
      const outputMode = oneOf(params, 'output_mode', RESULT_MODES, 'xml');
      const started = await startSearch(deps.search, identity, splRequest(params, maxCount), {
        signal: c.req.raw.signal,
      });
      const result = await started.result;
      const offset = intParam(params, 'offset', 0);
      const page = { offset, count: intParam(params, 'count', 100), fieldList: fieldList(params) };
      return reply(c, 200, formatResults(splunkResults(result, page), outputMode, { offset, messages: [] }));
    }
    const id = params.get('id');
    const ttl = params.get('timeout');
    const job = await jobs.create(identity, splRequest(params, maxCount), {
      ...(id !== null && id !== '' ? { id } : {}),
      ...(ttl !== null && ttl !== '' ? { ttlSeconds: intParam(params, 'timeout', 600, 1) } : {}),
    });
    if (mode === 'blocking') await job.settled;
    if (!wantsXml(c)) return c.json({ sid: job.sid }, 201);
    return reply(c, 201, {
      contentType: 'text/xml; charset=UTF-8',
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<response>\n  <sid>${job.sid}</sid>\n</response>\n`,
    });
  });

  search.on('GET', slash('/jobs'), (c) => {
    const now = Date.now();
    return sendEntries(
      c,
      jobs.list(c.get('identity')).map((j) => jobEntry(j, jobsPrefix(c), now)),
      false,
    );
  });

  // Export: the search runs, then its results stream out in chunks (never one body in memory). A client that
  // goes away kills the ClickHouse statement (the request's signal).
  search.on(['GET', 'POST'], slash('/jobs/export'), async (c) => {
    const params = paramsOf(c);
    const mode = oneOf(params, 'output_mode', EXPORT_MODES, 'xml');
    const started = await startSearch(deps.search, c.get('identity'), splRequest(params, maxRows), {
      signal: c.req.raw.signal,
    });
    const result = await started.result;
    const r = splunkResults(result, { offset: 0, count: 0, fieldList: fieldList(params) });
    const notes: JobMessage[] = result.meta.truncated
      ? [{ type: 'WARN', text: `Only the first ${result.rows.length} results are exported (the row limit)` }]
      : [];
    const s = exportStream(mode, r.fields, notes);
    const encoder = new TextEncoder();
    let at = 0;
    let headSent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        let chunk = headSent ? '' : s.head;
        headSent = true;
        const end = Math.min(at + EXPORT_CHUNK_ROWS, r.rows.length);
        for (; at < end; at++) chunk += s.row(r.rows[at] ?? [], at, at === r.rows.length - 1);
        if (at >= r.rows.length) {
          chunk += s.tail;
          if (chunk !== '') controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(chunk));
      },
    });
    return new Response(body, { status: 200, headers: { 'Content-Type': s.contentType } });
  });

  const ownJob = (c: Ctx) => {
    const job = jobs.get(c.get('identity'), c.req.param('sid') ?? '');
    if (!job) throw new JobError(404, 'Unknown sid.');
    return job;
  };

  search.on('GET', slash('/jobs/:sid'), (c) =>
    sendEntries(c, [jobEntry(ownJob(c), jobsPrefix(c), Date.now())], true),
  );

  search.on('DELETE', slash('/jobs/:sid'), (c) => {
    const job = ownJob(c);
    jobs.remove(c.get('identity'), job.sid);
    return messages(c, 200, 'INFO', 'Search job cancelled.');
  });

  for (const kind of ['results', 'results_preview', 'events'] as const) {
    search.on(['GET', 'POST'], slash(`/jobs/:sid/${kind}`), async (c) => {
      const job = ownJob(c);
      const params = paramsOf(c);
      if ((params.get('search') ?? '').trim() !== '') {
        throw new JobError(
          400,
          'A post-process "search" on job results is not supported by Nexus; run it as a new job',
        );
      }
      const outputMode = oneOf(params, 'output_mode', RESULT_MODES, 'xml');
      // Splunk answers 204 while a job runs (no preview: Nexus has results only when the search ends).
      if (job.state === 'RUNNING' || job.state === 'FINALIZING') {
        if (kind === 'results') return c.body(null, 204);
      }
      const offset = intParam(params, 'offset', 0);
      const page = { offset, count: intParam(params, 'count', 100), fieldList: fieldList(params) };
      const r = splunkResults(job.result ?? { columns: [], rows: [] }, page);
      return reply(c, 200, formatResults(r, outputMode, { offset, messages: job.messages }));
    });
  }

  search.on('POST', slash('/jobs/:sid/control'), async (c) => {
    const job = ownJob(c);
    const identity = c.get('identity');
    const params = paramsOf(c);
    const action = (params.get('action') ?? '').toLowerCase();
    switch (action) {
      case 'cancel':
        jobs.remove(identity, job.sid);
        return messages(c, 200, 'INFO', 'Search job cancelled.');
      case 'finalize':
        jobs.finalize(identity, job.sid);
        return messages(c, 200, 'INFO', 'Search job finalized.');
      case 'touch':
        jobs.touch(identity, job.sid);
        return messages(c, 200, 'INFO', 'Search job touched.');
      case 'setttl':
        jobs.touch(identity, job.sid, intParam(params, 'ttl', job.ttlSeconds, 1));
        return messages(c, 200, 'INFO', 'Search job ttl set.');
      case 'disablepreview':
        return messages(c, 200, 'INFO', 'Search job preview disabled.');
      case 'pause':
      case 'unpause':
      case 'setpriority':
      case 'enablepreview':
        throw new JobError(
          400,
          `Action "${action}" is not supported by Nexus: a ClickHouse search cannot be paused, reprioritised or previewed`,
        );
      default:
        throw new JobError(
          400,
          `Unknown action "${action.slice(0, 40)}"; use cancel, finalize, touch or setttl`,
        );
    }
  });

  // Parse only (`/services/search/parser`, v2 POST): the commands as the SPL parser reads them.
  search.on(['GET', 'POST'], slash('/parser'), async (c) => {
    const params = paramsOf(c);
    const q = restSearch(params.get('q'));
    const parsed = parseSearch(q, deps.search.macros);
    if (!parsed.ast) {
      const text = parsed.errors
        .map((e) => `Error in 'SearchParser': ${e.message} (line ${e.line}, column ${e.column})`)
        .join('; ');
      throw new JobError(400, text);
    }
    const commands = parsed.ast.commands.map((cmd, i) => ({
      command: cmd.name.name,
      rawargs: parsed.text.slice(cmd.name.span.end, cmd.span.end).trim(),
      isGenerating: i === 0,
    }));
    const body = { remoteSearch: parsed.text, reportsSearch: '', commands };
    if (!wantsXml(c)) return c.json(body);
    const cmds = commands
      .map(
        (k) =>
          `  <command name="${xmlText(k.command)}" isGenerating="${k.isGenerating ? 1 : 0}">${xmlText(k.rawargs)}</command>\n`,
      )
      .join('');
    return reply(c, 200, {
      contentType: 'text/xml; charset=UTF-8',
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<response>\n  <remoteSearch>${xmlText(parsed.text)}</remoteSearch>\n${cmds}</response>\n`,
    });
  });

  for (const prefix of [
    '/services/search',
    '/services/search/v2',
    '/servicesNS/:owner/:app/search',
    '/servicesNS/:owner/:app/search/v2',
  ]) {
    app.route(prefix, search);
  }
  return app;
}

/** A path and the same with a trailing slash (the SDKs request collections as `…/jobs/`). */
const slash = (p: string): string[] => [p, `${p}/`];
