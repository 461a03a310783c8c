// The authenticator the app uses: JWTs go to OIDC (when configured), everything else to service tokens.

import { looksLikeJwt } from './shapes.ts';
import type { Authenticator, Identity } from './types.ts';

export interface CombinedAuthOptions {
  /** Service tokens (`TokenService`). */
  tokens: Authenticator;
  /** OIDC; undefined when OIDC is off, and then JWT-shaped credentials are looked up as service tokens. */
  oidc?: Authenticator | undefined;
}

/**
 * Routes a credential by its shape: three base64url segments (`a.b.c`) is a JWT and goes to OIDC only;
 * anything else (a UUID service token) goes to the token table only. A failed JWT is not retried as a
 * service token, so a flood of bad JWTs never triggers token-table reloads.
 *
 * @example createAuthenticator({ tokens, oidc: createOidcAuthenticator(config.oidc) })
 */
export function createAuthenticator(opts: CombinedAuthOptions): Authenticator {
  const { tokens, oidc } = opts;
  if (oidc === undefined) return tokens;
  return {
    verify: (credential: string): Promise<Identity | undefined> =>
      looksLikeJwt(credential) ? oidc.verify(credential) : tokens.verify(credential),
  };
}
