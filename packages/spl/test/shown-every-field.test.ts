// Planning raw events shown after fields extracted at run time (or renamed by a wildcard) and a command that
// acts on every field: the plan writes every field into the events' JSON (but for one last change the printer
// applies), and what cannot be followed stays a positioned diagnostic.
// Rows from chDB: datasource-server/test/spl/shown-every-field.test.ts.
// Search Reference 9.4: fillnull https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/fillnull ;
// filldown https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/filldown ;
// replace https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/replace ;
// join https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/join

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compile } from '../src/compile.ts';
import type { CompileResult } from '../src/compile.ts';

const now = Date.UTC(2024, 0, 10, 12);
const compiled = (q: string): CompileResult =>
  compile(q, { orgId: 'o', earliestMs: now - 86_400_000, latestMs: now, nowMs: now });

describe('events shown after an extraction and a command over every field', () => {
  for (const q of [
    'index=main | extract | fillnull value=0',
    'index=main | kv | fillnull value=NA s* c*',
    'index=main | fillnull | extract',
    'index=main | extract | filldown',
    'index=main | xmlkv | filldown',
    'index=main | spath input=payload | fillnull',
    'index=main | fromjson payload | fillnull',
    'index=main | multikv | fillnull',
    'index=main | extract | replace a WITH b',
    'index=main | extract | replace a WITH b IN u*',
    'index=main | rename a* AS b* | fillnull',
    'index=main | fillnull | rename a* AS b*',
    'index=main | extract | join user [search index=side]',
    'index=main | join user [search index=side | extract]',
    'index=main | extract | fillnull | filldown | replace 0 WITH zero',
    'index=main | extract | tojson',
    "index=main | extract | foreach * [eval all=mvappend(all, '<<FIELD>>')]",
  ]) {
    test(q, () => {
      const r = compiled(q);
      assert.ok(r.ok, r.ok ? '' : r.errors.map((e) => e.message).join('; '));
      assert.ok(r.plan.events);
      // Every field is in the events' JSON but for at most one change the printer applies, whose helper column
      // is the only planner column left (the printer puts it into the events' fields).
      const filled = r.plan.filledFields;
      const helper =
        filled?.kind === 'fill' ? filled.names : filled?.kind === 'merge' ? filled.column : undefined;
      assert.deepEqual(
        r.plan.columns.filter((c) => c.name.startsWith('__')).map((c) => c.name),
        helper === undefined ? [] : [helper],
      );
    });
  }

  test('one change alone is still applied as the events are printed (replace with wildcards in IN)', () => {
    const r = compiled('index=main | replace a* WITH A* IN r*, a*');
    assert.ok(r.ok);
    assert.deepEqual(r.plan.filledFields, {
      kind: 'map',
      pairs: [{ re: '(?s)^a(.*)$', by: 'A\\1' }],
      patterns: ['^r(.*)$', '^a(.*)$'],
    });
  });

  test('scrub lists its fields too: shown after a fillnull of every field (rows: datasource-server scrub.test.ts)', () => {
    const r = compiled('index=main | scrub | fillnull');
    assert.ok(r.ok, JSON.stringify(r.ok ? [] : r.errors));
  });
});
