// The ingest context of a request from its verified identity: org, and the token's default index and sourcetype.

import type { Identity } from '../auth/types.ts';
import type { IngestContext } from './normalise.ts';
import type { StorageRules } from './storable.ts';

/** What the protocol stamps when neither the event nor the token says. */
export interface ProtocolDefaults {
  readonly defaultHost: string;
  readonly defaultSource: string;
  readonly defaultSourcetype: string;
  /** What an event must satisfy to be stored (config.ingest); the defaults when absent. */
  readonly rules?: StorageRules;
  /** NEXUS_RETENTION_DAYS (IngestDeps.retentionDays): events older than this are refused. */
  readonly retentionDays?: number | undefined;
}

/**
 * Events that name no index go to the token's default index, else its first allowed index, else `main`;
 * events that name no sourcetype get the token's default sourcetype, else the protocol's.
 *
 * @example identityContext({ orgId: 'acme', ingest: { defaultSourcetype: 'nginx', ack: false }, … }, hec)
 * // => { orgId: 'acme', defaultSourcetype: 'nginx', … }
 */
export function identityContext(
  id: Identity,
  protocol: ProtocolDefaults,
  receivedMs: number = Date.now(),
): IngestContext {
  const defaultIndex = id.ingest?.defaultIndex ?? id.indexes?.[0];
  return {
    orgId: id.orgId,
    receivedMs,
    defaultHost: protocol.defaultHost,
    defaultSource: protocol.defaultSource,
    defaultSourcetype: id.ingest?.defaultSourcetype ?? protocol.defaultSourcetype,
    ...(defaultIndex === undefined ? {} : { defaultIndex }),
    ...(protocol.rules === undefined ? {} : { rules: protocol.rules }),
    ...(protocol.retentionDays === undefined ? {} : { retentionDays: protocol.retentionDays }),
  };
}
