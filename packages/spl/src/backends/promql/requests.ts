// The Prometheus HTTP API requests that answer a compiled `mstats` over a time range (pure: no I/O).

import type { PromPlan } from './lower.ts';
import { printDuration, printPromQL } from './print.ts';

/** One HTTP request to run: an instant query, or a range query over whole buckets. */
export interface PromRequest {
  readonly column: string;
  readonly promql: string;
  readonly path: '/api/v1/query' | '/api/v1/query_range';
  readonly params: Record<string, string>;
  /** Bucket start of a result timestamp T (seconds): T·1000 − `back` ms. */
  readonly back: number;
  /** Without span=: no `_time`. */
  readonly timeless: boolean;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/**
 * The requests for `plan` over `[earliestMs, latestMs)`. With `span=`, the buckets that lie wholly inside the
 * range are one `query_range` (evaluated at each bucket's end, `step` = span); a bucket cut by either end of
 * the range is one instant query over exactly its part, so no point outside the range is counted.
 */
export function promRequests(plan: PromPlan, earliestMs: number, latestMs: number): PromRequest[] {
  const out: PromRequest[] = [];
  for (const q of plan.queries) {
    const instant = (t: number, windowMs: number, back: number, timeless: boolean): void => {
      const promql = printPromQL(q.expr(windowMs));
      out.push({
        column: q.column,
        promql,
        path: '/api/v1/query',
        params: { query: promql, time: seconds(t) },
        back,
        timeless,
      });
    };
    const span = plan.spanMs;
    if (span === undefined) {
      if (latestMs > earliestMs) instant(latestMs, latestMs - earliestMs, 0, true);
      continue;
    }
    const firstFull = Math.ceil(earliestMs / span) * span;
    const lastFull = Math.floor(latestMs / span) * span - span;
    if (firstFull > earliestMs) {
      const bucket = firstFull - span;
      const end = Math.min(firstFull, latestMs);
      instant(end, end - earliestMs, end - bucket, false);
    }
    if (firstFull <= lastFull) {
      const promql = printPromQL(q.expr(span));
      out.push({
        column: q.column,
        promql,
        path: '/api/v1/query_range',
        params: {
          query: promql,
          start: seconds(firstFull + span),
          end: seconds(lastFull + span),
          step: printDuration(span),
        },
        back: span,
        timeless: false,
      });
    }
    const lastBucket = Math.floor(latestMs / span) * span;
    if (lastBucket < latestMs && lastBucket >= firstFull)
      instant(latestMs, latestMs - lastBucket, latestMs - lastBucket, false);
  }
  return out;
}
