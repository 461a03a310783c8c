// VictoriaMetrics as the metrics store: URL layout per tenancy mode, JSON-lines import, and read requests.

import type { MetricsConfig } from '../config.ts';
import { HEC, IngestError } from '../ingest/errors.ts';
import type { MetricRow } from '../store/types.ts';

/** The label that carries the tenant on every series, in both tenancy modes. */
export const ORG_LABEL = 'org_id';

/** `account` mode and an org without an accountID in METRICS_ACCOUNTS. */
export class NoMetricsAccountError extends Error {
  override readonly name = 'NoMetricsAccountError';
}

/** VictoriaMetrics did not answer, or answered an error, to a write. */
export class MetricsStoreError extends Error {
  override readonly name = 'MetricsStoreError';
  readonly retryAfterSeconds = 10;
}

/**
 * The VictoriaMetrics JSON lines of `rows`, one line per series (samples of a series grouped), each with
 * `__name__`, `org_id` (the row's tenant) and `index` set over the dimensions.
 *
 * @example importLines([{ org_id: 'acme', index: 'main', metric_name: 'up', labels: { job: 'a' }, timestamp: 1, value: 1 }])
 * // => '{"metric":{"job":"a","__name__":"up","org_id":"acme","index":"main"},"values":[1],"timestamps":[1]}\n'
 */
export function importLines(rows: readonly MetricRow[]): string {
  const series = new Map<
    string,
    { metric: Record<string, string>; values: number[]; timestamps: number[] }
  >();
  for (const r of rows) {
    const metric = { ...r.labels, __name__: r.metric_name, [ORG_LABEL]: r.org_id, index: r.index };
    const key = JSON.stringify(metric);
    let s = series.get(key);
    if (s === undefined) {
      s = { metric, values: [], timestamps: [] };
      series.set(key, s);
    }
    s.values.push(r.value);
    s.timestamps.push(r.timestamp);
  }
  let out = '';
  for (const s of series.values()) out += JSON.stringify(s) + '\n';
  return out;
}

/**
 * A VictoriaMetrics endpoint for one tenancy mode.
 * - `label`: single-node layout, `<METRICS_URL>/api/v1/…`; tenants differ by the `org_id` label only.
 * - `account`: cluster layout, `<METRICS_URL>/insert/<accountID>/prometheus/api/v1/…` for writes and
 *   `…/select/<accountID>/prometheus/api/v1/…` for reads (METRICS_URL is the vminsert/vmselect front, e.g.
 *   vmauth). The `org_id` label is written and enforced as well, as defence in depth.
 */
export class VictoriaMetrics {
  constructor(
    readonly config: Pick<MetricsConfig, 'tenancy' | 'accounts' | 'timeoutMs'> & { url: string },
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  private base(orgId: string, side: 'insert' | 'select'): string {
    if (this.config.tenancy === 'label') return this.config.url;
    const account = this.config.accounts.get(orgId);
    if (account === undefined)
      throw new NoMetricsAccountError(`org ${orgId} has no accountID in METRICS_ACCOUNTS`);
    return `${this.config.url}/${side}/${account}/prometheus`;
  }

  /** Where `orgId`'s samples are imported. */
  importUrl(orgId: string): string {
    return `${this.base(orgId, 'insert')}/api/v1/import`;
  }

  /** Where `orgId` reads `path` (`/api/v1/query`, …). */
  selectUrl(orgId: string, path: string): string {
    return `${this.base(orgId, 'select')}${path}`;
  }

  /** Imports `rows` (one request per tenant); resolves after VictoriaMetrics answered 2xx. */
  async import(rows: readonly MetricRow[]): Promise<void> {
    const byOrg = new Map<string, MetricRow[]>();
    for (const r of rows) {
      const list = byOrg.get(r.org_id) ?? [];
      list.push(r);
      byOrg.set(r.org_id, list);
    }
    for (const [org, list] of byOrg) {
      const url = this.importUrl(org);
      let res: Response;
      try {
        res = await this.fetchImpl(url, {
          method: 'POST',
          body: importLines(list),
          headers: { 'Content-Type': 'application/json' },
          signal: AbortSignal.timeout(this.config.timeoutMs),
        });
      } catch (err) {
        throw new MetricsStoreError('the metrics store is unreachable', { cause: err });
      }
      if (res.status >= 300) {
        const detail = (await res.text().catch(() => '')).slice(0, 300);
        throw new MetricsStoreError(`the metrics store answered ${res.status}: ${detail}`);
      }
      await res.body?.cancel().catch(() => undefined);
    }
  }

  /** A read request to VictoriaMetrics for `orgId` (the caller sets the tenant's `extra_label`). */
  select(orgId: string, path: string, params: URLSearchParams): Promise<Response> {
    return this.fetchImpl(this.selectUrl(orgId, path), {
      method: 'POST',
      body: params,
      signal: AbortSignal.timeout(this.config.timeoutMs),
    });
  }
}

/** The write errors of VictoriaMetrics as ingest answers: 503 + Retry-After, or 403 without an account. */
export function metricsWriteError(err: unknown): unknown {
  if (err instanceof MetricsStoreError) {
    return new IngestError(503, HEC.busy, err.message, undefined, err.retryAfterSeconds);
  }
  if (err instanceof NoMetricsAccountError) return new IngestError(403, HEC.metricsNoAccount, err.message);
  return err;
}
