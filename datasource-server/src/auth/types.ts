// Identity types shared by the auth middleware and every route that needs to know who is calling.

export const ROLES = ['viewer', 'editor', 'admin', 'ingest'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: set by `requireAuth` as the Hono context variable `identity`. */
export interface Identity {
  readonly orgId: string;
  readonly role: Role;
  /** Who is calling, for logs and the audit log: a service token's name, or a JWT's subject. */
  readonly subject: string;
  /** How the caller proved it: a service token (API, HEC, agents) or an OIDC JWT. */
  readonly via: 'token' | 'oidc';
  /** The service token's id (last-use tracking, revocation); absent for JWTs. */
  readonly tokenId?: string;
  /** Indexes this identity may search and write; absent means every index of its org. */
  readonly indexes?: readonly string[];
  /** A service token's ingest settings (HEC, Vector); absent for JWTs and tokens without any. */
  readonly ingest?: IngestSettings;
}

/** What a token stamps on the events it sends, and whether HEC indexer acknowledgement is on. */
export interface IngestSettings {
  /** The index of events that name none (one of `indexes` when those are set). */
  readonly defaultIndex?: string;
  /** The sourcetype of events that name none (before the protocol's own default). */
  readonly defaultSourcetype?: string;
  /** HEC indexer acknowledgement: a channel is required and success answers carry an `ackId`. */
  readonly ack: boolean;
}

/** Turns a presented credential into an identity; undefined when it is unknown, revoked or invalid. */
export interface Authenticator {
  verify(token: string): Promise<Identity | undefined>;
  /** A reason to refuse a verified identity (its tenant is suspended), or undefined to let it in. */
  admit?(identity: Identity): Promise<string | undefined>;
}

/** Hono environment for routes behind `requireAuth`: `c.get('identity')` is typed. */
export interface AuthEnv {
  Variables: { identity: Identity };
}

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}
