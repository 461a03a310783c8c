// Hono middleware `requireAuth`: reads the token, verifies it, and sets the typed `identity` variable.

import type { Context, MiddlewareHandler } from 'hono';
import type { AuthEnv, Authenticator, Role } from './types.ts';

export type AuthFailure = 'missing' | 'bad-scheme' | 'invalid' | 'forbidden' | 'suspended';

export interface RequireAuthOptions {
  auth: Authenticator;
  /** Roles allowed through; all roles when omitted. */
  roles?: readonly Role[];
  /** Error body style: Splunk HEC's `{text, code}` or the API's `{error:{code,message}}`. Default `json`. */
  errors?: 'hec' | 'json';
}

/**
 * The token in an Authorization header: `Splunk <t>`, `Bearer <t>`, HTTP Basic with the token as
 * the password (some HEC clients do this; the user name is ignored, or taken if the password is empty), or
 * Elasticsearch's `ApiKey base64(<id>:<t>)` (Filebeat's and Logstash's `api_key: "<id>:<t>"`; a value that
 * is not such base64 is taken as the token itself).
 */
export function tokenFromHeader(header: string | undefined): { token?: string; failure?: AuthFailure } {
  if (header === undefined || header.trim() === '') return { failure: 'missing' };
  const m = /^\s*(\S+)\s+(\S+)\s*$/.exec(header);
  if (m === null) return { failure: 'bad-scheme' };
  const scheme = (m[1] ?? '').toLowerCase();
  const value = m[2] ?? '';
  if (scheme === 'splunk' || scheme === 'bearer') return { token: value };
  if (scheme === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { failure: 'bad-scheme' };
    const pass = decoded.slice(colon + 1);
    const token = pass !== '' ? pass : decoded.slice(0, colon);
    return token === '' ? { failure: 'bad-scheme' } : { token };
  }
  if (scheme === 'apikey') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const canonical = Buffer.from(decoded, 'utf8').toString('base64').replace(/=+$/, '');
    const colon = decoded.indexOf(':');
    if (canonical !== value.replace(/=+$/, '') || colon < 0) return { token: value };
    const token = decoded.slice(colon + 1);
    return token === '' ? { failure: 'bad-scheme' } : { token };
  }
  return { failure: 'bad-scheme' };
}

const HEC: Record<AuthFailure, { status: 401 | 403; text: string; code: number }> = {
  missing: { status: 401, text: 'Token is required', code: 2 },
  'bad-scheme': { status: 401, text: 'Invalid authorization', code: 3 },
  invalid: { status: 403, text: 'Invalid token', code: 4 },
  forbidden: { status: 403, text: 'Token is not allowed to send data', code: 4 },
  suspended: { status: 403, text: 'Token disabled', code: 1 },
};

// The JSON API follows RFC 6750: a credential that is unknown, revoked, expired or fails any JWT check is
// 401 (authenticate again), with one message whatever the reason; 403 is only for a known caller lacking
// the role. (HEC keeps Splunk's documented 403 code 4 for an invalid token.)
const JSON_ERRORS: Record<AuthFailure, { status: 401 | 403; message: string }> = {
  missing: { status: 401, message: 'an Authorization header is required (Bearer, Splunk, Basic or ApiKey)' },
  'bad-scheme': {
    status: 401,
    message: 'unsupported Authorization scheme; use Bearer, Splunk, Basic or ApiKey',
  },
  invalid: { status: 401, message: 'invalid or revoked token' },
  forbidden: { status: 403, message: 'this token is not allowed to do this' },
  suspended: { status: 403, message: 'this organisation is suspended' },
};

function reject(c: Context, failure: AuthFailure, style: 'hec' | 'json'): Response {
  if (style === 'hec') {
    const h = HEC[failure];
    if (h.status === 401) c.header('WWW-Authenticate', 'Splunk');
    return c.json({ text: h.text, code: h.code }, h.status);
  }
  const { status, message } = JSON_ERRORS[failure];
  if (status === 401) {
    c.header('WWW-Authenticate', failure === 'invalid' ? 'Bearer error="invalid_token"' : 'Bearer');
  }
  const code = status === 401 ? 'unauthorized' : 'forbidden';
  return c.json({ error: { code, message } }, status);
}

/**
 * @example app.use('/query/*', requireAuth({ auth, roles: ['viewer', 'editor', 'admin'] }))
 * // then in a handler: const { orgId } = c.get('identity')
 */
export const requireAuth = (opts: RequireAuthOptions): MiddlewareHandler<AuthEnv> => {
  const style = opts.errors ?? 'json';
  return async (c, next) => {
    const { token, failure } = tokenFromHeader(c.req.header('Authorization'));
    if (token === undefined) return reject(c, failure ?? 'missing', style);
    const identity = await opts.auth.verify(token);
    if (identity === undefined) return reject(c, 'invalid', style);
    const refusal = await opts.auth.admit?.(identity);
    if (refusal !== undefined) return reject(c, 'suspended', style);
    if (opts.roles !== undefined && !opts.roles.includes(identity.role)) return reject(c, 'forbidden', style);
    c.set('identity', identity);
    await next();
  };
};
