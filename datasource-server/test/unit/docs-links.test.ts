// Every relative link in README.md and docs/ resolves inside the repository (file and heading anchor), and
// nothing points outside it: a clone has no ../shared, and a reader must never meet a dead link.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { REPO, anchors, links, markdownFiles, slug } from '../helpers/markdown.ts';

test('every relative link in the docs resolves inside the repository', () => {
  const broken: string[] = [];
  let checked = 0;
  for (const file of markdownFiles()) {
    for (const { line, target } of links(file)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …
      checked++;
      const [filePart = '', anchor] = target.split('#', 2);
      const resolved =
        filePart === '' ? path.join(REPO, file) : path.resolve(REPO, path.dirname(file), filePart);
      const where = `${file}:${line} → ${target}`;
      if (!resolved.startsWith(REPO)) broken.push(`${where}: outside the repository`);
      else if (!fs.existsSync(resolved)) broken.push(`${where}: no such file`);
      else if (anchor !== undefined && anchor !== '' && resolved.endsWith('.md')) {
        if (!anchors(path.relative(REPO, resolved)).has(anchor)) broken.push(`${where}: no such heading`);
      }
    }
  }
  assert.deepEqual(broken, []);
  assert.ok(checked > 50, `only ${checked} links found: the scanner is broken`);
});

test('README.md is a front page (at most 200 lines), and no page names a path outside the clone', () => {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  assert.ok(readme.split('\n').length <= 200, `README.md has ${readme.split('\n').length} lines`);
  for (const file of markdownFiles()) {
    const text = fs.readFileSync(path.join(REPO, file), 'utf8');
    assert.doesNotMatch(text, /\.\.\/shared\/|\/work\//, `${file} names a path outside the repository`);
  }
});

test('the checker sees what it must', () => {
  assert.equal(slug('Metrics: `mstats`'), 'metrics-mstats');
  assert.equal(slug('Tenants, tokens and administration'), 'tenants-tokens-and-administration');
  assert.ok(markdownFiles().includes('README.md'));
});
