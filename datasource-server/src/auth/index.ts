// The auth module's public surface: token service, middleware and identity types.

export { createTokenService, hashToken, DEFAULT_ORG } from './tokens.ts';
export type { TokenService, TokenServiceOptions } from './tokens.ts';
export { requireAuth, tokenFromHeader } from './middleware.ts';
export type { AuthFailure, RequireAuthOptions } from './middleware.ts';
export { ROLES, isRole } from './types.ts';
export type { AuthEnv, Identity, Role } from './types.ts';
