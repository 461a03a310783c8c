// Identity types shared by the auth middleware and every route that needs to know who is calling.

export const ROLES = ['viewer', 'editor', 'admin', 'ingest'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: set by `requireAuth` as the Hono context variable `identity`. */
export interface Identity {
  readonly orgId: string;
  readonly role: Role;
  readonly tokenName: string;
}

/** Hono environment for routes behind `requireAuth`: `c.get('identity')` is typed. */
export interface AuthEnv {
  Variables: { identity: Identity };
}

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}
