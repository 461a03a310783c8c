// NEXUS_MACROS: which macros.conf files the server loads, and how a bad file is reported.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { bundledMacros, loadConfig } from '../../../src/config.ts';
import { loadMacroFiles } from '../../../src/query/macros.ts';

test('unset loads the bundled ESCU macros; none loads nothing; a list loads those files', () => {
  assert.deepEqual(loadConfig({}).macroFiles, [bundledMacros]);
  assert.ok(fs.existsSync(bundledMacros));
  assert.deepEqual(loadConfig({ NEXUS_MACROS: 'none' }).macroFiles, []);
  assert.deepEqual(loadConfig({ NEXUS_MACROS: '/a.conf, /b.conf' }).macroFiles, ['/a.conf', '/b.conf']);
});

test('macro files merge; unreadable files and bad stanzas are errors with file and line', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-macros-'));
  try {
    const good = path.join(dir, 'good.conf');
    fs.writeFileSync(good, '[web]\ndefinition = index=web\n');
    const bad = path.join(dir, 'bad.conf');
    fs.writeFileSync(bad, '[ok]\ndefinition = x\n\n[two(2)]\nargs = a\ndefinition = $a$\n');
    const loaded = await loadMacroFiles([bundledMacros, good, bad, path.join(dir, 'missing.conf')]);
    assert.ok(loaded.registry.has('web', 0));
    assert.ok(loaded.registry.has('security_content_ctime', 1));
    assert.ok(loaded.registry.has('ok', 0));
    assert.deepEqual(
      loaded.errors.map((e) => [path.basename(e.file), e.line > 0]),
      [
        ['bad.conf', true],
        ['missing.conf', false],
      ],
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
