// `map` on real chDB: a search run once per driving result (at most `maxsearches`), its `$field$` tokens
// replaced by the result's values; the searches' results one after the other. Search Reference 9.4, map:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/map

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ResultsFixture } from '../helpers/results-fixture.ts';
import { resultsEvent, resultsFixture } from '../helpers/results-fixture.ts';

const now = Date.now();
let fx: ResultsFixture;

before(async () => {
  fx = await resultsFixture(now, [
    resultsEvent(now, 1, 'main', 'web01', { user: 'alice', action: 'sudo' }),
    resultsEvent(now, 2, 'main', 'web02', { user: 'bob', action: 'sudo' }),
    resultsEvent(now, 3, 'main', 'web02', { user: 'bob', action: 'sudo' }),
    resultsEvent(now, 4, 'audit', 'dc01', { username: 'ALICE', type_logon: 'ad_last_logon', logon: 'mon' }),
    resultsEvent(now, 5, 'audit', 'dc01', { username: 'bob', type_logon: 'ad_last_logon', logon: 'tue' }),
    resultsEvent(now, 6, 'audit', 'dc01', { username: 'carol', type_logon: 'ad_last_logon', logon: 'wed' }),
    resultsEvent(
      now,
      7,
      'audit',
      'dc01',
      { username: 'bob', type_logon: 'ad_last_logon', logon: 'evil' },
      { org_id: 'other' },
    ),
  ]);
});

after(async () => {
  await fx.close();
});

describe('map', () => {
  test('the Search Reference example: one search per (user, host), its `$user$` from each result', async () => {
    const r = await fx.spl(
      'index=main action=sudo | stats count by user host | map search="search index=audit username=$user$ type_logon=ad_last_logon" | table username logon',
    );
    // Driving results: (alice, web01), (bob, web02); the comparison is case-insensitive as a search's is.
    assert.deepEqual(r.rows, [
      ['ALICE', 'mon'],
      ['bob', 'tue'],
    ]);
  });

  test('maxsearches: only the first results drive a search; a subsearch template works the same', async () => {
    const r = await fx.spl(
      'index=audit | table username | map maxsearches=2 [search index=main user=$username$ | head 1] | table host user',
    );
    // `carol` (third) is not searched; `ALICE` matches `alice`, `bob` matches bob's newest event.
    assert.deepEqual(r.rows, [
      ['web01', 'alice'],
      ['web02', 'bob'],
    ]);
  });

  test('a token as a search term', async () => {
    const r = await fx.spl(
      '| makeresults | eval who="carol" | map search="search index=audit $who$" | table logon',
    );
    assert.deepEqual(r.rows, [['wed']]);
  });

  test("the searches read the tenant's own events only", async () => {
    const r = await fx.spl(
      '| makeresults | eval u="bob" | map search="search index=audit username=$u$" | table logon',
      { org: 'other' },
    );
    assert.deepEqual(r.rows, [['evil']]);
  });

  test('a token inside a quoted value: the substituted text, in a search value and in eval', async () => {
    // Splunk substitutes the text of the search before running it: `"$u$-$h$"` becomes `"bob-web02"`.
    const r = await fx.spl(
      'index=main action=sudo | stats count by user host | map search="search index=audit username=\\"$user$\\" | eval k=\\"$user$@$host$\\", n=\\"runs: \\".\\"$count$\\"" | table username logon k n',
    );
    assert.deepEqual(r.rows, [
      ['ALICE', 'mon', 'alice@web01', 'runs: 1'],
      ['bob', 'tue', 'bob@web02', 'runs: 2'],
    ]);
    // A value with text around the token matches the whole substituted value, case-insensitively.
    const t = await fx.spl(
      '| makeresults | eval d="ad_last" | map search="search index=audit type_logon=\\"$d$_LOGON\\" username=carol" | table logon',
    );
    assert.deepEqual(t.rows, [['wed']]);
  });

  test('a token in a regular expression, a saved search, too many searches: positioned diagnostics', async () => {
    assert.deepEqual(
      await fx.failure('index=main | map search="search index=main | rex \\"(?<x>$user$)\\""'),
      [
        'unsupported: `map` substitutes `$field$` in search values and eval text, not in `(?P<x>$user$)` @17-66',
      ],
    );
    assert.deepEqual(await fx.failure('index=main | map mysaved'), [
      'unsupported: Nexus has no saved searches: `map` needs `search="…"` or a subsearch @17-24',
    ]);
    assert.deepEqual(await fx.failure('index=main | map maxsearches=1000 search="search index=main"'), [
      'limit: `map maxsearches=` is at most 100 on Nexus @17-33',
    ]);
  });
});
