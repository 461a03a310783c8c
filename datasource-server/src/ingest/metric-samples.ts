// Metric samples from any protocol: a series' labels split into metric name, index and dimensions, tenant stamped.

import type { MetricRow } from '../store/types.ts';
import { HEC, IngestError, OutsideRetentionError } from './errors.ts';
import { indexOf, isStorableMs, retentionProblem } from './normalise.ts';
import type { IngestContext } from './normalise.ts';
import { wellFormed, wellFormedLabels } from './storable.ts';

const MAX_NAME_LENGTH = 256;
const MAX_VALUE_LENGTH = 4096;
const MAX_LABELS = 64;

/** A series' identity once the tenant is stamped: what every sample of it shares. */
export interface SeriesHead {
  readonly metric_name: string;
  readonly index: string;
  readonly labels: Record<string, string>;
}

const bad = (message: string, eventIndex?: number): IngestError =>
  new IngestError(400, HEC.invalidFormat, message, eventIndex);

/**
 * Splits a series' labels: `__name__` is the metric name (required), `index` the index (the token's
 * default when absent), `org_id` is dropped (the tenant comes from the identity, never from the payload),
 * and so are empty values (Prometheus: an empty label is an absent one) and other `__`-prefixed labels
 * (Prometheus reserves them for internal use). The rest are the dimensions.
 *
 * @example seriesHead([['__name__','up'],['job','api'],['org_id','evil']], ctx) // => { metric_name: 'up', index: 'main', labels: { job: 'api' } }
 */
export function seriesHead(
  pairs: Iterable<readonly [string, string]>,
  ctx: IngestContext,
  where: string,
): SeriesHead {
  let name: string | undefined;
  let indexLabel: string | undefined;
  const labels: Record<string, string> = {};
  let count = 0;
  for (const [k, v] of pairs) {
    if (k === '__name__') name = v;
    else if (k === 'index') indexLabel = v;
    else if (k === 'org_id' || k.startsWith('__') || v === '') continue;
    else {
      if (k.length > MAX_NAME_LENGTH || v.length > MAX_VALUE_LENGTH) {
        throw bad(`${where}: label ${JSON.stringify(k.slice(0, 64))} is too long`);
      }
      if (++count > MAX_LABELS) throw bad(`${where}: more than ${MAX_LABELS} labels`);
      labels[k] = v;
    }
  }
  if (name === undefined || name === '') throw bad(`${where}: the series has no __name__ label`);
  if (name.length > MAX_NAME_LENGTH) throw bad(`${where}: the metric name is too long`);
  const index = indexOf(indexLabel, ctx.defaultIndex);
  if (index === undefined) {
    throw new IngestError(400, HEC.incorrectIndex, `${where}: invalid index ${JSON.stringify(indexLabel)}`);
  }
  return { metric_name: name, index, labels };
}

/**
 * Appends one sample of `head` to `out`. NaN and ±Inf are skipped: Prometheus' staleness markers are NaNs,
 * and neither JSON (the VictoriaMetrics import format) nor our JSONEachRow insert can carry them.
 * Throws 400 for a time the `DateTime64` column cannot hold, or one already past the retention.
 */
export function pushSample(
  out: MetricRow[],
  ctx: IngestContext,
  head: SeriesHead,
  timestamp: number,
  value: number,
  where: string,
): void {
  if (!Number.isFinite(value)) return;
  if (!Number.isSafeInteger(timestamp) || !isStorableMs(timestamp)) {
    throw bad(`${where}: timestamp ${timestamp} is out of range (epoch milliseconds, 1900..2299)`);
  }
  // A sample the metrics table's TTL would delete at once is refused, never acknowledged and then dropped.
  const late = retentionProblem(ctx, timestamp);
  if (late !== undefined) throw new OutsideRetentionError(400, HEC.invalidFormat, `${where}: sample ${late}`);
  // A lone surrogate (a JSON `"\ud800"`) cannot be stored: repaired as for log text (storable.ts).
  out.push({
    org_id: ctx.orgId,
    index: head.index,
    metric_name: wellFormed(head.metric_name),
    labels: wellFormedLabels(head.labels),
    timestamp,
    value,
  });
}

/**
 * Refuses the whole request, as for logs (HEC code 7), when a sample names an index the token may not
 * write. `eventOf` maps a sample to the request's event number (HEC); otherwise none is given.
 */
export function checkSampleIndexes(
  rows: readonly MetricRow[],
  allowed: readonly string[] | undefined,
  eventOf?: (i: number) => number | undefined,
): void {
  if (allowed === undefined) return;
  const i = rows.findIndex((r) => !allowed.includes(r.index));
  const row = rows[i];
  if (row !== undefined) {
    throw new IngestError(
      400,
      HEC.incorrectIndex,
      `this token may not write to index \`${row.index}\``,
      eventOf?.(i),
    );
  }
}
