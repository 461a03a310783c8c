// Prometheus gauges read from the store at scrape time: free and total bytes of each ClickHouse disk.

import { Gauge } from 'prom-client';
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
