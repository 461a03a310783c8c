// `field=value` in search over structured fields of every JSON type on real chDB: the String variant is
// tested on its own first (with a length shortcut for plain integers), the rest through their text and
// list values. Each case here is a row the shortcut must neither lose nor invent.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sameLengthSpellings } from '@nexus/spl';
import type { FieldValue } from '../../src/store/index.ts';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
const values: Record<string, FieldValue> = {
  text: '503',
  decimal: '503.0',
  padded: '0503',
  exponent: '5.03e2',
  plus: '+503',
  other: '504',
  word: 'abc',
  int: 503,
  float: 503.5,
  list: ['x', '503'],
  yes: true,
  hundred: '5e2',
  thousand: '5E+3',
  ten: '1e1',
  negative: '-5',
  big: '500.00',
};

let fx: SplFixture;

before(async () => {
  fx = await splFixture(
    now,
    Object.entries(values).map(([name, v], i) => fixtureEvent(now, i + 1, `event ${name}`, name, { v })),
  );
});

after(async () => {
  await fx.close();
});

const hosts = async (search: string): Promise<string[]> =>
  (await fx.spl(`index=main ${search} | stats count by host`)).rows.map((r) => String(r[0])).sort();

describe('field=value over structured fields of every type', () => {
  test('v=503 matches the text, every numeric spelling of it, the number and a list holding it', async () => {
    assert.deepEqual(await hosts('v=503'), ['decimal', 'exponent', 'int', 'list', 'padded', 'plus', 'text']);
  });

  test('values with trailing zeros, short exponents and signs compare numerically too', async () => {
    assert.deepEqual(await hosts('v=500'), ['big', 'hundred']);
    assert.deepEqual(await hosts('v=5000'), ['thousand']);
    assert.deepEqual(await hosts('v=10'), ['ten']);
    assert.deepEqual(await hosts('v=-5'), ['negative']);
    assert.deepEqual(await hosts('v=503.5'), ['float']);
  });

  test('text values: case-insensitive, booleans by their text, wildcards over every type', async () => {
    assert.deepEqual(await hosts('v=ABC'), ['word']);
    assert.deepEqual(await hosts('v=true'), ['yes']);
    assert.deepEqual(await hosts('v=50*'), ['big', 'decimal', 'float', 'int', 'list', 'other', 'text']);
  });

  test('NOT v=503 keeps the rest, events without v included; v!=503 needs v', async () => {
    const not = await hosts('NOT v=503');
    assert.deepEqual(not, ['big', 'float', 'hundred', 'negative', 'other', 'ten', 'thousand', 'word', 'yes']);
    assert.deepEqual(await hosts('v!=503'), not);
  });
});

describe('the texts as long as an integer that are that integer', () => {
  // Every text of 1 to 5 characters that reads as a number, grouped by the integer it is.
  const alphabet = '0123456789.eE+-';
  const byValue = new Map<number, Set<string>>();
  const visit = (prefix: string, left: number): void => {
    if (prefix !== '') {
      const n = Number(prefix);
      if (Number.isInteger(n) && n > 0 && String(n).length === prefix.length) {
        const set = byValue.get(n) ?? new Set<string>();
        set.add(prefix);
        byValue.set(n, set);
      }
    }
    if (left > 0) for (const c of alphabet) visit(prefix + c, left - 1);
  };
  visit('', 5);

  test('sameLengthSpellings finds exactly those, for every integer below 10,000 and every multiple of 10 below 100,000', () => {
    for (let n = 1; n < 100_000; n += n < 10_000 ? 1 : 10) {
      const expected = [...(byValue.get(n) ?? [])].sort();
      assert.deepEqual([...(sameLengthSpellings(String(n)) ?? [])].sort(), expected, String(n));
    }
    assert.deepEqual(sameLengthSpellings('500')?.sort(), ['500', '5E2', '5e2']);
    assert.equal(sameLengthSpellings('1234567'), undefined);
  });

  test('ClickHouse reads each of them as the number', async () => {
    for (const t of sameLengthSpellings('5000') ?? []) {
      const one = await fx.spl(`| makeresults | eval x=tonumber("${t}") | table x`);
      assert.deepEqual(one.rows, [[5000]], t);
    }
  });
});
