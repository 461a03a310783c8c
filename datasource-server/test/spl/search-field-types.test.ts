// `field=value` in search over structured fields of every JSON type on real chDB: the String variant is
// tested on its own first (with a length shortcut for plain integers), the rest through their text and
// list values. Each case here is a row the shortcut must neither lose nor invent.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
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
    assert.deepEqual(not, ['big', 'float', 'hundred', 'negative', 'other', 'ten', 'word', 'yes']);
    assert.deepEqual(await hosts('v!=503'), not);
  });
});
