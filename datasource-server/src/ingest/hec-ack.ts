// Splunk HEC indexer acknowledgement: per-channel ackIds and their commit status, in memory, bounded.
//
// A request on a token with acknowledgement on reserves a slot of its channel, and once its rows are
// committed takes the channel's next ackId (0, 1, 2, …). nexus-api answers only after the commit (as for
// every ingest request), so an ackId is committed before the client even learns it:
// `/services/collector/ack` reports it `true` at once, then forgets it, as Splunk does ("status
// information is deleted after clients retrieve it"). A refused request (400, 503 …) takes no ackId.
//
// State is per instance: a client must keep one channel on one instance (a load balancer can hash on
// the `X-Splunk-Request-Channel` header), as Splunk requires of its indexers too. It is bounded: channels
// per org, channels in all, ackIds waiting to be queried per channel and in all; past a bound a request
// is refused with `503 {"text":"Server is busy","code":9}` + Retry-After (Splunk's answer when its
// `max_number_of_acked_requests_pending_query*` limits are reached), and channels idle for `idleMs`
// (Splunk's `maxIdleTime`) are dropped with the statuses nobody queried.

export interface HecAckLimits {
  /** Channels of all orgs together. */
  readonly maxChannels: number;
  /** Channels of one org. */
  readonly maxChannelsPerOrg: number;
  /** AckIds of one channel waiting to be queried, plus its requests in flight. */
  readonly maxPendingPerChannel: number;
  /** AckIds of all channels waiting to be queried. */
  readonly maxPending: number;
  /** A channel neither sent on nor queried for this long is dropped. */
  readonly idleMs: number;
}

export const DEFAULT_HEC_ACK_LIMITS: HecAckLimits = {
  maxChannels: 100_000,
  maxChannelsPerOrg: 1_000,
  maxPendingPerChannel: 10_000,
  maxPending: 1_000_000,
  idleMs: 600_000,
};

/** A bound is reached: answer HEC code 9 (503) with Retry-After. */
export class AckCapacityError extends Error {
  override readonly name = 'AckCapacityError';
  readonly retryAfterSeconds = 10;
}

interface Channel {
  readonly org: string;
  nextId: number;
  /** Committed, not yet reported true. */
  readonly committed: Set<number>;
  /** Requests holding a slot whose rows are not committed (or refused) yet. */
  inflight: number;
  lastUsed: number;
}

/** One request's slot: `committed()` once its rows are stored (returns its ackId), else `failed()`. */
export interface AckTicket {
  committed(): number;
  failed(): void;
}

export interface HecAckStats {
  channels: number;
  pending: number;
}

/**
 * @example
 * const t = acks.begin('acme', channel);        // may throw AckCapacityError
 * try { await store(rows); reply({ ackId: t.committed() }) } catch { t.failed() }
 * acks.query('acme', channel, [0, 1])           // => { '0': true, '1': false }
 */
export class HecAckRegistry {
  private readonly channels = new Map<string, Channel>();
  private readonly perOrg = new Map<string, number>();
  private pending = 0;
  private lastSweep: number;
  private readonly now: () => number;

  constructor(
    readonly limits: HecAckLimits = DEFAULT_HEC_ACK_LIMITS,
    /** Injectable clock (tests). */
    now: () => number = Date.now,
  ) {
    this.now = now;
    this.lastSweep = now();
  }

  get stats(): HecAckStats {
    return { channels: this.channels.size, pending: this.pending };
  }

  /** Reserves a slot of the channel (opening it); throws AckCapacityError past a bound. */
  begin(org: string, channelId: string): AckTicket {
    const now = this.now();
    this.maybeSweep(now);
    if (this.pending >= this.limits.maxPending) {
      this.sweep(now);
      if (this.pending >= this.limits.maxPending) {
        throw new AckCapacityError(`${this.pending} acknowledgements are waiting to be queried (the limit)`);
      }
    }
    // Sweeps happen before the channel is looked up, so the channel below stays registered.
    const ch = this.channels.get(key(org, channelId)) ?? this.open(org, channelId, now);
    const waiting = ch.committed.size + ch.inflight;
    if (waiting >= this.limits.maxPendingPerChannel) {
      throw new AckCapacityError(
        `channel ${channelId} has ${waiting} acknowledgements nobody queried (limit ${this.limits.maxPendingPerChannel}): query /services/collector/ack`,
      );
    }
    ch.lastUsed = now;
    ch.inflight++;
    this.pending++;
    let settled = false;
    return {
      committed: () => {
        if (settled) throw new Error('an acknowledgement slot is settled once');
        settled = true;
        ch.inflight--;
        // A channel is never swept while a request holds one of its slots, so it is still registered.
        const ackId = ch.nextId++;
        ch.committed.add(ackId);
        ch.lastUsed = this.now();
        return ackId;
      },
      failed: () => {
        if (settled) return;
        settled = true;
        ch.inflight--;
        this.pending--;
      },
    };
  }

  /**
   * The status of each ackId: true once (committed, then forgotten), false when unknown, not committed,
   * already reported, or its channel expired. An unknown channel creates no state.
   */
  query(org: string, channelId: string, ackIds: readonly number[]): Record<string, boolean> {
    const now = this.now();
    this.maybeSweep(now);
    const ch = this.channels.get(key(org, channelId));
    const out: Record<string, boolean> = {};
    if (ch !== undefined) ch.lastUsed = now;
    for (const id of ackIds) {
      const hit = ch !== undefined && ch.committed.delete(id);
      if (hit) this.pending--;
      out[String(id)] = out[String(id)] === true || hit;
    }
    return out;
  }

  private open(org: string, channelId: string, now: number): Channel {
    const orgCount = this.perOrg.get(org) ?? 0;
    if (orgCount >= this.limits.maxChannelsPerOrg || this.channels.size >= this.limits.maxChannels) {
      // Idle channels may be holding the slots: drop them before refusing.
      this.sweep(now);
      if ((this.perOrg.get(org) ?? 0) >= this.limits.maxChannelsPerOrg) {
        throw new AckCapacityError(
          `this organisation has ${this.limits.maxChannelsPerOrg} acknowledgement channels in use (the limit)`,
        );
      }
      if (this.channels.size >= this.limits.maxChannels) {
        throw new AckCapacityError(`${this.channels.size} acknowledgement channels in use (the limit)`);
      }
    }
    const ch: Channel = { org, nextId: 0, committed: new Set(), inflight: 0, lastUsed: now };
    this.channels.set(key(org, channelId), ch);
    this.perOrg.set(org, (this.perOrg.get(org) ?? 0) + 1);
    return ch;
  }

  /** Sweeps at most every quarter of the idle time (amortised O(1) per call). */
  private maybeSweep(now: number): void {
    if (now - this.lastSweep >= this.limits.idleMs / 4) this.sweep(now);
  }

  /** Drops channels idle for `idleMs` with nothing in flight. */
  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [k, ch] of this.channels) {
      if (ch.inflight > 0 || now - ch.lastUsed < this.limits.idleMs) continue;
      this.channels.delete(k);
      this.pending -= ch.committed.size;
      const left = (this.perOrg.get(ch.org) ?? 1) - 1;
      if (left === 0) this.perOrg.delete(ch.org);
      else this.perOrg.set(ch.org, left);
    }
  }
}

/** Channels are per org: another tenant naming the same GUID sees nothing of this one's. */
const key = (org: string, channelId: string): string => `${org}\u0000${channelId.toLowerCase()}`;
