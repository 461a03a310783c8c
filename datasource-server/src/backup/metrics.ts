// /metrics series of the backups, read from the `backups` table at scrape time (any instance may run one).

import { Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import type { BackupService } from './service.ts';

/**
 * - `nexus_backup_last_success_timestamp_seconds`: when the last good backup finished (0: none yet).
 * - `nexus_backup_last_good_age_seconds`: seconds since then; +Inf when there is none, so an alert
 *   `> 86400 * 1.5` fires on a store never backed up too.
 * - `nexus_backup_last_status`: 1 when the newest backup succeeded, 0 when it failed (or none yet).
 */
export function registerBackupMetrics(registry: Registry, backups: BackupService): void {
  const registers = [registry];
  let lastGoodMs: number | undefined;
  let lastOk = false;
  const refresh = async (): Promise<void> => {
    try {
      const all = await backups.list();
      const done = all.filter((b) => b.kind === 'backup' && b.status !== 'running');
      lastOk = done[0]?.status === 'ok';
      const good = done.find((b) => b.status === 'ok');
      lastGoodMs = good?.finishedAt == null ? undefined : Date.parse(good.finishedAt);
    } catch {
      // The store is unreachable: keep the last values (the store's own health says why).
    }
  };
  // prom-client collects the gauges of one scrape concurrently: they share one read of the table.
  let inflight: Promise<void> | undefined;
  const fresh = (): Promise<void> =>
    (inflight ??= refresh().finally(() => {
      inflight = undefined;
    }));
  new Gauge({
    name: 'nexus_backup_last_success_timestamp_seconds',
    help: 'Unix time the last successful backup (nexus backup create) finished; 0 when there is none.',
    registers,
    async collect() {
      await fresh();
      this.set(lastGoodMs === undefined ? 0 : lastGoodMs / 1000);
    },
  });
  new Gauge({
    name: 'nexus_backup_last_good_age_seconds',
    help: 'Seconds since the last successful backup finished; +Inf when there is none.',
    registers,
    async collect() {
      await fresh();
      this.set(lastGoodMs === undefined ? Infinity : (Date.now() - lastGoodMs) / 1000);
    },
  });
  new Gauge({
    name: 'nexus_backup_last_status',
    help: 'Outcome of the newest finished backup: 1 succeeded, 0 failed or none yet.',
    registers,
    async collect() {
      await fresh();
      this.set(lastOk ? 1 : 0);
    },
  });
}
