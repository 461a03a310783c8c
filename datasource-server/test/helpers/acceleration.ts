// Test helper for the data model acceleration tests (test/knowledge/acceleration*.test.ts): a tenant's
// datamodels.conf through the admin API, and the Windows process event the Endpoint model's Processes dataset
// takes.

import assert from 'node:assert/strict';
import type { Fields } from '../../src/ingest/fields.ts';
import type { LogRow } from '../../src/store/types.ts';
import type { TestEnv } from './env.ts';

/** PUT /admin/knowledge/datamodels as `adminToken`'s tenant; asserts the 200. */
export async function putDatamodels(env: TestEnv, adminToken: string, text: string): Promise<void> {
  const res = await env.app.request('/admin/knowledge/datamodels', {
    method: 'PUT',
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'text/plain' },
    body: text,
  });
  assert.equal(res.status, 200, await res.text());
}

/**
 * A process creation (Windows 4688) of `org` on host `dest`, `minutesAgo` before `now`, tagged as the
 * Endpoint.Processes dataset wants it; `extra` fields besides.
 */
export function processEvent(
  now: number,
  org: string,
  minutesAgo: number,
  dest: string,
  name: string,
  extra: Fields = {},
): LogRow {
  return {
    org_id: org,
    index: 'main',
    _time: now - minutesAgo * 60_000,
    host: dest,
    source: 'WinEventLog:Security',
    sourcetype: 'XmlWinEventLog',
    _raw: `EventCode=4688 NewProcessName=${name}`,
    fields: { tag: ['process', 'report'], dest, process_name: name, user: `${org}-user`, ...extra },
  };
}
