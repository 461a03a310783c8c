// Splunk session keys (`/services/auth/login`) mapped onto Nexus credentials, without keeping any in clear.

import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Authenticator, Identity } from '../auth/types.ts';

/**
 * "username/password" for Nexus: the password is a Nexus credential (a service token, or an OIDC JWT when
 * OIDC is on); the user name is not checked (Splunk tools insist on one: use the token's name). Login
 * verifies the credential and answers a random session key. The server keeps, per session, only the
 * credential **encrypted with a key derived from the session key** (AES-256-GCM), filed under a hash of the
 * session key: neither the credential nor the session key is stored in clear, and a memory dump without the
 * session key opens nothing. Each request with the session key decrypts the credential and verifies it again,
 * so revoking the token (or suspending the tenant, or the JWT expiring) ends its sessions at once.
 */
export interface SessionOptions {
  /** What verifies the credential behind a session (the app's authenticator with the tenant gate). */
  readonly auth: Authenticator;
  /** Seconds a session lives after its last use (Splunk's default session timeout is one hour). */
  readonly idleSeconds?: number;
  /** Sessions kept at most; the least recently used go first. */
  readonly maxSessions?: number;
  readonly now?: () => number;
}

interface Session {
  readonly iv: Buffer;
  readonly tag: Buffer;
  readonly sealed: Buffer;
  lastUsedMs: number;
}

const idOf = (key: string): string => createHash('sha256').update(`nexus-session-id\0${key}`).digest('hex');
const cipherKey = (key: string): Buffer => createHash('sha256').update(`nexus-session-key\0${key}`).digest();
/** Session keys Nexus makes: 64 hex digits (never the shape of a service token or a JWT). */
const SESSION_KEY = /^[0-9a-f]{64}$/;

export class SplunkSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly idleMs: number;
  private readonly max: number;
  private readonly now: () => number;

  constructor(private readonly opts: SessionOptions) {
    this.idleMs = (opts.idleSeconds ?? 3600) * 1000;
    this.max = opts.maxSessions ?? 10_000;
    this.now = opts.now ?? Date.now;
  }

  /** Verifies `credential` and opens a session for it: the session key, or undefined when it is refused. */
  async login(credential: string): Promise<string | undefined> {
    const identity = await this.verifyCredential(credential);
    if (!identity) return undefined;
    const key = randomBytes(32).toString('hex');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', cipherKey(key), iv);
    const sealed = Buffer.concat([cipher.update(credential, 'utf8'), cipher.final()]);
    this.sessions.set(idOf(key), { iv, tag: cipher.getAuthTag(), sealed, lastUsedMs: this.now() });
    this.trim();
    return key;
  }

  /**
   * The identity behind a presented credential: a session key's token verified again, or else the
   * credential itself (a token sent as `Authorization: Splunk <token>` works without logging in).
   */
  async verify(presented: string): Promise<Identity | undefined> {
    if (!SESSION_KEY.test(presented)) return this.verifyCredential(presented);
    const id = idOf(presented);
    const s = this.sessions.get(id);
    if (!s) return this.verifyCredential(presented);
    if (this.now() - s.lastUsedMs > this.idleMs) {
      this.sessions.delete(id);
      return undefined;
    }
    const decipher = createDecipheriv('aes-256-gcm', cipherKey(presented), s.iv);
    decipher.setAuthTag(s.tag);
    const credential = Buffer.concat([decipher.update(s.sealed), decipher.final()]).toString('utf8');
    const identity = await this.verifyCredential(credential);
    if (!identity) {
      this.sessions.delete(id);
      return undefined;
    }
    s.lastUsedMs = this.now();
    // Map order is recency order: move it to the end.
    this.sessions.delete(id);
    this.sessions.set(id, s);
    return identity;
  }

  /** Ends a session (DELETE /services/authentication/httpauth-tokens/<key>). */
  logout(key: string): boolean {
    return this.sessions.delete(idOf(key));
  }

  private async verifyCredential(credential: string): Promise<Identity | undefined> {
    const identity = await this.opts.auth.verify(credential);
    if (!identity) return undefined;
    const refusal = await this.opts.auth.admit?.(identity);
    return refusal === undefined ? identity : undefined;
  }

  private trim(): void {
    const now = this.now();
    for (const [id, s] of this.sessions) {
      if (this.sessions.size <= this.max && now - s.lastUsedMs <= this.idleMs) break;
      this.sessions.delete(id);
    }
  }
}
