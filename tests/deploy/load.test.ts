// tests/load/ingestion_test.js (k6): type-checks against @types/k6 (k6 itself does not install here), has
// the thresholds the guide asks for, a 2× phase, and searches beside ingestion.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { read, root } from './yaml.ts';

const TSC = path.join(root, 'node_modules/typescript/bin/tsc');
const SCRIPT = 'tests/load/ingestion_test.js';

function typecheck(project: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [TSC, '--noEmit', '-p', project], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

test('the k6 script type-checks against @types/k6; a misuse of the k6 API does not', () => {
  const ok = typecheck(path.join(root, 'tests/load'));
  assert.equal(ok.status, 0, ok.out);
  // The same project with a wrong call: the check must fail (it is not a no-op).
  const dir = fs.mkdtempSync(path.join(root, 'tests/load/.tmp-'));
  try {
    fs.writeFileSync(
      path.join(dir, 'ingestion_test.js'),
      read(SCRIPT).replace("check(res, { 'hec 200'", "check(res, 42, { 'hec 200'"),
    );
    const cfg = JSON.parse(read('tests/load/tsconfig.json')) as Record<string, unknown>;
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(cfg));
    const bad = typecheck(dir);
    assert.notEqual(bad.status, 0);
    assert.match(bad.out, /ingestion_test\.js/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('thresholds p(99)<500 on ingestion and search, a 2× phase, open-model executors', () => {
  const s = read(SCRIPT);
  assert.match(s, /'http_req_duration\{name:hec\}': \['p\(99\)<500'\]/);
  assert.match(s, /'http_req_duration\{name:search\}': \['p\(99\)<500'\]/);
  assert.match(s, /rate: 2 \* RATE/);
  assert.equal((s.match(/executor: 'constant-arrival-rate'/g) ?? []).length, 3);
  assert.match(s, /\/services\/collector\/event/);
  assert.match(s, /\/query\/spl/);
});
