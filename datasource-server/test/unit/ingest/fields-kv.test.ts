// The ingest-time key=value extractor (a hand-written scanner) against the regular expression it replaced,
// which states the rule: on fixed cases and on 20,000 seeded random strings built from the characters that
// matter (key characters, `=`, quotes, backslashes, separators, Unicode spaces, line ends).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractKeyValues } from '../../../src/ingest/fields.ts';

const KV = /(?<![A-Za-z0-9_.-])([A-Za-z_][A-Za-z0-9_.-]*)=(?:"((?:[^"\\]|\\.)*)"|([^\s,;"]+))/g;

/** The rule as a regular expression: first occurrence wins, at most 200 pairs, the first 64 KiB scanned. */
function oracle(raw: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (!raw.includes('=')) return out;
  const text = raw.length > 64 * 1024 ? raw.slice(0, 64 * 1024) : raw;
  let n = 0;
  for (const m of text.matchAll(KV)) {
    const key = m[1];
    if (key === undefined || key in out) continue;
    const quoted = m[2];
    out[key] = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (m[3] ?? '');
    if (++n >= 200) break;
  }
  return out;
}

function same(raw: string): void {
  assert.deepEqual({ ...extractKeyValues(raw) }, { ...oracle(raw) }, JSON.stringify(raw));
}

test('kv scanner: fixed cases agree with the rule', () => {
  const cases = [
    'a=1 b="x \\"y\\" z", c.d-e=v;f=2,g=3 a=9 url=http://h/p?q=1 =bad 9x=no',
    'status=200 user="bob smith"',
    'a==b c=  d=,e=;f="g',
    'a="x"b=2 c="unterminated d=4',
    'k="line\\\nbreak" z=1',
    'k="tab\\\tok" z=1',
    '-a=1 .b=2 _c=3 x-y=4 1a=5 a1=6',
    'a=1"b=2 c=3\u00a0d=4\u2003e=5\ufefff=6',
    'key=va"lue other=x',
    'a="\\\\" b="\\\\\\"" c=end\\',
    'a=\r\nb=2\u2028c=3',
    'trailing=',
    'x=1 x=2 x="3"',
    '',
    '====',
    'ends with key a',
  ];
  for (const c of cases) same(c);
});

test('kv scanner: caps (200 pairs, 64 KiB) as the rule', () => {
  same(Array.from({ length: 300 }, (_, i) => `k${i}=${i}`).join(' '));
  same(Array.from({ length: 250 }, (_, i) => `k${i % 150}=${i}`).join(' '));
  same(`${'x'.repeat(64 * 1024 - 3)} a=1 b=2`);
  same(`${'y'.repeat(64 * 1024 - 1)}=1`);
});

test('kv scanner: 20,000 random strings agree with the rule', () => {
  const alphabet = [
    'a',
    'b',
    'Z',
    '_',
    '9',
    '.',
    '-',
    '=',
    '=',
    '"',
    '"',
    '\\',
    ' ',
    ',',
    ';',
    '\n',
    '\r',
    '\t',
    '\u00a0',
    '\u2028',
    'é',
    'x=',
    ' k=',
    '="',
    'ab',
  ];
  let seed = 42;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  let withPairs = 0;
  for (let t = 0; t < 20_000; t++) {
    const len = rand(40);
    let s = '';
    for (let i = 0; i < len; i++) s += alphabet[rand(alphabet.length)];
    same(s);
    if (Object.keys(oracle(s)).length > 0) withPairs++;
  }
  // The generator must produce pairs often enough for the comparison to mean something.
  assert.ok(withPairs > 5_000, `only ${withPairs} strings held a pair`);
});
