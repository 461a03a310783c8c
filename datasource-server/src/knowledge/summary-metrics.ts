// /metrics series of the data model summaries, read from their state at scrape time (any instance may build).

import { Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import type { DataModelSummarizer } from './acceleration.ts';

/**
 * `nexus_datamodel_summaries_incomplete`: summaries (of every tenant) found missing events their view did
 * not add at insert, not rebuilt yet. Each is rebuilt by the next round, so an alert on `> 0 for` longer
 * than two rounds fires on a view that keeps failing; the log line and the admin API
 * (`GET /admin/knowledge/summaries`) name the tenant, dataset and error.
 */
export function registerSummaryMetrics(registry: Registry, summaries: DataModelSummarizer): void {
  new Gauge({
    name: 'nexus_datamodel_summaries_incomplete',
    help: 'Accelerated data model summaries found missing events (their view failed at insert), not rebuilt yet.',
    registers: [registry],
    async collect() {
      try {
        this.set((await summaries.states()).filter((s) => s.error !== '').length);
      } catch {
        // The store is unreachable: keep the last value (the store's own health says why).
      }
    },
  });
}
