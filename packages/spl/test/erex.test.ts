// `erex`'s learner and its two compiles. Search Reference 9.4, erex:
// https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/erex
// (`erex <field> examples=<values> [counterexamples=<values>] [fromfield=<field>] [maxtrainers=<int>]`; the
// page's examples: `erex monthday examples="7/01"`, examples such as "port 3351, port 3768", counterexamples).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compile } from '../src/compile.ts';
import { erexMessage } from '../src/commands/erex.ts';
import { learnErex } from '../src/plan/erex-learn.ts';
import { regexProblem } from '../src/plan/re2-syntax.ts';

/** What a learned expression extracts from `texts` (the first match, as `rex` does). */
function extracted(regex: string, field: string, texts: readonly string[]): (string | undefined)[] {
  return texts.map((t) => new RegExp(regex).exec(t)?.groups?.[field]);
}

/** The learned expression, failing the test when nothing is learned; it must be RE2's syntax too. */
function learned(
  field: string,
  examples: string[],
  trainers: string[],
  counterexamples: string[] = [],
): string {
  const r = learnErex({ field, examples, counterexamples }, trainers);
  assert.ok(r.ok, `nothing learned: ${JSON.stringify(r)}`);
  assert.equal(regexProblem(r.regex.replace(/\(\?</g, '(?P<')), undefined);
  return r.regex;
}

describe('erex learner', () => {
  test('the page example: `erex monthday examples="7/01"` extracts month/day values like it', () => {
    const events = [
      'Mon 7/01 10:00:02 login ok user=ann',
      'Tue 7/02 11:30:00 login ok user=bob',
      'Wed 12/31 23:59:59 logout user=cid',
    ];
    // Only the first event holds the example: it is the one trainer.
    const regex = learned('monthday', ['7/01'], events.slice(0, 1));
    assert.deepEqual(extracted(regex, 'monthday', events), ['7/01', '7/02', '12/31']);
  });

  test('examples="8080, 443": the port after a key the trainers share', () => {
    const trainers = ['conn from 10.0.0.1 port 8080 proto tcp', 'conn from 10.0.0.2 port 443 proto tcp'];
    const regex = learned('port', ['8080', '443'], trainers);
    assert.equal(regex, 'port (?<port>\\d+)');
    const others = ['conn from 10.9.9.9 port 22 proto tcp', 'conn from 10.0.0.7 port 5432 proto udp'];
    assert.deepEqual(extracted(regex, 'port', others), ['22', '5432']);
  });

  test('a counterexample makes the expression more specific, until it no longer extracts it', () => {
    const trainers = [
      'conn from 10.0.0.1 port 8080 proto tcp',
      'conn from 10.0.0.2 port 443 proto tcp',
      'conn from 10.0.0.3 port 22 proto tcp',
    ];
    const regex = learned('port', ['8080', '443'], trainers, ['22']);
    assert.deepEqual(extracted(regex, 'port', trainers), ['8080', '443', undefined]);
    // Without the counterexample the same trainers give the general expression, which extracts 22.
    const general = learned('port', ['8080', '443'], trainers);
    assert.deepEqual(extracted(general, 'port', trainers), ['8080', '443', '22']);
  });

  test('contexts that differ in one delimiter become a class of it', () => {
    const trainers = ['conn from 10.0.0.1 port 80', 'src=10.1.1.1 port=443 ok'];
    const regex = learned('port', ['80', '443'], trainers);
    assert.equal(regex, 'port[ =](?<port>\\d+)');
    assert.deepEqual(extracted(regex, 'port', ['a=1 port=9 b=2', 'x 1.2.3.4 port 7']), ['9', '7']);
  });

  test('letters, word values and punctuation inside the value', () => {
    const users = ['login user=ann ok', 'logout user=bob from 1.2.3.4'];
    assert.deepEqual(extracted(learned('user', ['ann', 'bob'], users), 'user', ['x=1 user=cid y=2']), [
      'cid',
    ]);
    const ips = ['from 10.0.0.1 port 22', 'from 192.168.1.20 port 23'];
    const ip = learned('ip', ['10.0.0.1', '192.168.1.20'], ips);
    assert.deepEqual(extracted(ip, 'ip', ['from 172.16.0.5 port 80']), ['172.16.0.5']);
    const paths = ['GET /a/b.html 200', 'GET /c.png 404'];
    const path = learned('uri', ['/a/b.html', '/c.png'], paths);
    assert.deepEqual(extracted(path, 'uri', paths), ['/a/b.html', '/c.png']);
  });

  test('an example at the start of every trainer anchors there', () => {
    const regex = learned('status', ['200', '404'], ['200 GET /a', '404 GET /b']);
    assert.deepEqual(extracted(regex, 'status', ['500 GET /c', 'x 500']), ['500', undefined]);
  });

  test('an example found only inside a longer word or number is not found', () => {
    assert.deepEqual(learnErex({ field: 'p', examples: ['443'], counterexamples: [] }, ['id 14430 here']), {
      ok: false,
      reason: 'absent',
    });
    assert.deepEqual(learnErex({ field: 'p', examples: ['443'], counterexamples: [] }, []), {
      ok: false,
      reason: 'absent',
    });
  });

  test('an example that is also a counterexample cannot be separated', () => {
    assert.deepEqual(learnErex({ field: 'v', examples: ['10'], counterexamples: ['10'] }, ['v=10']), {
      ok: false,
      reason: 'inseparable',
    });
  });

  test('every trainer gives back one of its examples', () => {
    // Many trainers of two shapes, each example once: whatever is learned extracts every one.
    const trainers = Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0
        ? `ts=${i} action=allow dport=${1000 + i} bytes=${i * 7}`
        : `ts=${i} action=deny dport=${i} x`,
    );
    const examples = trainers.map((t) => /dport=(\d+)/.exec(t)?.[1] ?? '');
    const regex = learned('dport', examples, trainers);
    assert.deepEqual(extracted(regex, 'dport', trainers), examples);
  });

  test('the message is the rex that does the same, with fromfield as field=', () => {
    assert.equal(
      erexMessage('_raw', 'port (?<port>\\d+)'),
      'Successfully learned regex. Consider using: | rex "port (?<port>\\d+)"',
    );
    assert.equal(
      erexMessage('msg', 'a"(?<b>\\d+)'),
      'Successfully learned regex. Consider using: | rex field=msg "a\\"(?<b>\\d+)"',
    );
  });
});

describe('erex compiles twice', () => {
  const now = Date.UTC(2024, 0, 10);
  const options = { orgId: 'acme', earliestMs: now - 86_400_000, latestMs: now, nowMs: now };
  const q = 'index=main | erex port examples="8080, 443" counterexamples=22 maxtrainers=5 | table port';

  test('without a learned expression: the trainers’ statement, the field null', () => {
    const r = compile(q, options);
    assert.ok(r.ok);
    const [t] = r.plan.trainings ?? [];
    assert.ok(t);
    assert.deepEqual(
      [t.field, t.examples, t.counterexamples, t.fromfield, t.maxtrainers],
      ['port', ['8080', '443'], ['22'], '_raw', 5],
    );
    assert.equal(q.slice(t.span.start, t.span.end), '"8080, 443"');
    const [sql] = r.trainings ?? [];
    assert.ok(sql);
    assert.match(sql.sql, /`org_id` = \{p0:String\}/);
    assert.match(sql.sql, /LIMIT 5/);
    assert.ok(Object.values(sql.params).includes('8080|443|22'));
    assert.match(r.sql.sql, /NULL AS `port`/);
  });

  test('with it: lowered as rex, no more training', () => {
    const first = compile(q, options);
    assert.ok(first.ok);
    const at = first.plan.trainings?.[0]?.at ?? -1;
    const r = compile(q, { ...options, learned: [{ at, regex: 'port (?<port>\\d+)' }] });
    assert.ok(r.ok);
    assert.equal(r.plan.trainings, undefined);
    assert.ok(Object.values(r.sql.params).includes('port (?P<port>\\d+)'));
  });

  for (const [query, message] of [
    ['index=main | erex examples="1"', /needs a field name/],
    ['index=main | erex x', /needs `examples=/],
    ['index=main | erex x examples=","', /at least one value/],
    ['index=main | erex x examples=1 maxtrainers=0', /≥ 1/],
    ['index=main | erex x examples=1 maxtrainers=1001', /from 1 to 1000/],
    ['index=main | erex x.y examples=1', /letters, digits/],
    [
      'index=main | stats count by host | map search="search index=main host=$host$ | erex p examples=80"',
      /`erex` in a `map` search/,
    ],
    [
      'index=main | stats count by host | map [search index=main host=$host$ | erex p examples=80]',
      /`erex` in a `map`/,
    ],
  ] as const) {
    test(`refused: ${query}`, () => {
      const r = compile(query, options);
      assert.ok(!r.ok);
      assert.match(r.errors[0]?.message ?? '', message);
    });
  }
});
