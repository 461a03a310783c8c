// Pieces shared by the Loki and OTLP routes: the request's ingest context and its media type.

import type { Identity } from '../auth/types.ts';
import type { IngestContext } from './normalise.ts';

/** The context rows of a request get from its identity: org, receive time, defaults, default index. */
export function contextFor(
  id: Identity,
  defaults: { host: string; source: string; sourcetype: string },
): IngestContext {
  return {
    orgId: id.orgId,
    receivedMs: Date.now(),
    defaultHost: defaults.host,
    defaultSource: defaults.source,
    defaultSourcetype: defaults.sourcetype,
    ...(id.indexes?.[0] === undefined ? {} : { defaultIndex: id.indexes[0] }),
  };
}

/**
 * The media type of a Content-Type header, lower-cased and without parameters; '' when absent.
 *
 * @example mediaType('Application/JSON; charset=utf-8') // => 'application/json'
 */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
