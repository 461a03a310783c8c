// The page "Use Splunk tools with Nexus" (docs/searching/splunk-tools.md) runs as written: each JavaScript
// snippet with the real `splunk-sdk`, each shell snippet with curl and jq, against nexus-api on a loopback port;
// the output must match the `<!-- expect: … -->` comment above the snippet.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestEnv } from '../helpers/env.ts';
import { tempDir, testEnv } from '../helpers/env.ts';
import { serveForSdk } from '../helpers/splunk-sdk.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PAGE = fs.readFileSync(path.join(ROOT, 'docs/searching/splunk-tools.md'), 'utf8');
const run = promisify(execFile);

interface Snippet {
  readonly lang: 'js' | 'sh';
  readonly code: string;
  readonly expect: RegExp;
}

const SNIPPET = /<!-- expect: (.*?) -->\n+```(js|sh)\n([\s\S]*?)```/g;
const snippets: Snippet[] = [...PAGE.matchAll(SNIPPET)].map((m) => ({
  lang: m[2] === 'js' ? 'js' : 'sh',
  code: m[3] ?? '',
  expect: new RegExp(m[1] ?? '^$'),
}));

let env: TestEnv;
let server: { port: number; close(): Promise<void> };
let token = '';
const dir = tempDir();

before(async () => {
  env = await testEnv();
  token = (await env.tokens.create({ orgId: 'acme', name: 'reporting-script', role: 'viewer' })).token;
  const now = Date.now();
  await env.store.insertLogs(
    Array.from({ length: 10 }, (_, i) => ({
      org_id: 'acme',
      index: 'web',
      _time: now - 10 * 60_000 + i * 1_000,
      host: `web-0${(i % 2) + 1}`,
      source: 'access.log',
      sourcetype: 'access_combined',
      _raw: `GET /page/${i} 200`,
      fields: {},
    })),
  );
  server = await serveForSdk(env);
});
after(async () => {
  await server.close();
  await env.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('docs/searching/splunk-tools.md', () => {
  test('every JavaScript and shell snippet on the page is checked', () => {
    const fences = PAGE.match(/^```(js|sh)$/gm) ?? [];
    assert.equal(snippets.length, fences.length);
    assert.ok(snippets.filter((s) => s.lang === 'js').length >= 4);
    assert.ok(snippets.filter((s) => s.lang === 'sh').length >= 4);
  });

  for (const [i, s] of snippets.entries()) {
    test(`snippet ${i + 1} (${s.lang}) prints what the page says: ${
      s.code
        .split('\n')
        .find((l) => /oneshot|create|export|cancel|login|curl/.test(l))
        ?.trim()
        .slice(0, 70) ?? ''
    }`, async () => {
      // The page talks to localhost:8080; the test server listens on a free loopback port.
      const code = s.code
        .replace(/port: 8080/g, `port: ${server.port}`)
        .replace(/localhost:8080/g, `127.0.0.1:${server.port}`)
        .replace(/host: 'localhost'/g, "host: '127.0.0.1'");
      const envVars = {
        PATH: process.env['PATH'] ?? '',
        NEXUS_TOKEN: token,
        NODE_PATH: path.join(ROOT, 'node_modules'),
      };
      let stdout: string;
      if (s.lang === 'js') {
        const file = path.join(dir, `snippet-${i}.cjs`);
        fs.writeFileSync(file, code);
        ({ stdout } = await run(process.execPath, [file], { env: envVars, timeout: 60_000 }));
      } else {
        ({ stdout } = await run('bash', ['-eo', 'pipefail', '-c', code], { env: envVars, timeout: 60_000 }));
      }
      assert.match(stdout.trim(), s.expect);
    });
  }
});
