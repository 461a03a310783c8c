// A subsearch returning a `search` or `query` field: its rows become search text, as Splunk's `format` prints
// them. Search Manual, "Change the format of subsearch results"
// (https://help.splunk.com/en/splunk-enterprise/search/search-manual/9.2/subsearches/change-the-format-of-subsearch-results):
// the implicit `format` gives `(field1=val1_1 AND field2=val1_2) OR (…)`, internal fields are left out, and
// "if the name of a field is either search or query, the values of fields are rendered directly". Search
// Reference, format: the defaults `( ( … AND … ) OR ( … ) )`, `mvsep=OR`, `emptystr="NOT( )"`.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compile } from '../src/compile.ts';
import { parse } from '../src/parser/index.ts';
import { formatSpec } from '../src/plan/format.ts';
import { MATCHES_NOTHING, subsearchSearchText } from '../src/plan/subsearch-text.ts';

const spec = formatSpec();
const options = { orgId: 'acme', earliestMs: 0, latestMs: 3_600_000, nowMs: 3_600_000 };

describe('subsearchSearchText', () => {
  test('a `search` field: each value as it is, rows joined by OR', () => {
    assert.equal(
      subsearchSearchText(['search'], [['evil.com'], ['host=a status>499']], spec),
      '( ( evil.com ) OR ( host=a status>499 ) )',
    );
  });

  test('a `query` field: each value a quoted term, `"` and `\\` escaped', () => {
    assert.equal(
      subsearchSearchText(['query'], [['bad host'], ['say "hi" \\o/']], spec),
      '( ( "bad host" ) OR ( "say \\"hi\\" \\\\o/" ) )',
    );
  });

  test('several fields: in name order, internal ones left out, others as name="value"', () => {
    assert.equal(
      subsearchSearchText(
        ['search', '_time', 'host', 'query'],
        [
          ['x OR y', 1, 'web-1', 'a b'],
          ['z', 2, null, ''],
        ],
        spec,
      ),
      '( ( host="web-1" AND "a b" AND x OR y ) OR ( z ) )',
    );
  });

  test('a multivalue cell: its values joined by mvsep in parentheses', () => {
    assert.equal(subsearchSearchText(['search'], [[['a', 'b']]], spec), '( ( ( a OR b ) ) )');
  });

  test('no rows, or rows without values: what stands for Splunk’s `NOT( )`, which matches nothing', () => {
    assert.equal(subsearchSearchText(['search'], [], spec), MATCHES_NOTHING);
    assert.equal(subsearchSearchText(['search'], [[null], ['']], spec), MATCHES_NOTHING);
    assert.equal(parse(`index=a ${MATCHES_NOTHING}`).errors.length, 0);
  });

  test('a final `format`: its strings and emptystr', () => {
    const parsed = parse('| makeresults | format "[" "<" "&" ">" "|" "]" emptystr="nothing"');
    const last = parsed.ast?.commands[1];
    assert.ok(last?.kind === 'format');
    const custom = formatSpec(last);
    assert.equal(subsearchSearchText(['search'], [['a'], ['b']], custom), '[ < a > | < b > ]');
    assert.equal(subsearchSearchText(['search'], [], custom), 'nothing');
  });
});

describe('compile: a subsearch returning `search` or `query`', () => {
  test('is recorded with its statement, and the outer search compiles without it', () => {
    const q = 'index=proxy [| inputlookup iocs.csv | rename ioc AS search | fields search]';
    const r = compile(q, {
      ...options,
      lookups: new Map([['iocs', ['ioc']]]),
    });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
    const [t] = r.plan.texts ?? [];
    assert.ok(t);
    assert.equal(t.source, q.slice(12));
    assert.deepEqual(t.span, { start: 12, end: q.length });
    assert.deepEqual(t.columns, ['search']);
    assert.equal(r.texts?.length, 1);
    assert.match(r.texts?.[0]?.sql ?? '', /LIMIT 10000/);
  });

  test('nested: the inner subsearch is recorded first', () => {
    const q = 'index=a [search index=b [search index=c | fields query] | fields search]';
    const r = compile(q, options);
    assert.ok(r.ok);
    assert.deepEqual(
      r.plan.texts?.map((t) => t.source),
      ['[search index=c | fields query]', '[search index=b [search index=c | fields query] | fields search]'],
    );
  });

  test('`format maxresults=N` bounds the rows', () => {
    const r = compile('index=a [search index=b | fields search | format maxresults=5]', options);
    assert.ok(r.ok);
    assert.equal(r.plan.texts?.[0]?.format.maxResults, 5);
    assert.match(r.texts?.[0]?.sql ?? '', /LIMIT 5\b/);
  });

  test('in a `map` template: refused at the subsearch', () => {
    const q = 'index=a | map [search index=b [search index=c | fields search] | head 1]';
    const r = compile(q, options);
    assert.ok(!r.ok);
    const d = r.errors.find((e) => /`map` search/.test(e.message));
    assert.ok(d, JSON.stringify(r.errors));
    assert.equal(q.slice(d.span.start, d.span.end), '[search index=c | fields search]');
  });

  test('`return search=f`: refused (Splunk writes `search="…"`, not the text)', () => {
    const q = 'index=a [search index=b | return 3 search=host]';
    const r = compile(q, options);
    assert.ok(!r.ok);
    const [d] = r.errors;
    assert.match(d?.message ?? '', /`return` of a field named `search`/);
    assert.equal(q.slice(d?.span.start, d?.span.end), 'return 3 search=host');
  });

  test('with an `erex` inside: refused', () => {
    const r = compile(
      'index=a [search index=b | erex port examples="8080" | eval search=port | fields search]',
      options,
    );
    assert.ok(!r.ok);
    assert.match(r.errors.map((e) => e.message).join(' '), /cannot use `erex`/);
  });
});
