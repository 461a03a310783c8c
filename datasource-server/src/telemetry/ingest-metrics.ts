// Prometheus series of ingestion: per protocol and tenant requests, events and bytes; batch inserts.

import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import { ORG_ID_PATTERN } from '../auth/shapes.ts';

/** The `protocol` label: one value per ingest endpoint family (HEC's event and raw endpoints apart). */
export const INGEST_PROTOCOLS = [
  'hec_event',
  'hec_raw',
  'vector',
  'loki',
  'otlp',
  'elasticsearch',
  'prometheus',
  'vm_import',
] as const;
export type IngestProtocol = (typeof INGEST_PROTOCOLS)[number];

/**
 * The `reason` label of refused requests and events: a closed set, derived from the error's class, HTTP
 * status and HEC code (src/ingest/tally.ts), never from a message.
 */
export const REJECT_REASONS = [
  'unauthorized',
  'forbidden',
  'rate_limited',
  'body_too_large',
  'unsupported_media_type',
  'no_data',
  'invalid_format',
  'incorrect_index',
  'outside_retention',
  'invalid_request',
  'overloaded',
  'store_unavailable',
  'shutting_down',
  'internal',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/**
 * `org` of a request refused before its token was verified. Org ids start with a letter or digit
 * (ORG_ID_PATTERN), so neither this nor OTHER_ORG can be a tenant's id.
 */
export const UNKNOWN_ORG = '_unknown';
/** `org` of every tenant past the first `maxOrgLabels` seen by this process. */
export const OTHER_ORG = '_other';

/** Default bound on distinct `org` label values per process. */
export const MAX_ORG_LABELS = 1000;

type Org = 'protocol' | 'org';

export interface IngestMetrics {
  /** `nexus_ingest_requests_accepted_total{protocol,org}`: requests answered 2xx (retried duplicates too). */
  readonly requestsAccepted: Counter<Org>;
  /** `nexus_ingest_requests_rejected_total{protocol,org,reason}`: requests answered 4xx or 5xx. */
  readonly requestsRejected: Counter<Org | 'reason'>;
  /** `nexus_ingest_events_accepted_total{protocol,org}`: events stored by accepted requests. */
  readonly eventsAccepted: Counter<Org>;
  /** `nexus_ingest_events_rejected_total{protocol,org,reason}`: decoded events that were not stored. */
  readonly eventsRejected: Counter<Org | 'reason'>;
  /** `nexus_ingest_received_bytes_total{protocol,org}`: request bodies as sent (compressed or not). */
  readonly receivedBytes: Counter<Org>;
  /** `nexus_ingest_decoded_bytes_total{protocol,org}`: the same bodies after Content-Encoding. */
  readonly decodedBytes: Counter<Org>;
  /** `nexus_ingest_duplicate_requests_total{protocol,org}`: retries the request ledger answered unwritten. */
  readonly duplicateRequests: Counter<Org>;
  /** `nexus_ingest_request_duration_seconds{protocol}`: from receipt to a 2xx answer (after commit). */
  readonly requestDuration: Histogram<'protocol'>;
  /** `nexus_ingest_batch_commit_duration_seconds`: one batch INSERT, its retry included, until committed. */
  readonly batchCommitDuration: Histogram;
  /** `nexus_ingest_batch_rows`: rows per committed batch. */
  readonly batchRows: Histogram;
  /** `nexus_ingest_batch_failures_total`: batches that could not be committed (their requests got 503). */
  readonly batchFailures: Counter;
  /** `nexus_ingest_queued_rows`: rows accepted by the batcher and not yet committed, read at scrape time. */
  readonly queuedRows: Gauge;
  /** Adds a source of queued rows (a Batcher); the gauge is their sum at scrape time. */
  watchQueue(read: () => number): void;
  /** Counts one batch INSERT: its rows and commit time when committed, a failure otherwise. */
  batch(outcome: BatchOutcome): void;
  /** The `org` label value for an org id: UNKNOWN_ORG without one, OTHER_ORG past the bound. */
  orgLabel(orgId: string | undefined): string;
}

/** One batch INSERT as the Batcher reports it. */
export interface BatchOutcome {
  rows: number;
  seconds: number;
  committed: boolean;
}

export interface IngestMetricsOptions {
  registers: Registry[];
  /** Distinct org label values kept; later orgs share OTHER_ORG. Default MAX_ORG_LABELS. */
  maxOrgLabels?: number;
}

// Latencies from a few ms (a small batch on a local store) to the 30 s an agent waits at most.
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
// Up to the largest NEXUS_BATCH_MAX_ROWS in use (a request is never split, so a batch can exceed it).
const ROWS = [1, 10, 100, 1_000, 5_000, 10_000, 50_000, 100_000, 500_000];

/**
 * The ingestion series, registered in `registers`. Cardinality: `protocol` and `reason` are closed sets;
 * `org` comes only from a verified identity (a valid org id), and at most `maxOrgLabels` of them get their
 * own series (a tenant seen later is counted as OTHER_ORG until the process restarts).
 *
 * @example const m = createIngestMetrics({ registers: [registry] }); m.requestsAccepted.inc({ protocol: 'loki', org: m.orgLabel('acme') })
 */
export function createIngestMetrics(opts: IngestMetricsOptions): IngestMetrics {
  const { registers } = opts;
  const maxOrgLabels = opts.maxOrgLabels ?? MAX_ORG_LABELS;
  const orgs = new Set<string>();
  const queues = new Set<() => number>();
  const byOrg = ['protocol', 'org'] as const;
  const byReason = ['protocol', 'org', 'reason'] as const;
  const metrics: IngestMetrics = {
    requestsAccepted: new Counter({
      name: 'nexus_ingest_requests_accepted_total',
      help: 'Ingest requests answered 2xx (after commit), by protocol and org; retried duplicates included.',
      labelNames: byOrg,
      registers,
    }),
    requestsRejected: new Counter({
      name: 'nexus_ingest_requests_rejected_total',
      help: 'Ingest requests answered 4xx or 5xx, by protocol, org and reason.',
      labelNames: byReason,
      registers,
    }),
    eventsAccepted: new Counter({
      name: 'nexus_ingest_events_accepted_total',
      help: 'Events stored by accepted ingest requests, by protocol and org.',
      labelNames: byOrg,
      registers,
    }),
    eventsRejected: new Counter({
      name: 'nexus_ingest_events_rejected_total',
      help: 'Decoded events not stored (their request refused, or the event alone), by protocol, org and reason.',
      labelNames: byReason,
      registers,
    }),
    receivedBytes: new Counter({
      name: 'nexus_ingest_received_bytes_total',
      help: 'Ingest request bodies read, in bytes as sent (compressed or not), by protocol and org.',
      labelNames: byOrg,
      registers,
    }),
    decodedBytes: new Counter({
      name: 'nexus_ingest_decoded_bytes_total',
      help: 'Ingest request bodies read, in bytes after Content-Encoding, by protocol and org.',
      labelNames: byOrg,
      registers,
    }),
    duplicateRequests: new Counter({
      name: 'nexus_ingest_duplicate_requests_total',
      help: 'Retried ingest requests answered from the request ledger without writing, by protocol and org.',
      labelNames: byOrg,
      registers,
    }),
    requestDuration: new Histogram({
      name: 'nexus_ingest_request_duration_seconds',
      help: 'Time from receipt of an ingest request to its 2xx answer (sent after commit), by protocol.',
      labelNames: ['protocol'],
      buckets: SECONDS,
      registers,
    }),
    batchCommitDuration: new Histogram({
      name: 'nexus_ingest_batch_commit_duration_seconds',
      help: 'Time to commit one batch INSERT (its one retry included), for committed batches.',
      buckets: SECONDS,
      registers,
    }),
    batchRows: new Histogram({
      name: 'nexus_ingest_batch_rows',
      help: 'Rows per committed batch INSERT.',
      buckets: ROWS,
      registers,
    }),
    batchFailures: new Counter({
      name: 'nexus_ingest_batch_failures_total',
      help: 'Batch INSERTs that failed after their retry; their requests were answered 503.',
      registers,
    }),
    queuedRows: new Gauge({
      name: 'nexus_ingest_queued_rows',
      help: 'Rows accepted by the insert batcher and not yet committed.',
      registers,
      collect() {
        let sum = 0;
        for (const read of queues) sum += read();
        this.set(sum);
      },
    }),
    watchQueue(read) {
      queues.add(read);
    },
    batch({ rows, seconds, committed }) {
      if (!committed) {
        metrics.batchFailures.inc();
        return;
      }
      metrics.batchCommitDuration.observe(seconds);
      metrics.batchRows.observe(rows);
    },
    orgLabel(orgId) {
      if (orgId === undefined) return UNKNOWN_ORG;
      if (orgs.has(orgId)) return orgId;
      if (orgs.size >= maxOrgLabels || !ORG_ID_PATTERN.test(orgId)) return OTHER_ORG;
      orgs.add(orgId);
      return orgId;
    },
  };
  return metrics;
}
