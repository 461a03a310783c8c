// A fresh clone stays clean after `npm install`: npm, resolving the workspaces' package.json files against the
// registry, writes back exactly the committed package-lock.json (a dependency missing from the lock, or a
// workspace whose lock entry is stale, would make npm rewrite it and leave the checkout dirty).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { root } from './yaml.ts';

const manifests = (): string[] => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    workspaces: string[];
  };
  return [
    'package.json',
    'package-lock.json',
    ...pkg.workspaces.map((w) => path.posix.join(w, 'package.json')),
  ];
};

/** Runs npm's resolver over copies of the manifests in `dir` (no scripts, no node_modules written). */
function npmInstallLockOnly(dir: string): { status: number | null; out: string } {
  const r = spawnSync(
    'npm',
    ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'],
    { cwd: dir, encoding: 'utf8', timeout: 300_000 },
  );
  return { status: r.status, out: r.stdout + r.stderr };
}

function copyManifests(edit?: (file: string, text: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-install-'));
  for (const f of [...manifests(), '.npmrc']) {
    if (!fs.existsSync(path.join(root, f))) continue;
    fs.mkdirSync(path.join(dir, path.dirname(f)), { recursive: true });
    const text = fs.readFileSync(path.join(root, f), 'utf8');
    fs.writeFileSync(path.join(dir, f), edit ? edit(f, text) : text);
  }
  return dir;
}

test('npm install on a fresh clone leaves package-lock.json as committed', () => {
  const dir = copyManifests();
  try {
    const r = npmInstallLockOnly(dir);
    assert.equal(r.status, 0, r.out);
    const after = fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8');
    assert.ok(
      after === fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'),
      'npm rewrote the lock',
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the check can fail: a dependency missing from the lock makes npm rewrite it', () => {
  // The fault this wave fixed: the tests workspace used monaco-editor, which the lock did not hold.
  const dir = copyManifests((f, text) => {
    if (f !== 'package-lock.json') return text;
    const lock = JSON.parse(text) as {
      packages: Record<string, { devDependencies?: Record<string, string> }>;
    };
    const tests = lock.packages['tests'];
    assert.ok(
      tests?.devDependencies?.['monaco-editor'] !== undefined,
      'the lock names monaco-editor for tests/',
    );
    delete tests.devDependencies['monaco-editor'];
    return JSON.stringify(lock, null, 2) + '\n';
  });
  try {
    const r = npmInstallLockOnly(dir);
    assert.equal(r.status, 0, r.out);
    const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { devDependencies?: Record<string, string> }>;
    };
    assert.ok(lock.packages['tests']?.devDependencies?.['monaco-editor'] !== undefined, 'npm put it back');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
