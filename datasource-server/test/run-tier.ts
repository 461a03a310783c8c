// Runs one tier of nexus-api's tests; the folder a test file sits in decides its tier.
//   unit         test/unit/**: no engine, no service, no child process; run in parallel
//   integration  every other *.test.ts under test/ (chDB, HTTP, real services); one file at a time
//   fuzz         test/fuzz/**: long randomised suites (sizes grow with CI=true)
//   noisy        test/noisy/**: one tenant misbehaves, the others are measured
// `node --import tsx test/run-tier.ts TIER|all [node --test options…]`; `all` (what `npm test` runs) runs
// every tier, goes on after a failing one, and fails if any failed.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SEPARATE = ['unit', 'fuzz', 'noisy'] as const;
const TIERS = [...SEPARATE, 'integration'] as const;
type Tier = (typeof TIERS)[number];

const isTier = (s: string | undefined): s is Tier => TIERS.some((t) => t === s);

/** The test files of a tier, relative to datasource-server/, sorted. */
export function tierFiles(tier: Tier): string[] {
  const all = fs
    .readdirSync(path.join(ROOT, 'test'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.posix.join('test', f.split(path.sep).join('/')))
    .sort();
  const top = (f: string): string => f.split('/')[1] ?? '';
  return tier === 'integration'
    ? all.filter((f) => !SEPARATE.some((s) => s === top(f)))
    : all.filter((f) => top(f) === tier);
}

function main(argv: readonly string[]): number {
  const [tier, ...rest] = argv;
  if (tier === 'all') {
    const failed = TIERS.filter((t) => runTier(t, rest) !== 0);
    if (failed.length > 0) process.stderr.write(`failed tiers: ${failed.join(', ')}\n`);
    return failed.length === 0 ? 0 : 1;
  }
  if (!isTier(tier)) {
    process.stderr.write(`usage: run-tier.ts ${TIERS.join('|')}|all [node --test options]\n`);
    return 2;
  }
  return runTier(tier, rest);
}

function runTier(tier: Tier, rest: readonly string[]): number {
  const files = tierFiles(tier);
  if (files.length === 0) {
    process.stdout.write(`no ${tier} tests (test/${tier}/ is empty)\n`);
    return 0;
  }
  // Unit tests share nothing: as many at once as node:test likes. The others start engines and services
  // on this machine's two cores and measure against baselines, so one file at a time.
  const concurrency = tier === 'unit' ? [] : ['--test-concurrency=1'];
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...concurrency, ...rest, ...files], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  return r.status ?? 1;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.exitCode = main(process.argv.slice(2));
}
