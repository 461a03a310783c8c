// A memory-heavy search (`dc` over 20 M distinct strings) is stopped by the default memory limit with a
// 422 `limit` error, another tenant's search still answers, and the process's memory comes back down.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { ADMIN_TOKEN, tempDir } from '../helpers/env.ts';
import { start, stop } from '../helpers/server.ts';

/** Resident memory of a process, bytes (Linux /proc). */
function rss(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? 0) * 1024;
}

test('dc over 20 M distinct strings stops at the default memory limit (422) and memory comes back down', async () => {
  const dir = tempDir();
  // No NEXUS_QUERY_MAX_MEMORY: the default, sized from this machine.
  const server = await start({ NEXUS_DATA_DIR: dir, NEXUS_ADMIN_TOKEN: ADMIN_TOKEN });
  try {
    const pid = server.proc.pid ?? 0;
    const post = (query: string) =>
      fetch(`http://127.0.0.1:${server.port}/query/spl`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}` },
        body: JSON.stringify({ query }),
      });
    await (await post('| makeresults | stats count')).arrayBuffer();
    const before = rss(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rss(pid))), 50);
    const res = await post(
      '| makeresults count=20000000 | streamstats count as n | eval u="user-".tostring(n) | stats dc(u)',
    );
    clearInterval(sampler);
    const body = (await res.json()) as { errors?: { code: string; message: string; hints: string[] }[] };
    assert.equal(res.status, 422, JSON.stringify(body));
    assert.equal(body.errors?.[0]?.code, 'limit');
    assert.match(body.errors?.[0]?.message ?? '', /more memory than it may use/);
    // The service goes on: another search answers.
    assert.equal((await post('| makeresults count=2 | stats count')).status, 200);
    let afterRss = rss(pid);
    for (let i = 0; i < 50 && afterRss > before + (peak - before) / 2; i++) {
      await new Promise((r) => setTimeout(r, 200));
      afterRss = rss(pid);
    }
    const mib = (b: number) => (b / 2 ** 20).toFixed(0);
    console.log(`RSS before ${mib(before)} MiB, peak ${mib(peak)} MiB, after ${mib(afterRss)} MiB`);
    // Came back down: at most half of what the search added is still held.
    assert.ok(
      afterRss <= before + (peak - before) / 2,
      `RSS ${afterRss} after, ${before} before, ${peak} peak`,
    );
  } finally {
    await stop(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
