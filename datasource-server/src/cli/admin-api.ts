// The CLI's client of a running nexus-api's admin API: one authenticated JSON request at a time.

export interface AdminAnswer {
  status: number;
  json: unknown;
}

/**
 * A request function for `base` (no trailing slash needed) with bearer `token`; bodies are sent as JSON, answers
 * parsed as JSON (`{}` when empty). Network failures reject.
 *
 * @example const request = adminApi('http://127.0.0.1:8080', token); await request('GET', '/admin/tokens')
 */
export function adminApi(
  base: string,
  token: string,
  timeoutMs = 30_000,
): (method: string, path: string, body?: unknown) => Promise<AdminAnswer> {
  const root = base.replace(/\/+$/, '');
  return async (method, path, body) => {
    const res = await fetch(`${root}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    return { status: res.status, json: text === '' ? {} : (JSON.parse(text) as unknown) };
  };
}
