// The generated SPL command reference is the one committed, and it covers every registered command.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import { commands, typedCommands } from '../src/commands/index.ts';
import { compile } from '../src/compile.ts';
import { renderCommandReference } from '../src/commands/reference.ts';
import { formattedReference, referencePath } from '../scripts/command-reference.ts';

describe('SPL command reference', () => {
  test('docs/searching/spl-reference.md is up to date (regenerate with `npm run docs -w @nexus/spl`)', async () => {
    assert.equal(
      fs.readFileSync(referencePath, 'utf8'),
      await formattedReference(),
      'the committed command reference is stale: run `npm run docs -w @nexus/spl`',
    );
  });

  test('every command is listed with its status, and every compiled one has a section', () => {
    const page = renderCommandReference();
    for (const c of commands) {
      assert.match(page, new RegExp(`^\\| \\[?\`${c.name}\``, 'm'), `${c.name} is not listed`);
      if (c.status === 'supported' || c.status === 'partly') {
        assert.match(page, new RegExp(`^### ${c.name}$`, 'm'), `${c.name} has no section`);
      }
    }
  });

  test('commands that are not compiled say why; Splunk-only ones name a reason', () => {
    for (const c of commands) {
      const compiles = c.lower !== undefined || c.source !== undefined;
      if (c.status === 'supported' || c.status === 'partly') {
        assert.ok(compiles, `${c.name} is ${c.status} but has no lowering`);
        assert.ok(c.doc.syntax && c.doc.example, `${c.name} is ${c.status} but has no syntax or example`);
      }
      if (c.status === 'partly')
        assert.ok(c.doc.differences?.length, `${c.name} is partly but lists no limits`);
      if (c.status === 'infrastructure') assert.ok(c.reason, `${c.name} is Splunk-only without a reason`);
    }
  });

  test('a command that only exists inside Splunk is refused with its reason and the Nexus way, at its name', () => {
    const now = Date.now();
    for (const c of commands) {
      if (c.status !== 'infrastructure') continue;
      const q = c.generating ? `| ${c.name}` : `index=main | ${c.name}`;
      const r = compile(q, { orgId: 'docs', earliestMs: now - 3_600_000, latestMs: now, nowMs: now });
      assert.ok(!r.ok, q);
      const e = r.errors[0];
      assert.equal(e?.code, 'unsupported', q);
      assert.equal(
        e?.message,
        `the \`${c.name}\` command works only inside Splunk, not in Nexus. ${c.reason}`,
      );
      assert.equal(e?.span.start, q.indexOf(c.name), q);
      assert.deepEqual(e?.hints, c.instead ? [`instead: ${c.instead}`] : [], q);
    }
  });

  test('the example of every compiled command compiles', () => {
    const now = Date.now();
    for (const c of commands) {
      if (c.doc.example === undefined || (c.status !== 'supported' && c.status !== 'partly')) continue;
      const r = compile(c.doc.example, {
        orgId: 'docs',
        earliestMs: now - 3_600_000,
        latestMs: now,
        nowMs: now,
        lookups: new Map([['hosts', ['host', 'owner']]]),
        // The model `fit`'s example saves, which the `apply` and `summary` examples read.
        models: new Map([
          [
            'hourly_count',
            {
              algorithm: 'DensityFunction' as const,
              field: 'count',
              by: ['date_hour'],
              dist: 'norm' as const,
              threshold: { kind: 'threshold' as const, area: 0.01 },
              groups: [],
            },
          ],
        ]),
      });
      assert.ok(r.ok, `${c.name}: ${c.doc.example}: ${JSON.stringify(!r.ok && r.errors)}`);
    }
  });

  test('each typed module is registered under its own kind', () => {
    for (const [kind, module] of Object.entries(typedCommands)) assert.equal(module.kind, kind);
  });
});
