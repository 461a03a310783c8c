// Prometheus series of the store: free and total bytes of each ClickHouse disk (read at scrape time), and the
// answer time of readiness checks.

import { Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import type { Store } from '../store/types.ts';
import type { Logger } from './logger.ts';

/** A scrape waits this long for system.disks at most; a slower store leaves the gauges without samples. */
const DISK_QUERY_TIMEOUT_MS = 2_000;

/**
 * `nexus_clickhouse_disk_free_bytes{disk}` and `nexus_clickhouse_disk_total_bytes{disk}`, read from
 * `system.disks` of the store nexus-api talks to (chDB's data directory, or the ClickHouse server behind
 * CLICKHOUSE_URL). A failed read clears the gauges, so an alert on them sees "absent", not a stale value.
 *
 * @example registerDiskMetrics({ registers: [registry], store, logger })
 */
export function registerDiskMetrics(opts: {
  registers: Registry[];
  store: Pick<Store, 'query'>;
  logger: Logger;
}): void {
  const { store, logger } = opts;
  let reading: Promise<Map<string, { free: number; total: number }>> | undefined;
  // One system.disks read serves both gauges of a scrape (prom-client collects them one after the other).
  const read = (): Promise<Map<string, { free: number; total: number }>> =>
    (reading ??= store
      .query({
        sql: 'SELECT name, free_space, total_space FROM system.disks',
        params: {},
        signal: AbortSignal.timeout(DISK_QUERY_TIMEOUT_MS),
      })
      .then((r) => {
        const disks = new Map<string, { free: number; total: number }>();
        for (const [name, free, total] of r.rows) {
          disks.set(String(name), { free: Number(free), total: Number(total) });
        }
        return disks;
      })
      .catch((err: unknown) => {
        logger.warn('metrics: cannot read system.disks', { err });
        return new Map<string, { free: number; total: number }>();
      })
      .finally(() => setTimeout(() => (reading = undefined), 1_000).unref()));
  const gauge = (name: string, help: string, pick: (d: { free: number; total: number }) => number): void => {
    new Gauge({
      name,
      help,
      labelNames: ['disk'],
      registers: opts.registers,
      async collect() {
        const disks = await read();
        this.reset();
        for (const [disk, d] of disks) this.set({ disk }, pick(d));
      },
    });
  };
  gauge(
    'nexus_clickhouse_disk_free_bytes',
    'Free bytes of each ClickHouse disk (system.disks).',
    (d) => d.free,
  );
  gauge(
    'nexus_clickhouse_disk_total_bytes',
    'Size in bytes of each ClickHouse disk (system.disks).',
    (d) => d.total,
  );
}

/**
 * `nexus_store_ping_seconds`: how long the store took to answer each readiness check (`SELECT 1`). The probes
 * answer from a shared recent check (store/health.ts); this is the engine's own answer time behind them.
 *
 * @example const observe = registerPingMetric([registry]); observe(0.004);
 */
export function registerPingMetric(registers: Registry[]): (seconds: number) => void {
  const h = new Histogram({
    name: 'nexus_store_ping_seconds',
    help: 'Time the store took to answer a readiness check (SELECT 1).',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2],
    registers,
  });
  return (seconds) => h.observe(seconds);
}
