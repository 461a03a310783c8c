// Splits an event's `_raw` into runs to colour: search-term matches, `key=value` pairs, and field values.

/** How a run of `_raw` is shown; later kinds win where they overlap (a match beats everything). */
export type SegmentKind = 'plain' | 'field-value' | 'key' | 'value' | 'match';

export interface Segment {
  readonly text: string;
  readonly kind: SegmentKind;
}

const RANK: Record<SegmentKind, number> = { plain: 0, 'field-value': 1, key: 2, value: 3, match: 4 };
const KINDS: readonly SegmentKind[] = ['plain', 'field-value', 'key', 'value', 'match'];

/** `key=value`, `key="quoted value"`, `key:value` is left alone (too common in prose and times). */
const KEY_VALUE = /(?<![\w.-])([A-Za-z_][\w.-]*)=("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s,;&"')\]}]+)/g;

/** Field values shorter than this are not marked in the text: `1` or `a` would light up everywhere. */
const MIN_FIELD_VALUE = 2;
const MAX_FIELD_VALUE = 200;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A search term as a case-insensitive pattern: Splunk's `*` matches any run of non-space characters;
 * quotes around a phrase are dropped. Returns null for terms that would match nothing useful.
 */
export function termPattern(term: string): RegExp | null {
  const t = term.trim().replace(/^"(.*)"$/s, '$1');
  if (t.replace(/\*/g, '') === '') return null;
  const source = t.split('*').map(escapeRegExp).join('\\S*');
  return new RegExp(source, 'gi');
}

function mark(ranks: Uint8Array, start: number, end: number, kind: SegmentKind): void {
  const r = RANK[kind];
  for (let i = start; i < end; i++) if ((ranks[i] ?? 0) < r) ranks[i] = r;
}

function markAll(ranks: Uint8Array, text: string, re: RegExp, kind: SegmentKind): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    mark(ranks, m.index, m.index + m[0].length, kind);
  }
}

/** Whether `text[at]` starts or ends a word: field values are marked only as whole words. */
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\w]/.test(c);

function markFieldValue(ranks: Uint8Array, text: string, value: string): void {
  const lowerText = text.toLowerCase();
  const lowerValue = value.toLowerCase();
  for (let at = lowerText.indexOf(lowerValue); at >= 0; at = lowerText.indexOf(lowerValue, at + 1)) {
    const end = at + value.length;
    const boundedLeft = !isWordChar(value[0]) || !isWordChar(text[at - 1]);
    const boundedRight = !isWordChar(value[value.length - 1]) || !isWordChar(text[end]);
    if (boundedLeft && boundedRight) mark(ranks, at, end, 'field-value');
  }
}

/**
 * The runs of `raw` with their kinds; concatenated, the texts give back `raw`.
 * @example highlight('user=bob failed', ['fail*'], ['bob'])
 *   // [{ text: 'user', kind: 'key' }, { text: '=', kind: 'plain' }, { text: 'bob', kind: 'value' },
 *   //  { text: ' ', kind: 'plain' }, { text: 'failed', kind: 'match' }]
 */
export function highlight(
  raw: string,
  searchWords: readonly string[],
  fieldValues: readonly string[] = [],
): Segment[] {
  if (raw === '') return [];
  const ranks = new Uint8Array(raw.length);
  for (const v of fieldValues) {
    if (v.length >= MIN_FIELD_VALUE && v.length <= MAX_FIELD_VALUE) markFieldValue(ranks, raw, v);
  }
  KEY_VALUE.lastIndex = 0;
  for (let m = KEY_VALUE.exec(raw); m !== null; m = KEY_VALUE.exec(raw)) {
    const key = m[1] ?? '';
    mark(ranks, m.index, m.index + key.length, 'key');
    mark(ranks, m.index + key.length + 1, m.index + m[0].length, 'value');
  }
  for (const w of searchWords) {
    const re = termPattern(w);
    if (re) markAll(ranks, raw, re, 'match');
  }
  const segments: Segment[] = [];
  let start = 0;
  for (let i = 1; i <= raw.length; i++) {
    if (i === raw.length || ranks[i] !== ranks[start]) {
      segments.push({ text: raw.slice(start, i), kind: KINDS[ranks[start] ?? 0] ?? 'plain' });
      start = i;
    }
  }
  return segments;
}
