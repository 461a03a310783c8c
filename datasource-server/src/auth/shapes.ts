// Shapes of credentials and org ids, shared by the configuration and the authenticators.

/** A JWT's compact form: three base64url segments (the third is empty for `alg: none`). */
export const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Org ids a credential may name: 1-64 letters, digits, `_`, `.`, `-`, starting with a letter or digit. */
export const ORG_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** @example looksLikeJwt('eyJhbGciOi….eyJzdWIi….c2ln') // => true; looksLikeJwt(uuid) // => false */
export function looksLikeJwt(credential: string): boolean {
  return JWT_SHAPE.test(credential);
}

/** @example isOrgId('acme-prod') // => true; isOrgId('../x') // => false */
export function isOrgId(v: unknown): v is string {
  return typeof v === 'string' && ORG_ID_PATTERN.test(v);
}
