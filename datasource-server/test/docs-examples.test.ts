// The documented examples run: every ```sh/```bash block of README.md and docs/ runs in bash against a
// started nexus-api ($NEXUS_URL, $NEXUS_TOKEN = its admin token), in file order, so events sent by one
// page are there for the searches of the next; every ```spl block runs through POST /query/spl.
// A block that cannot run here has `<!-- docs-test: skip (reason) -->` on the line above it;
// `<!-- docs-test: expect "text" -->` also checks that the output contains the text.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ADMIN_TOKEN, tempDir } from './helpers/env.ts';
import type { CodeBlock } from './helpers/markdown.ts';
import { REPO, codeBlocks, markdownFiles } from './helpers/markdown.ts';
import type { Running } from './helpers/server.ts';
import { start, stop } from './helpers/server.ts';

type Marker = { kind: 'run' } | { kind: 'skip'; reason: string } | { kind: 'expect'; text: string };

function markerOf(b: CodeBlock): Marker {
  if (b.marker === undefined) return { kind: 'run' };
  const skip = /^skip \((.+)\)$/.exec(b.marker);
  if (skip?.[1] !== undefined) return { kind: 'skip', reason: skip[1] };
  const expect = /^expect "(.+)"$/.exec(b.marker);
  if (expect?.[1] !== undefined) return { kind: 'expect', text: expect[1].replaceAll('\\"', '"') };
  throw new Error(`${b.file}:${b.line}: unknown docs-test marker ${JSON.stringify(b.marker)}`);
}

/** Pages whose examples another test runs against a fixture of its own (their `<!-- expect: … -->` markers). */
const RUN_ELSEWHERE: Readonly<Record<string, string>> = {
  'docs/searching/splunk-tools.md': 'test/splunk-rest/tools-doc.test.ts',
};

const blocks = markdownFiles()
  .filter((f) => (f === 'README.md' || f.startsWith('docs/')) && RUN_ELSEWHERE[f] === undefined)
  .flatMap((f) => codeBlocks(f).filter((b) => ['sh', 'bash', 'spl'].includes(b.lang)));

test('the marker of every example is well formed, and most examples run', () => {
  const markers = blocks.map(markerOf);
  const run = markers.filter((m) => m.kind !== 'skip').length;
  assert.ok(run >= 10, `only ${run} of ${blocks.length} examples run`);
  for (const [i, m] of markers.entries()) {
    if (m.kind === 'skip')
      assert.ok(m.reason.length >= 10, `${blocks[i]?.file}: say why the block cannot run`);
  }
});

describe('docs examples against a started nexus-api', () => {
  let server: Running;
  let url = '';
  // Inside the repository (an ignored folder), so `npx nexus` finds the workspace's bin as a reader's does.
  const work = path.join(REPO, 'test-artifacts', `docs-examples-${process.pid}`);

  before(async () => {
    fs.mkdirSync(work, { recursive: true });
    server = await start({ NEXUS_DATA_DIR: tempDir(), NEXUS_ADMIN_TOKEN: ADMIN_TOKEN });
    url = `http://127.0.0.1:${server.port}`;
  });
  after(async () => {
    await stop(server);
    fs.rmSync(work, { recursive: true, force: true });
  });

  for (const b of blocks) {
    const m = markerOf(b);
    const name = `${b.file}:${b.line} (${b.lang})`;
    if (m.kind === 'skip') {
      test(name, { skip: m.reason }, () => {});
      continue;
    }
    test(name, { timeout: 180_000 }, async () => {
      let output: string;
      if (b.lang === 'spl') {
        const res = await fetch(`${url}/query/spl`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ query: b.code, earliest: '-1h', latest: 'now' }),
        });
        output = await res.text();
        assert.equal(res.status, 200, output);
      } else {
        const r = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', b.code], {
          cwd: work,
          encoding: 'utf8',
          timeout: 170_000,
          env: {
            PATH: process.env['PATH'] ?? '',
            HOME: process.env['HOME'] ?? work,
            NEXUS_URL: url,
            NEXUS_TOKEN: ADMIN_TOKEN,
            // `npx nexus` runs the sources under test, not a dist/ left by an earlier build.
            NEXUS_FROM_SOURCE: '1',
            // Never ask the registry for a package a block names: only what the repository installs runs.
            npm_config_offline: 'true',
          },
        });
        output = r.stdout + r.stderr;
        assert.equal(r.status, 0, `exit ${r.status}:\n${output}`);
      }
      if (m.kind === 'expect')
        assert.ok(output.includes(m.text), `expected ${JSON.stringify(m.text)} in:\n${output}`);
    });
  }
});
