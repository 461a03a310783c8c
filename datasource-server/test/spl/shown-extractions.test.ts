// Raw events shown after commands that extract fields whose names only the data knows (`extract`/`kv`,
// `spath` without a path, `xmlkv`) or rename fields by a wildcard, on real chDB: each event carries every
// field as it is at the end in its `_fields`, as the same names read one by one give them.
// Search Reference 9.4: extract ("Extracts field-value pairs from the search results")
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/extract ;
// spath ("If you do not specify a path, … all of the fields in the first 5000 characters are extracted")
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/spath ;
// xmlkv https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/xmlkv ;
// rename with wildcards https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/rename

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

/** The events (newest first): their text and stored fields. */
const events: { raw: string; fields: Record<string, string> }[] = [
  { raw: 'user=ann action="log in" code=200, user=zed', fields: { app: 'web' } },
  { raw: 'user=bob;status=ok src.ip=10.0.0.1', fields: { user: 'stored', app: 'api' } },
  { raw: 'no pairs here', fields: { app: 'db' } },
  { raw: 'a|b=2|c:3', fields: {} },
];

before(async () => {
  fx = await splFixture(
    now,
    events.map((e, i) => fixtureEvent(now, i + 1, e.raw, 'h', e.fields)),
  );
});

after(async () => {
  await fx.close();
});

/** Each event shown: its `_fields`. */
const shown = async (query: string): Promise<Record<string, unknown>[]> => {
  const r = await fx.spl(query);
  assert.ok(!r.columns.some((c) => c.startsWith('__')), r.columns.join(', '));
  return r.rows.map((row) => row[r.columns.indexOf('_fields')] as Record<string, unknown>);
};

/**
 * `extract`'s pairs computed here: after the start or a pair delimiter, a key, a key/value delimiter, a quoted
 * value (without its quotes) or the text up to the next pair delimiter; the first pair of a key wins; keys
 * cleaned (another character than a letter or digit becomes `_`).
 */
function pairsOf(text: string, pairdelim: string, kvdelim: string): Record<string, string> {
  const out: Record<string, string> = {};
  const pair = (k: number): boolean => k < text.length && pairdelim.includes(text.charAt(k));
  const kv = (k: number): boolean => k < text.length && kvdelim.includes(text.charAt(k));
  let i = 0;
  while (i < text.length) {
    if ((i === 0 || pair(i - 1)) && !pair(i)) {
      let j = i;
      while (j < text.length && !pair(j) && !kv(j) && text[j] !== '"') j++;
      if (j > i && kv(j)) {
        const key = text.slice(i, j).replace(/[^A-Za-z0-9]/g, '_');
        let k = j + 1;
        let value: string;
        const close = text[k] === '"' ? text.indexOf('"', k + 1) : -1;
        if (close > 0) {
          value = text.slice(k + 1, close);
          k = close + 1;
        } else {
          while (k < text.length && !pair(k) && text[k] !== '"') k++;
          value = text.slice(j + 1, k);
        }
        if (!(key in out)) out[key] = value;
        i = k;
        continue;
      }
    }
    i++;
  }
  return out;
}

describe('events shown after extract', () => {
  test('extract: every pair of the text in each event, over its stored fields', async () => {
    const expected = events.map((e) => ({ ...e.fields, ...pairsOf(e.raw, ' \t\r\n,;', '=') }));
    // The computed pairs are not empty: the test can fail.
    assert.deepEqual(expected[0], { app: 'web', user: 'ann', action: 'log in', code: '200' });
    assert.deepEqual(await shown('index=main | extract'), expected);
    assert.deepEqual(await shown('index=main | kv'), expected);
  });

  test('extract pairdelim= kvdelim=', async () => {
    const expected = events.map((e) => ({ ...e.fields, ...pairsOf(e.raw, '|', ':=') }));
    assert.deepEqual(expected[3], { b: '2', c: '3' });
    assert.deepEqual(await shown('index=main | extract pairdelim="|" kvdelim=":="'), expected);
  });

  test('the fields shown are those read by name', async () => {
    const q = 'index=main | extract';
    const fields = await shown(q);
    const names = [...new Set(fields.flatMap((f) => Object.keys(f)))].sort();
    const r = await fx.spl(`${q} | table ${names.join(' ')}`);
    assert.deepEqual(
      r.rows,
      fields.map((f) => names.map((n) => f[n] ?? null)),
    );
  });
});
