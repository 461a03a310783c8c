// Production runs built JavaScript: `npm run build` (tsc → packages/spl/dist and dist/), then the service
// and the `nexus` CLI run from dist/ with a module hook that refuses tsx and any `.ts` file, so neither can
// be needed at run time.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ADMIN_TOKEN } from './helpers/env.ts';
import { start, stop } from './helpers/server.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = path.join(ROOT, 'dist');
const SPL_DIST = path.join(ROOT, '..', 'packages', 'spl', 'dist');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-build-'));

/** `--import` this file: resolving `tsx` or a `.ts` module throws, as in an image without dev dependencies. */
const noTsx = path.join(work, 'no-tsx.mjs');
fs.writeFileSync(
  path.join(work, 'hooks.mjs'),
  `export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (/^tsx(\\/|$)/.test(specifier) || /\\.[cm]?ts$/.test(new URL(r.url).pathname)) {
    throw new Error('run time needs TypeScript: ' + specifier);
  }
  return r;
}
`,
);
fs.writeFileSync(
  noTsx,
  `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`,
);

function jsFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .flatMap((e) => (e.isFile() && e.name.endsWith('.js') ? [path.join(e.parentPath, e.name)] : []));
}

describe('the built service', () => {
  before(() => {
    const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  test('dist/ (the service and @nexus/spl) imports no .ts file and nothing from tsx', () => {
    const files = [...jsFiles(DIST), ...jsFiles(SPL_DIST)];
    assert.ok(files.includes(path.join(DIST, 'main.js')), 'dist/main.js is built');
    assert.ok(files.includes(path.join(SPL_DIST, 'index.js')), 'packages/spl/dist/index.js is built');
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      assert.doesNotMatch(text, /\bfrom\s+["'][^"']+\.ts["']/, f);
      assert.doesNotMatch(text, /\bimport\(\s*["'][^"']+\.ts["']\s*\)/, f);
      assert.doesNotMatch(text, /["']tsx(\/[^"']*)?["']/, f);
    }
  });

  test('bin/nexus.js runs dist/cli without tsx', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        noTsx,
        path.join(ROOT, 'bin', 'nexus.js'),
        'spl',
        'compile',
        '--json',
        'index=web | stats count',
      ],
      { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' }, timeout: 60_000 },
    );
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { ok: boolean; sql: string };
    assert.equal(out.ok, true);
    assert.match(out.sql, /count\(\)/);
  });

  test('the hook does refuse TypeScript (the checks above can fail)', () => {
    const r = spawnSync(process.execPath, ['--import', noTsx, path.join(ROOT, 'bin', 'nexus.js'), '--help'], {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', NEXUS_FROM_SOURCE: '1' },
      timeout: 60_000,
    });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /run time needs TypeScript|dist\/cli\/main\.js is missing/);
  });

  test('node dist/main.js becomes ready without tsx, decodes a large body on its worker, and stops cleanly', async () => {
    const dataDir = fs.mkdtempSync(path.join(work, 'data-'));
    const server = await start(
      { NEXUS_DATA_DIR: dataDir, NEXUS_ADMIN_TOKEN: ADMIN_TOKEN, NEXUS_INGEST_DECODE_WORKERS: '1' },
      {
        nodeArgs: ['--conditions=nexus-dist', '--import', noTsx, 'dist/main.js'],
      },
    );
    // 5,000 events, about 370 KB: past NEXUS_INGEST_DECODE_MIN_BYTES, so the built decode worker takes it.
    const now = Math.floor(Date.now() / 1000);
    const body = Array.from({ length: 5000 }, (_, i) =>
      JSON.stringify({ time: now - i, event: `built worker event ${i} status=200 user=u${i % 7}` }),
    ).join('\n');
    assert.ok(body.length > 256 * 1024);
    const res = await fetch(`http://127.0.0.1:${server.port}/services/collector/event`, {
      method: 'POST',
      headers: { Authorization: `Splunk ${ADMIN_TOKEN}` },
      body,
    });
    assert.deepEqual(await res.json(), { text: 'Success', code: 0 }, server.stdout());
    assert.equal(await stop(server), 0, server.stdout());
  });
});
