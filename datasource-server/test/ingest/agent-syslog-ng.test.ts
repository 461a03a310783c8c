// A real agent: syslog-ng (Debian syslog-ng-core + syslog-ng-mod-http) tails a file and posts its lines to
// the HEC endpoint of the real service, in batches, with its default content type
// (application/x-www-form-urlencoded). Every line must arrive exactly once and be searchable with SPL.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ADMIN_TOKEN, tempDir } from '../helpers/env.ts';
import { start, stop } from '../helpers/server.ts';

const LINES = 2_000;
const available = spawnSync('syslog-ng', ['--version']).status === 0;
const skip = !available && process.env['CI'] !== 'true' ? 'syslog-ng is not installed' : false;

test(
  'syslog-ng tails a file into HEC: every line exactly once, searchable',
  { skip, timeout: 120_000 },
  async () => {
    const dir = tempDir();
    const server = await start({ NEXUS_DATA_DIR: path.join(dir, 'data'), NEXUS_ADMIN_TOKEN: ADMIN_TOKEN });
    const input = path.join(dir, 'input.log');
    fs.writeFileSync(input, '');
    // No content-type header: syslog-ng's default. One HEC event per line, 100 lines per request.
    const conf = `@version: 3.38
options { stats_freq(0); };
source s_file { file("${input}" follow-freq(0.1) flags(no-parse)); };
destination d_hec {
  http(
    url("http://127.0.0.1:${server.port}/services/collector/event")
    method("POST")
    headers("Authorization: Splunk ${ADMIN_TOKEN}")
    body("$(format-json time=$R_UNIXTIME event=$MESSAGE host=$HOST sourcetype=syslog-ng)")
    delimiter("\\n")
    batch-lines(100)
    batch-timeout(200)
  );
};
log { source(s_file); destination(d_hec); };
`;
    fs.writeFileSync(path.join(dir, 'syslog-ng.conf'), conf);
    const agent = spawn(
      'syslog-ng',
      [
        '-F',
        '-f',
        path.join(dir, 'syslog-ng.conf'),
        `--persist-file=${path.join(dir, 'syslog-ng.persist')}`,
        `--pidfile=${path.join(dir, 'syslog-ng.pid')}`,
        `--control=${path.join(dir, 'syslog-ng.ctl')}`,
        '--no-caps',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let agentLog = '';
    agent.stderr.on('data', (d: Buffer) => (agentLog += d.toString()));
    const agentExit = new Promise((resolve) => agent.on('exit', resolve));

    const search = async (): Promise<{ n: number; seqs: number; hosts: number }> => {
      const res = await fetch(`http://127.0.0.1:${server.port}/query/spl`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          query:
            'index=main sourcetype=syslog-ng agenttest | stats count AS n, dc(seq) AS seqs, dc(host) AS hosts',
          earliest: '-1h',
          latest: '+1h',
        }),
      });
      assert.equal(res.status, 200, await res.clone().text());
      const body = (await res.json()) as { rows: unknown[][] };
      const [n, seqs, hosts] = (body.rows[0] ?? []).map(Number);
      return { n: n ?? 0, seqs: seqs ?? 0, hosts: hosts ?? 0 };
    };

    try {
      // Lines are appended while the agent follows the file, in four writes.
      for (let chunk = 0; chunk < 4; chunk++) {
        const lines = Array.from({ length: LINES / 4 }, (_, i) => {
          const seq = chunk * (LINES / 4) + i;
          return `agenttest seq=${seq} user=u${seq % 7} action="log in"`;
        });
        fs.appendFileSync(input, lines.join('\n') + '\n');
        await new Promise((r) => setTimeout(r, 150));
      }
      const deadline = Date.now() + 60_000;
      let seen = await search();
      while (seen.n < LINES && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        seen = await search();
      }
      // Give a late duplicate time to show up before judging "exactly once".
      await new Promise((r) => setTimeout(r, 1_000));
      seen = await search();
      assert.deepEqual(seen, { n: LINES, seqs: LINES, hosts: 1 }, agentLog);
    } finally {
      agent.kill('SIGTERM');
      await agentExit;
      await stop(server);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);
