// `anomalies` on real chDB: unexpectedness = (s(P and X) − s(P)) / (s(P) + s(X)) over the previous
// `maxvalues` events, with Nexus's s() (distinct 3-grams of characters), recomputed here from n-gram sets.
// Search Reference 9.4, anomalies: https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/anomalies

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SplFixture } from '../helpers/spl-fixture.ts';
import { refusal } from '../helpers/refusal.ts';
import { fixtureEvent, splFixture } from '../helpers/spl-fixture.ts';

const now = Date.now();
let fx: SplFixture;

const oom = 'kernel: Out of memory: Killed process 4242 (java) total-vm:8123456kB';
const panic = 'panic: runtime error: index out of range [7] with length 3';

/** An ordinary access line: only its digits change from one event to the next. */
const ordinary = (i: number): string =>
  `10.0.0.${i % 7} - - "GET /api/items/${100 + i * 37} HTTP/1.1" 200 ${500 + i * 13} ${i % 3 === 0 ? 'alice' : 'bob'}`;

/** Newest first (index 0 is the newest event): ordinary lines, two odd ones, one of them again 15 events later. */
const raws: string[] = Array.from({ length: 40 }, (_v, i) => {
  if (i === 12) return oom;
  if (i === 27) return oom.replace('4242', '5151');
  if (i === 20) return panic;
  // Two lines that differ only in their digits, one after the other.
  if (i === 33) return 'job 1234 finished in 56 s';
  if (i === 34) return 'job 7890 finished in 12 s';
  return ordinary(i);
});
/** Alternating hosts; every fifth event (index 4, 9, …) lacks the structured field `msg`, the others hold their line. */
const hosts = raws.map((_r, i) => (i % 2 === 0 ? 'web-1' : 'web-2'));

/** A short field: 200 but for one 503. */
const statuses = raws.map((_r, i) => (i === 25 ? '503' : '200'));

before(async () => {
  fx = await splFixture(
    now,
    raws.map((raw, i) =>
      fixtureEvent(now, i + 1, raw, hosts[i] ?? 'web-1', {
        status: statuses[i] ?? '200',
        ...(i % 5 === 4 ? {} : { msg: raw }),
      }),
    ),
  );
});

after(async () => {
  await fx.close();
});

// ---- the formula, independently: n-gram sets of strings in TypeScript ----

const N = 3;
const MAX_CHARS = 1000;

function grams(text: string, normalize: boolean): Set<string> {
  // The first 1000 characters, a space before and after.
  const chars = [' ', ...Array.from(text).slice(0, MAX_CHARS), ' '];
  const t = normalize ? chars.map((ch) => (/[0-9]/.test(ch) ? '0' : ch)) : chars;
  const out = new Set<string>();
  for (let i = 0; i + N <= t.length; i++) out.add(t.slice(i, i + N).join(''));
  return out;
}

/** s(): the number of distinct n-grams of the texts together. */
const s = (sets: readonly Set<string>[]): number => new Set(sets.flatMap((x) => [...x])).size;

/**
 * Each text's unexpectedness given the `maxvalues` texts before it (in this order) within its group;
 * null for a missing text.
 */
function expected(
  texts: readonly (string | undefined)[],
  {
    maxvalues = 100,
    normalize = true,
    groups,
  }: { maxvalues?: number; normalize?: boolean; groups?: readonly string[] } = {},
): (number | null)[] {
  const seen = new Map<string, Set<string>[]>();
  return texts.map((t, i) => {
    if (t === undefined) return null;
    const key = groups?.[i] ?? '';
    const before = seen.get(key) ?? [];
    const x = grams(t, normalize);
    const P = before.slice(-maxvalues);
    const sP = s(P);
    const score = (s([...P, x]) - sP) / (sP + x.size);
    seen.set(key, [...before, x]);
    return score;
  });
}

const close = (actual: unknown, want: number | null, what: string): void => {
  if (want === null) return assert.equal(actual, null, what);
  assert.equal(typeof actual, 'number', what);
  assert.ok(Math.abs(Number(actual) - want) < 1e-12, `${what}: ${String(actual)} ≠ ${want}`);
};

const scores = async (q: string): Promise<unknown[]> =>
  (await fx.spl(`host=web-* | anomalies ${q} | table unexpectedness`)).rows.map((r) => r[0]);

describe('anomalies', () => {
  test('one event recomputed from the formula: the second OOM line given the 10 events before it', async () => {
    // Index 27 (the OOM line again, other digits): P = events 17–26, none of them an OOM line.
    const P = raws.slice(17, 27).map((r) => grams(r, true));
    const x = grams(raws[27] ?? '', true);
    const sP = s(P);
    const want = (s([...P, x]) - sP) / (sP + x.size);
    assert.ok(want > 0.1, `a foreign line brings many new 3-grams (${want})`);
    const r = await fx.spl('host=web-* | anomalies labelonly=true maxvalues=10 | table _raw unexpectedness');
    assert.equal(r.rows[27]?.[0], raws[27]);
    close(r.rows[27]?.[1], want, 'event 27');
  });

  test('labelonly=true keeps every event, each with the formula’s score (default maxvalues=100)', async () => {
    const got = await scores('labelonly=true');
    assert.equal(got.length, raws.length);
    const want = expected(raws);
    got.forEach((v, i) => close(v, want[i] ?? null, `event ${i}`));
    // The first event has nothing before it: all its n-grams are new.
    assert.equal(got[0], 1);
  });

  test('the odd lines score highest after the first events and survive the default threshold', async () => {
    const got = (await scores('labelonly=true')).map(Number);
    // Past the first three events (compared with almost nothing), the highest scores are the odd lines'.
    const ranked = got
      .map((v, i) => ({ v, i }))
      .filter((x) => x.i >= 3)
      .sort((a, b) => b.v - a.v)
      .map((x) => x.i);
    assert.deepEqual(new Set(ranked.slice(0, 2)), new Set([12, 20]));
    // Threshold 0.01 (the default): the survivors are those scoring above it, among them both odd lines.
    const r = await fx.spl('host=web-* | anomalies | table _raw unexpectedness');
    const kept = r.rows.map((x) => x[0]);
    assert.ok(kept.includes(oom) && kept.includes(panic));
    assert.deepEqual(
      kept,
      raws.filter((_r, i) => (got[i] ?? 0) > 0.01),
    );
    for (const row of r.rows) assert.ok(Number(row[1]) > 0.01);
    assert.ok(kept.length < raws.length / 2, `most ordinary lines are dropped (${kept.length} kept)`);
  });

  test('threshold: events at or below it are dropped', async () => {
    const want = expected(raws).map(Number);
    const t = want[20] ?? 0; // the panic line's score: it is not above itself
    const r = await fx.spl(`host=web-* | anomalies threshold=${t} | table _raw`);
    assert.deepEqual(
      r.rows.map((x) => x[0]),
      raws.filter((_r, i) => (want[i] ?? 0) > t),
    );
    assert.ok(!r.rows.some((x) => x[0] === panic));
  });

  test('normalize: lines that differ only in their digits are the same line unless normalize=false', async () => {
    const on = await scores('labelonly=true');
    const off = await scores('labelonly=true normalize=false');
    // Event 34 follows event 33, which has the same text but for its digits.
    assert.equal(on[34], 0);
    assert.ok(Number(off[34]) > 0.01, `new digit 3-grams without normalising (${String(off[34])})`);
    const want = expected(raws, { normalize: false });
    off.forEach((v, i) => close(v, want[i] ?? null, `event ${i}, normalize=false`));
  });

  test('maxvalues: the OOM line seen 15 events earlier is expected only when the window reaches it', async () => {
    const narrow = await scores('labelonly=true maxvalues=14');
    const wide = await scores('labelonly=true maxvalues=15');
    assert.ok(Number(narrow[27]) > 0.1, `just out of a 14-event window (${String(narrow[27])})`);
    assert.equal(wide[27], 0);
    const want14 = expected(raws, { maxvalues: 14 });
    narrow.forEach((v, i) => close(v, want14[i] ?? null, `event ${i}, maxvalues=14`));
    const want15 = expected(raws, { maxvalues: 15 });
    wide.forEach((v, i) => close(v, want15[i] ?? null, `event ${i}, maxvalues=15`));
  });

  test('field=msg: events without it get no score and are not previous events; dropped without labelonly', async () => {
    const msgs = raws.map((r, i) => (i % 5 === 4 ? undefined : r));
    const got = await scores('field=msg labelonly=true maxvalues=10');
    const want = expected(msgs, { maxvalues: 10 });
    got.forEach((v, i) => close(v, want[i] ?? null, `event ${i}, field=msg`));
    const kept = (await fx.spl('host=web-* | anomalies field=msg maxvalues=10 | table _raw')).rows.map(
      (x) => x[0],
    );
    assert.deepEqual(
      kept,
      raws.filter((_r, i) => want[i] !== null && (want[i] ?? 0) > 0.01),
    );
  });

  test('a value shorter than 3 characters has 3-grams with the spaces around it; digits kept with normalize=false', async () => {
    const got = await scores('field=status normalize=false labelonly=true');
    const want = expected(statuses, { normalize: false });
    got.forEach((v, i) => close(v, want[i] ?? null, `event ${i}, field=status`));
    // ` 503 `: ` 50`, `503`, `03 `, all new against ` 20`, `200`, `00 `: 3 / (3 + 3).
    assert.equal(got[25], 0.5);
    assert.equal(got[26], 0);
    // Normalised, 503 is 200: every status but the first is expected.
    const same = await scores('field=status labelonly=true');
    assert.deepEqual(same, [1, ...statuses.slice(1).map(() => 0)]);
  });

  test('by host: each host’s events are compared with that host’s previous events', async () => {
    const got = await scores('labelonly=true maxvalues=10 by host');
    const want = expected(raws, { maxvalues: 10, groups: hosts });
    got.forEach((v, i) => close(v, want[i] ?? null, `event ${i}, by host`));
    // The first event of each host has nothing before it.
    assert.equal(got[0], 1);
    assert.equal(got[1], 1);
  });

  test('blacklist is refused at the option; maxvalues above 10000 at its value', async () => {
    const q1 = 'host=web-* | anomalies blacklist=boring';
    assert.deepEqual(await refusal(() => fx.spl(q1), q1), [
      `unsupported: \`blacklist\` is not supported: Splunk reads it from a CSV file on the search head and matches events to it by its unpublished similarity, which Nexus cannot reproduce @${q1.indexOf('blacklist') + 1}`,
    ]);
    const q2 = 'host=web-* | anomalies maxvalues=20000';
    assert.deepEqual(await refusal(() => fx.spl(q2), q2), [
      `semantic: \`maxvalues\` is at most 10000 (each event is compared with that many before it), found \`20000\` @${q2.indexOf('20000') + 1}`,
    ]);
  });
});
