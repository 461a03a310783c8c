// The HTTP client for nexus-api: the plugin forwards SPL there and never compiles it itself.

import type { ResultColumn, SplRequestBody, SplResponse, WireDiagnostic } from '@nexus/spl/wire';

export type { ResultColumn, SplRequestBody };
/** The body of `POST /query/spl`: nexus-api's own wire type. */
export type SplResult = SplResponse;
/** One positioned diagnostic of nexus-api's `400 { errors }`. */
export type NexusDiagnostic = WireDiagnostic;

/** nexus-api answered with an error status, or could not be reached (`status` 0). */
export class NexusError extends Error {
  override readonly name = 'NexusError';
  constructor(
    message: string,
    readonly status: number,
    readonly diagnostics: readonly NexusDiagnostic[] = [],
  ) {
    super(message);
  }
}

export interface NexusClient {
  readonly url: string;
  readonly authorization: string | undefined;
  /** Milliseconds before a request is abandoned. */
  readonly timeoutMs?: number;
}

function errorOf(status: number, body: unknown): NexusError {
  if (typeof body === 'object' && body !== null) {
    const b = body as { errors?: unknown; error?: unknown };
    if (Array.isArray(b.errors)) {
      const ds = b.errors.filter(
        (e): e is NexusDiagnostic =>
          typeof e === 'object' && e !== null && typeof (e as NexusDiagnostic).message === 'string',
      );
      const text = ds.map((d) => `${d.message} (line ${d.line}, column ${d.column})`).join('; ');
      return new NexusError(text || `nexus-api answered ${status}`, status, ds);
    }
    if (
      typeof b.error === 'object' &&
      b.error !== null &&
      typeof (b.error as { message?: unknown }).message === 'string'
    ) {
      return new NexusError((b.error as { message: string }).message, status);
    }
  }
  return new NexusError(`nexus-api answered ${status}`, status);
}

/** Sends one request to nexus-api and returns its JSON body, or throws `NexusError`. */
export async function nexusRequest(
  c: NexusClient,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (c.authorization) headers['Authorization'] = c.authorization;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`${c.url}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(c.timeoutMs ?? 120_000),
    });
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    throw new NexusError(`cannot reach nexus-api at ${c.url}${cause}`, 0);
  }
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    if (res.ok)
      throw new NexusError(`nexus-api answered ${res.status} with a body that is not JSON`, res.status);
  }
  if (!res.ok) throw errorOf(res.status, parsed);
  return parsed;
}

function isSplResult(v: unknown): v is SplResult {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Partial<SplResult>;
  return Array.isArray(r.columns) && Array.isArray(r.rows) && typeof r.meta === 'object' && r.meta !== null;
}

/** `POST /query/spl`. */
export async function runSpl(c: NexusClient, req: SplRequestBody): Promise<SplResult> {
  const body = await nexusRequest(c, 'POST', '/query/spl', req);
  if (!isSplResult(body)) throw new NexusError('nexus-api answered /query/spl with an unexpected body', 502);
  return body;
}
