// `Diagnostics/CheckHealth` ("Save & test"): can nexus-api be reached, does it accept our credentials.

import type { CheckHealthRequest, CheckHealthResponse } from './messages.ts';
import { count } from './metrics.ts';
import { NexusError, nexusRequest } from './nexus.ts';
import { authorizationFor, settingsOf } from './settings.ts';

const encode = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));

function answer(ok: boolean, message: string, details: Record<string, unknown>): CheckHealthResponse {
  count('nexus_plugin_health_checks_total', 'Health checks, by outcome.', { outcome: ok ? 'ok' : 'error' });
  return { status: ok ? 'OK' : 'ERROR', message, jsonDetails: encode(details) };
}

/**
 * Three steps, each with its own message: `GET /health/ready` (reachable, store up), then a compile of a
 * trivial search (the token is accepted). nexus-api has no version route: the storage mode it reports is shown.
 */
export async function checkHealth(req: CheckHealthRequest): Promise<CheckHealthResponse> {
  let settings;
  try {
    settings = settingsOf(req.pluginContext);
  } catch (err) {
    return answer(false, err instanceof Error ? err.message : String(err), { step: 'settings' });
  }
  const auth = authorizationFor(settings, req.headers);
  const client = { url: settings.url, authorization: auth.header, timeoutMs: 10_000 };
  let mode = 'unknown';
  try {
    const ready = await nexusRequest({ ...client, authorization: undefined }, 'GET', '/health/ready');
    if (
      typeof ready === 'object' &&
      ready !== null &&
      typeof (ready as { mode?: unknown }).mode === 'string'
    ) {
      mode = (ready as { mode: string }).mode;
    }
  } catch (err) {
    const why =
      err instanceof NexusError && err.status === 503
        ? 'is not ready (its store is unavailable)'
        : 'cannot be reached';
    return answer(
      false,
      `nexus-api at ${settings.url} ${why}: ${err instanceof Error ? err.message : String(err)}`,
      {
        step: 'reachability',
      },
    );
  }
  if (!auth.header) {
    return answer(false, 'no credentials: set the service token (or turn on OAuth pass-through)', {
      step: 'authentication',
      mode,
    });
  }
  try {
    await nexusRequest(client, 'POST', '/query/spl/compile', { query: 'search index=* | head 1' });
  } catch (err) {
    const status = err instanceof NexusError ? err.status : 0;
    const why =
      status === 401
        ? `rejected the ${auth.source === 'user' ? "user's forwarded token" : 'service token'}`
        : status === 403
          ? 'accepted the token but its role may not search'
          : 'failed a test compile';
    return answer(
      false,
      `nexus-api at ${settings.url} ${why}: ${err instanceof Error ? err.message : String(err)}`,
      {
        step: 'authentication',
        status,
        mode,
      },
    );
  }
  return answer(
    true,
    `nexus-api at ${settings.url} is reachable, ready (store: ${mode}) and accepts the ${auth.source === 'user' ? "user's token" : 'service token'}; it reports no version`,
    { mode, auth: auth.source, version: null },
  );
}
