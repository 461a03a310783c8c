// Test helper: a real victoria-metrics on a free loopback port, started and stopped by the test itself.

import { haveBinary, skipWithout, startBinary } from './binary.ts';

const BINARY = '/usr/bin/victoria-metrics';

/** Whether the Debian package `victoria-metrics` is installed. */
export const haveVictoriaMetrics = haveBinary(BINARY, '-version');

/** `skip` for tests needing it: a reason on a laptop without it; with CI=true false (missing = failure). */
export const skipWithoutVictoriaMetrics: string | false = skipWithout(
  haveVictoriaMetrics,
  'victoria-metrics',
);

export interface VictoriaMetricsServer {
  readonly url: string;
  /** `GET /internal/force_flush`: makes the samples written so far queryable. */
  flush(): Promise<void>;
  /** A raw GET against VictoriaMetrics itself (no tenant scoping), parsed as JSON. */
  get(path: string): Promise<unknown>;
  stop(): Promise<void>;
}

/**
 * Starts victoria-metrics with a temp storage dir and waits until `/health` answers. `extraArgs` are added
 * (`-retentionPeriod=100y` for samples older than the default month).
 */
export async function startVictoriaMetrics(
  extraArgs: readonly string[] = [],
): Promise<VictoriaMetricsServer> {
  const server = await startBinary({
    binary: BINARY,
    apt: 'victoria-metrics',
    health: '/health',
    args: (port, dir) => [
      `-storageDataPath=${dir}`,
      `-httpListenAddr=127.0.0.1:${port}`,
      '-loggerLevel=ERROR',
      ...extraArgs,
    ],
  });
  const { url } = server;
  return {
    url,
    async flush() {
      const r = await fetch(`${url}/internal/force_flush`);
      if (!r.ok) throw new Error(`force_flush answered ${r.status}`);
    },
    async get(path) {
      const r = await fetch(`${url}${path}`);
      return (await r.json()) as unknown;
    },
    stop: () => server.stop(),
  };
}
