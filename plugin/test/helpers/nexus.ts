// Test helper: a real nexus-api (datasource-server's src/main.ts as a child process) with fixture events.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { start, stop } from '../../../datasource-server/test/helpers/server.ts';
import type { Running } from '../../../datasource-server/test/helpers/server.ts';

export const ADMIN_TOKEN = 'plugin-test-admin-token-0123456789';

export interface Nexus {
  readonly url: string;
  readonly server: Running;
  readonly dir: string;
  /** The fixture's base time: event i of a host is at `baseSec - 60 * i`. */
  readonly baseSec: number;
}

/** The fixture: web01 has 3 events (status 500, level error), web02 2 (status 200, level info), audit 1. */
export function fixtureEvents(baseSec: number): Record<string, unknown>[] {
  const web01 = [1, 2, 3].map((i) => ({
    event: `GET /cart status=500 level=error user=u${i}`,
    host: 'web01',
    index: 'main',
    sourcetype: 'access',
    time: baseSec - 60 * i,
  }));
  const web02 = [1, 2].map((i) => ({
    event: `GET /home status=200 level=info user=v${i}`,
    host: 'web02',
    index: 'main',
    sourcetype: 'access',
    time: baseSec - 60 * i - 30,
  }));
  const audit = [{ event: 'login ok user=root', host: 'bastion', index: 'audit', time: baseSec - 90 }];
  return [...web01, ...web02, ...audit];
}

async function splCount(url: string, query: string): Promise<number> {
  const res = await fetch(`${url}/query/spl`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, earliest: '-2h' }),
  });
  const body = (await res.json()) as { rows?: unknown[][] };
  return Number(body.rows?.[0]?.[0] ?? 0);
}

/** Starts nexus-api, sends the fixture (by default `fixtureEvents`) over HEC and waits until all of it is searchable. */
export async function startNexus(
  fixture: (baseSec: number) => Record<string, unknown>[] = fixtureEvents,
): Promise<Nexus> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-plugin-'));
  const server = await start({
    NEXUS_DATA_DIR: dir,
    NEXUS_ADMIN_TOKEN: ADMIN_TOKEN,
    NEXUS_BATCH_MAX_WAIT_MS: '20',
    // The conformance suite sends a 5 MB search (a huge comment) to show the plugin's gRPC receive limit.
    NEXUS_QUERY_MAX_LENGTH: String(8 * 1024 * 1024),
  });
  const url = `http://127.0.0.1:${server.port}`;
  const baseSec = Math.floor(Date.now() / 1000) - 60;
  const events = fixture(baseSec);
  const res = await fetch(`${url}/services/collector/event`, {
    method: 'POST',
    headers: { Authorization: `Splunk ${ADMIN_TOKEN}` },
    body: events.map((e) => JSON.stringify(e)).join('\n'),
  });
  if (res.status !== 200) throw new Error(`HEC answered ${res.status}: ${await res.text()}`);
  const started = Date.now();
  while ((await splCount(url, 'search index=* | stats count')) < events.length) {
    if (Date.now() - started > 20_000) throw new Error('the fixture did not become searchable within 20 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, server, dir, baseSec };
}

export async function stopNexus(n: Nexus): Promise<void> {
  await stop(n.server);
  fs.rmSync(n.dir, { recursive: true, force: true });
}
