// Shared normalisation rules: index names, event times, metadata strings, and the row builder.

import type { LogRow } from '../store/types.ts';
import { HEC, explainedBadEvent } from './errors.ts';
import type { Fields } from './fields.ts';
import { DEFAULT_STORAGE_RULES, repairRow, storageRefusal } from './storable.ts';
import type { StorageRules } from './storable.ts';

/** What every decoded row gets from the request rather than from the payload. */
export interface IngestContext {
  /** From the authenticated identity, never from the payload. */
  readonly orgId: string;
  /** Receive time, epoch ms: the event time when none is given. */
  readonly receivedMs: number;
  readonly defaultHost: string;
  readonly defaultSource: string;
  readonly defaultSourcetype: string;
  /** The index of events that name none: `main`, or the first index a token is limited to. */
  readonly defaultIndex?: string;
  /** What an event must satisfy to be stored (storable.ts); the defaults when absent. */
  readonly rules?: StorageRules;
  /** NEXUS_RETENTION_DAYS: an event older than this (before `receivedMs`) is refused (`retentionProblem`). */
  readonly retentionDays?: number;
}

export const DEFAULT_INDEX = 'main';
const INDEX_NAME = /^[a-z0-9_][a-z0-9_-]*$/;
const MAX_INDEX_LENGTH = 80;
export const MAX_META_LENGTH = 1024;

/** DateTime64 covers 1900-01-01 .. 2299-12-31; anything else would fail the whole insert. */
const MIN_MS = Date.UTC(1900, 0, 1);
const MAX_MS = Date.UTC(2299, 11, 31, 23, 59, 59, 999);

/** True for an epoch-ms time the `_time` column can hold (1900-01-01 .. 2299-12-31). */
export function isStorableMs(ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_MS && ms <= MAX_MS;
}

const DAY_MS = 86_400_000;

/** The last instant of ClickHouse's `DateTime`, in which the tables' TTL counts (2106-02-07 06:28:15 UTC). */
export const TTL_MAX_MS = Date.UTC(2106, 1, 7, 6, 28, 15);

/**
 * Why an event at `ms` cannot be kept: the table TTL would delete it at once (older than the retention, or so
 * far in the future that the TTL's `DateTime` wraps around), so storing it would be an acknowledgement of data
 * the client will never find. Undefined when it can be kept. Every log decoder calls
 * this where it has the event's time; the caller refuses the event with its number
 * (errors.ts `outsideRetention`: HEC code 6, Vector/Loki 400 naming the event, OTLP partial success).
 *
 * @example retentionProblem({ …, receivedMs: Date.UTC(2026, 0, 31), retentionDays: 30 }, Date.UTC(2025, 0, 1))
 * // => 'event time 2025-01-01T00:00:00.000Z is older than the retention of 30 days (NEXUS_RETENTION_DAYS) …'
 */
export function retentionProblem(ctx: IngestContext, ms: number): string | undefined {
  const days = ctx.retentionDays;
  // The TTL (`toDateTime(_time) + INTERVAL days DAY`) is a `DateTime`: past its range it wraps to 1970 and the
  // row is deleted as soon as it is written.
  if (ms + (days ?? 0) * DAY_MS > TTL_MAX_MS) {
    const limit = new Date(TTL_MAX_MS).toISOString();
    return (
      `event time ${new Date(ms).toISOString()} is too far in the future: ` +
      (days === undefined
        ? `it is after ${limit}`
        : `with the retention of ${days} days it expires after ${limit}`) +
      ", past which the store's TTL cannot count, so it would be deleted at once and is not stored"
    );
  }
  if (days === undefined || ms >= ctx.receivedMs - days * DAY_MS) return undefined;
  return (
    `event time ${new Date(ms).toISOString()} is older than the retention of ${days} days ` +
    '(NEXUS_RETENTION_DAYS): it would be deleted at once, so it is not stored'
  );
}

/**
 * Epoch ms from epoch nanoseconds (Loki, OTLP), truncated like `_time`'s millisecond precision; null
 * when the `_time` column cannot hold it.
 *
 * @example nanosToMs(1700000000123456789n) // => 1700000000123
 */
export function nanosToMs(ns: bigint): number | null {
  const ms = Number(ns / 1_000_000n - (ns < 0n && ns % 1_000_000n !== 0n ? 1n : 0n));
  return isStorableMs(ms) ? ms : null;
}

export function isValidIndex(name: string): boolean {
  return name.length <= MAX_INDEX_LENGTH && INDEX_NAME.test(name);
}

/** The index of an event: `fallback` when absent; undefined when present but not a valid name. */
export function indexOf(v: unknown, fallback: string = DEFAULT_INDEX): string | undefined {
  if (v === undefined || v === null || v === '') return fallback;
  return typeof v === 'string' && isValidIndex(v) ? v : undefined;
}

/** Epoch ms from HEC `time` (seconds, fraction allowed, number or numeric string); null when invalid. */
export function epochSecondsToMs(v: unknown, fallback: number): number | null {
  if (v === undefined || v === null || v === '') return fallback;
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) n = Number(v);
  else return null;
  const ms = Math.round(n * 1000);
  return Number.isFinite(ms) && ms >= MIN_MS && ms <= MAX_MS ? ms : null;
}

/** Epoch ms from an RFC 3339 timestamp (Vector); null when invalid or out of range. */
export function rfc3339ToMs(v: unknown, fallback: number): number | null {
  if (v === undefined || v === null || v === '') return fallback;
  if (typeof v === 'number') return epochSecondsToMs(v, fallback);
  if (typeof v !== 'string') return null;
  const ms = Date.parse(v);
  return Number.isFinite(ms) && ms >= MIN_MS && ms <= MAX_MS ? ms : null;
}

/** host/source/sourcetype: strings (numbers taken as text), capped; undefined when of another type. */
export function metaString(v: unknown, fallback: string): string | undefined {
  if (v === undefined || v === null || v === '') return fallback;
  if (typeof v === 'string') return v.length > MAX_META_LENGTH ? v.slice(0, MAX_META_LENGTH) : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/**
 * The row of event `event` (0-based, in the request): its text made storable, then checked by the storage
 * rules (storable.ts). Throws `badEvent` (400, HEC code 6, naming the event and the reason) for an event
 * that cannot be stored, so each protocol answers it in its own per-event way.
 */
export function makeRow(
  ctx: IngestContext,
  r: {
    index: string;
    time: number;
    host: string;
    source: string;
    sourcetype: string;
    raw: string;
    fields: Fields;
    event: number;
  },
): LogRow {
  const row = repairRow({
    org_id: ctx.orgId,
    index: r.index,
    _time: r.time,
    host: r.host,
    source: r.source,
    sourcetype: r.sourcetype,
    _raw: r.raw,
    fields: r.fields,
  });
  const refusal = storageRefusal(row, ctx.rules ?? DEFAULT_STORAGE_RULES);
  if (refusal !== undefined)
    throw explainedBadEvent(HEC.invalidFormat, r.event, `event ${r.event}: ${refusal}`);
  return row;
}
