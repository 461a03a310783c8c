// Loki's push decoders without a service: the label-set parser and the protobuf decoder under damaged bodies.
// The HTTP route, its answers and the stored rows: test/ingest/loki.test.ts.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeLokiProto } from '../../../src/ingest/loki-decode.ts';
import { parseLabels } from '../../../src/ingest/loki-labels.ts';
import { encodePush } from '../../helpers/loki-push.ts';
import { assertSurvivesMutations, unitContext } from '../../helpers/mutate.ts';

const T0 = BigInt(Math.floor(Date.now() / 1000) - 3600);
const ns = (secOffset: number): bigint => (T0 + BigInt(secOffset)) * 1_000_000_000n;

describe('label-set parser', () => {
  test('escapes, quoting, spacing', () => {
    const cases: [string, Record<string, string>][] = [
      ['{}', {}],
      [' { a = "1" , b="2" , } ', { a: '1', b: '2' }],
      ['{a="\\x41\\u00e9\\U0001F600\\101\\t"}', { a: 'Aé😀A\t' }],
      ['{a="\\xc3\\xa9"}', { a: 'é' }],
      ['{"dotted.name"="v"}', { 'dotted.name': 'v' }],
      ['{a=`raw \\n`}', { a: 'raw \\n' }],
      ['{a="é 😀"}', { a: 'é 😀' }],
    ];
    for (const [text, want] of cases) assert.deepEqual(Object.fromEntries(parseLabels(text)), want, text);
    for (const bad of [
      '',
      'a="1"',
      '{a="1"',
      '{a="1" b="2"}',
      '{1a="x"}',
      '{a="\\q"}',
      '{a="1"} x',
      '{a="\\400"}',
    ]) {
      assert.throws(() => parseLabels(bad), /invalid labels/, bad);
    }
  });
});

describe('decoder robustness', () => {
  test('mutated and truncated protobuf bodies: an IngestError or rows, never another exception', () => {
    const ctx = unitContext();
    const good = encodePush([
      {
        labels: '{job="a", x="y\\"z"}',
        entries: [{ ns: ns(1), line: 'a=1', meta: { k: 'v' } }, { line: 'b' }],
      },
      { labels: '{b="2"}', entries: [{ ns: ns(2), line: 'c' }] },
    ]);
    assert.equal(decodeLokiProto(good, ctx).length, 3);
    assertSurvivesMutations(good, (b) => decodeLokiProto(b, ctx), 42);
  });
});
