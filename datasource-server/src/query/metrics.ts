// Runs a compiled `mstats` on VictoriaMetrics (Prometheus HTTP API) and shapes the answer like the SQL path.

import { QueryCancelledError } from '../store/index.ts';
import { promRequests } from '@nexus/spl';
import type { PromPlan, PromRequest } from '@nexus/spl';

export interface MetricsBackend {
  /** VictoriaMetrics single-node base URL, without a trailing slash. */
  readonly url: string;
  /**
   * The base URL of a tenant's reads when it is not `url` (a VictoriaMetrics cluster's
   * `/select/<accountID>/prometheus`); throws when the tenant has none.
   */
  readonly urlFor?: (orgId: string) => string;
  readonly timeoutMs?: number;
  /** For tests: the HTTP client. */
  readonly fetch?: typeof fetch;
}

interface PromSeries {
  readonly metric: Record<string, string>;
  readonly value?: readonly [number, string];
  readonly values?: readonly (readonly [number, string])[];
}

function isSeriesList(x: unknown): x is PromSeries[] {
  return Array.isArray(x) && x.every((s) => typeof s === 'object' && s !== null && 'metric' in s);
}

/** VictoriaMetrics could not answer (down, slow, or refusing the query): the search is retried later (503). */
export class MetricsUnavailableError extends Error {
  override readonly name = 'MetricsUnavailableError';
}

async function get(backend: MetricsBackend, r: PromRequest, signal?: AbortSignal): Promise<PromSeries[]> {
  // nocache: VictoriaMetrics caches range results, which would hide samples written into the past.
  const url = `${backend.url}${r.path}?${new URLSearchParams({ ...r.params, nocache: '1' }).toString()}`;
  const timeout = AbortSignal.timeout(backend.timeoutMs ?? 10_000);
  let res: Response;
  try {
    res = await (backend.fetch ?? fetch)(url, {
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (err) {
    // Stopped by the caller (client gone, KILL): cancelled like a ClickHouse search.
    if (signal?.aborted) throw new QueryCancelledError('the search was cancelled');
    const why = err instanceof Error ? err.message : String(err);
    throw new MetricsUnavailableError(`the metrics store did not answer: ${why}`);
  }
  const body: unknown = await res.json().catch(() => undefined);
  const data = typeof body === 'object' && body !== null && 'data' in body ? body.data : undefined;
  const result = typeof data === 'object' && data !== null && 'result' in data ? data.result : undefined;
  if (!res.ok || !isSeriesList(result)) {
    const error =
      typeof body === 'object' && body !== null && 'error' in body
        ? String(body.error)
        : `HTTP ${res.status}`;
    throw new MetricsUnavailableError(`the metrics store refused the query: ${error}`);
  }
  return result;
}

const timeText = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

/** A point's value as the SQL path returns it: NaN and infinities (0/0, 1/0) are null. */
function valueOf(text: string): number | null {
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

export interface MetricRows {
  readonly columns: { name: string; type: string }[];
  readonly rows: unknown[][];
  readonly promql: string[];
}

/**
 * Runs `plan` and returns the rows the SQL path returns for the same data: `_time` (with span=), the BY
 * fields, then one column per aggregation, ordered by time and BY values.
 */
export async function runPromQL(
  backend: MetricsBackend,
  plan: PromPlan,
  range: { earliestMs: number; latestMs: number },
  signal?: AbortSignal,
): Promise<MetricRows> {
  const requests = promRequests(plan, range.earliestMs, range.latestMs);
  const answers = await Promise.all(requests.map((r) => get(backend, r, signal)));
  const timed = plan.spanMs !== undefined;
  const aggIndex = new Map(plan.queries.map((q, i) => [q.column, i]));
  const rows = new Map<string, { t: number; keys: string[]; values: (number | null)[] }>();
  requests.forEach((r, i) => {
    for (const s of answers[i] ?? []) {
      const keys = plan.by.map((b) => s.metric[b.label] ?? '');
      for (const [ts, v] of s.values ?? (s.value ? [s.value] : [])) {
        const t = timed ? Math.round(ts * 1000) - r.back : 0;
        const id = JSON.stringify([t, ...keys]);
        let row = rows.get(id);
        if (!row) {
          row = { t, keys, values: plan.queries.map(() => null) };
          rows.set(id, row);
        }
        row.values[aggIndex.get(r.column) ?? 0] = valueOf(v);
      }
    }
  });
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = [...rows.values()].sort((a, b) => {
    if (a.t !== b.t) return a.t - b.t;
    for (let k = 0; k < a.keys.length; k++) {
      const c = cmp(a.keys[k] ?? '', b.keys[k] ?? '');
      if (c !== 0) return c;
    }
    return 0;
  });
  const columns = [
    ...(timed ? [{ name: '_time', type: "DateTime64(3, 'UTC')" }] : []),
    ...plan.by.map((b) => ({ name: b.name, type: 'String' })),
    ...plan.queries.map((q) => ({ name: q.column, type: q.type })),
  ];
  return {
    columns,
    rows: sorted.map((r) => [...(timed ? [timeText(r.t)] : []), ...r.keys, ...r.values]),
    promql: requests.map((r) => `${r.path}?${new URLSearchParams(r.params).toString()}`),
  };
}
