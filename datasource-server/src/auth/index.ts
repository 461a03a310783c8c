// The auth module's public surface: token service, OIDC, middleware and identity types.

export { createTokenService, hashToken, DEFAULT_ORG } from './tokens.ts';
export type { TokenService, TokenServiceOptions } from './tokens.ts';
export { createOidcAuthenticator } from './oidc.ts';
export type { OidcAuthenticator, OidcAuthenticatorOptions } from './oidc.ts';
export { createAuthenticator } from './combined.ts';
export type { CombinedAuthOptions } from './combined.ts';
export { isOrgId, looksLikeJwt } from './shapes.ts';
export { requireAuth, tokenFromHeader } from './middleware.ts';
export type { AuthFailure, RequireAuthOptions } from './middleware.ts';
export { ROLES, isRole } from './types.ts';
export type { AuthEnv, Identity, Role } from './types.ts';
