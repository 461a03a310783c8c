// `erex`'s learner: a regular expression with one named group, learned from example values as they occur in
// sample events (the trainers). Pure: the service reads the trainers and calls it between two compiles.

import type { Span } from '../diagnostics.ts';
import type { Rel } from '../ir/types.ts';

/**
 * An `erex` whose expression is not learned yet (`PlanOptions.learned` has none for it): the service runs
 * `rel` (the trainers: the `fromfield` of the first `maxtrainers` events of the search before `erex` that
 * hold an example or a counterexample, one column), learns the expression with `learnErex` and compiles
 * again with it in `learned`.
 */
export interface ErexTraining extends ErexTask {
  /** Where the command starts in the (macro-expanded) search: the key of its `LearnedRegex`. */
  readonly at: number;
  readonly fromfield: string;
  readonly maxtrainers: number;
  /** The `examples=` option, where a failure to learn is reported. */
  readonly span: Span;
  readonly rel: Rel;
}

/** An expression learned for the `erex` that starts at `at`, which it then lowers to like `rex`. */
export interface LearnedRegex {
  readonly at: number;
  readonly regex: string;
}

/** What `erex` learns from: its field, its examples and counterexamples (each list already split). */
export interface ErexTask {
  /** The field the named group extracts (a group name: letters, digits, `_`). */
  readonly field: string;
  readonly examples: readonly string[];
  readonly counterexamples: readonly string[];
}

export type ErexLearned =
  | { readonly ok: true; readonly regex: string }
  /** `absent`: no trainer holds an example as a whole value; `inseparable`: no candidate passed. */
  | { readonly ok: false; readonly reason: 'absent' | 'inseparable' };

/** How far around an occurrence its context is read (characters each side). */
const WINDOW = 64;
/**
 * The most characters of trainers read (the trainers after the one that passes it are left out): every
 * candidate runs over every trainer, on the service's thread.
 */
export const MAX_TRAINING_CHARS = 1_000_000;
/** The most occurrences of the examples read in one trainer. */
const MAX_OCCURRENCES = 16;
/** The most context tokens a candidate uses on its left, and on its right. */
const MAX_LEFT_TOKENS = 6;
const MAX_RIGHT_TOKENS = 2;

const isWord = (ch: string | undefined): boolean => ch !== undefined && /[A-Za-z0-9_]/.test(ch);

/** `s` as a literal in a pattern, the same for RE2 and JavaScript. */
export function escapeRegex(s: string): string {
  return s.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

/** `ch` inside a `[…]` class. */
const classChar = (ch: string): string => (/[\\\]^[-]/.test(ch) ? `\\${ch}` : ch);

/** One occurrence of an example as a whole value in a trainer: its context either side. */
interface Occurrence {
  readonly example: string;
  readonly at: number;
  /** The text before it (at most WINDOW characters), and whether that reaches the trainer's start. */
  readonly left: string;
  readonly leftStart: boolean;
  readonly right: string;
  readonly rightEnd: boolean;
}

/**
 * Where the examples occur in `t` as whole values: an example that starts (ends) with a word character is not
 * preceded (followed) by one, so `443` is not found in `14430`. In order of position.
 */
function occurrences(t: string, examples: readonly string[]): Occurrence[] {
  const found: Occurrence[] = [];
  for (const e of examples) {
    for (let i = t.indexOf(e); i >= 0 && found.length < MAX_OCCURRENCES * 4; i = t.indexOf(e, i + 1)) {
      const end = i + e.length;
      if (isWord(e[0]) && isWord(t[i - 1])) continue;
      if (isWord(e[e.length - 1]) && isWord(t[end])) continue;
      const from = Math.max(0, i - WINDOW);
      found.push({
        example: e,
        at: i,
        left: t.slice(from, i),
        leftStart: from === 0,
        right: t.slice(end, end + WINDOW),
        rightEnd: end + WINDOW >= t.length,
      });
    }
  }
  return found.sort((a, b) => a.at - b.at || b.example.length - a.example.length).slice(0, MAX_OCCURRENCES);
}

const commonSuffix = (a: string, b: string): number => {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
};

const commonPrefix = (a: string, b: string): number => {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
};

/**
 * One occurrence per trainer, chosen so that their contexts agree most: for each occurrence in the first
 * trainer, every other trainer's occurrence sharing the longest left context with it (then right); the
 * choice whose shared left context is longest wins.
 */
function chooseOccurrences(found: readonly Occurrence[][]): Occurrence[] {
  const [first, ...others] = found;
  let best: { chosen: Occurrence[]; score: number } | undefined;
  for (const o of first ?? []) {
    const chosen = [o];
    let shared = o.left.length;
    let sharedRight = o.right.length;
    for (const list of others) {
      let pick: Occurrence | undefined;
      let pickScore = -1;
      for (const x of list) {
        const score = commonSuffix(o.left, x.left) * (WINDOW + 1) + commonPrefix(o.right, x.right);
        if (score > pickScore) {
          pick = x;
          pickScore = score;
        }
      }
      if (!pick) continue;
      chosen.push(pick);
      shared = Math.min(shared, commonSuffix(o.left, pick.left));
      sharedRight = Math.min(sharedRight, commonPrefix(o.right, pick.right));
    }
    const score = shared * (WINDOW + 1) + sharedRight;
    if (!best || score > best.score) best = { chosen, score };
  }
  return best?.chosen ?? [];
}

/** A context token: a run of word characters, a run of white space, or one other character. */
const TOKEN = /[A-Za-z0-9_]+|\s+|[^A-Za-z0-9_\s]/g;

/** The whole tokens of an occurrence's left context, nearest first (a token the window cut is left out). */
function leftTokens(o: Occurrence): string[] {
  const tokens = o.left.match(TOKEN) ?? [];
  return (o.leftStart ? tokens : tokens.slice(1)).reverse();
}

/** The whole tokens of an occurrence's right context, nearest first. */
function rightTokens(o: Occurrence): string[] {
  const tokens = o.right.match(TOKEN) ?? [];
  return o.rightEnd ? tokens : tokens.slice(0, -1);
}

/**
 * The tokens at one position of the contexts as one pattern: the literal where they agree, else their class
 * (`\d+`, `[A-Za-z]+`, `\w+`, `\s+`, or a class of the punctuation seen); undefined when they are of
 * different kinds.
 */
function tokenPattern(texts: readonly string[]): string | undefined {
  const distinct = [...new Set(texts)];
  const [only] = distinct;
  if (only !== undefined && distinct.length === 1) return escapeRegex(only);
  if (distinct.every((t) => /^\d+$/.test(t))) return '\\d+';
  if (distinct.every((t) => /^[A-Za-z]+$/.test(t))) return '[A-Za-z]+';
  if (distinct.every((t) => /^\w+$/.test(t))) return '\\w+';
  if (distinct.every((t) => /^\s+$/.test(t))) return '\\s+';
  if (distinct.every((t) => t.length === 1 && !isWord(t))) {
    return `[${distinct.map(classChar).join('')}]`;
  }
  return undefined;
}

/**
 * The contexts of `k` tokens (nearest first in `tokens`), position by position, in reading order;
 * undefined when a context has fewer tokens or a position mixes kinds.
 */
function contextPattern(tokens: readonly string[][], k: number, reversed: boolean): string | undefined {
  const parts: string[] = [];
  for (let j = 0; j < k; j++) {
    const texts = tokens.map((t) => t[j]);
    if (texts.some((t) => t === undefined)) return undefined;
    const p = tokenPattern(texts.filter((t) => t !== undefined));
    if (p === undefined) return undefined;
    parts.push(p);
  }
  return (reversed ? parts.reverse() : parts).join('');
}

/**
 * Where the left contexts start: at the nearest word token when two or more occurrences share it with only
 * delimiters between it and the value (`user=`, `port `: a key), else at the nearest token.
 */
function keyTokens(tokens: readonly string[][]): number {
  if (tokens.length < 2) return 1;
  const [first = []] = tokens;
  for (let j = 0; j < first.length && j < MAX_LEFT_TOKENS; j++) {
    const texts = tokens.map((t) => t[j]);
    const word = texts.every((t) => t !== undefined && isWord(t[0]));
    if (word) return new Set(texts).size === 1 ? j + 1 : 1;
  }
  return 1;
}

/** The left contexts to try, shortest first; `^` alone when every occurrence starts its trainer. */
function leftPatterns(chosen: readonly Occurrence[]): string[] {
  if (chosen.every((o) => o.at === 0)) return ['^'];
  const tokens = chosen.map(leftTokens);
  const patterns: string[] = [];
  for (let k = keyTokens(tokens); k <= MAX_LEFT_TOKENS; k++) {
    const p = contextPattern(tokens, k, true);
    if (p === undefined) break;
    patterns.push(p);
  }
  return patterns.length > 0 ? patterns : [''];
}

/** The right contexts to try: none, then one token, then two. */
function rightPatterns(chosen: readonly Occurrence[]): string[] {
  const tokens = chosen.map(rightTokens);
  const patterns = [''];
  for (let k = 1; k <= MAX_RIGHT_TOKENS; k++) {
    const p = contextPattern(tokens, k, false);
    if (p === undefined) break;
    patterns.push(p);
  }
  return patterns;
}

/** A run of one character class in a value. */
interface Run {
  /** `d` digits, `a` ASCII letters, `w` word characters, `s` white space, `p` one other character. */
  readonly cls: 'd' | 'a' | 'w' | 's' | 'p';
  readonly text: string;
}

const FINE = /\d+|[A-Za-z]+|\s+|_+|[^A-Za-z0-9_\s]/g;
const COARSE = /\w+|\s+|[^\w\s]/g;

function runs(value: string, coarse: boolean): Run[] {
  return (value.match(coarse ? COARSE : FINE) ?? []).map((text) => ({
    cls: /^\d+$/.test(text)
      ? 'd'
      : /^[A-Za-z]+$/.test(text)
        ? 'a'
        : /^\w+$/.test(text)
          ? 'w'
          : /^\s+$/.test(text)
            ? 's'
            : 'p',
    text,
  }));
}

const CLASS: Record<Run['cls'], string> = { d: '\\d', a: '[A-Za-z]', w: '\\w', s: '\\s', p: '' };

/**
 * The examples' runs side by side when they have the same shape (same classes in the same order, the same
 * punctuation), else undefined: `7/01` and `12/31` align as digits, `/`, digits.
 */
function align(examples: readonly string[], coarse: boolean): Run[][] | undefined {
  const all = examples.map((e) => runs(e, coarse));
  const [first] = all;
  if (!first) return undefined;
  const same = all.every(
    (r) =>
      r.length === first.length &&
      r.every((x, i) => x.cls === first[i]?.cls && (x.cls !== 'p' || x.text === first[i]?.text)),
  );
  return same ? all : undefined;
}

/** An aligned shape as a pattern: each run its class, `+` (or the lengths seen, with `exact`). */
function shapePattern(aligned: readonly Run[][], exact: boolean): string {
  const [first = []] = aligned;
  return first
    .map((run, i) => {
      if (run.cls === 'p') return escapeRegex(run.text);
      const lengths = aligned.map((r) => r[i]?.text.length ?? 0);
      const min = Math.min(...lengths);
      const max = Math.max(...lengths);
      const count = !exact ? '+' : min === max ? (min === 1 ? '' : `{${min}}`) : `{${min},${max}}`;
      return `${CLASS[run.cls]}${count}`;
    })
    .join('');
}

/** One class holding every character of the examples: `[\w./:]+`. */
function unionClass(examples: readonly string[]): string {
  const chars = new Set([...examples.join('')]);
  const words = [...chars].some(isWord);
  const digitsOnly = [...chars].filter(isWord).every((c) => /\d/.test(c));
  const others = [...chars].filter((c) => !isWord(c)).map((c) => (/\s/.test(c) ? '\\s' : classChar(c)));
  const parts = [...(words ? [digitsOnly ? '\\d' : '\\w'] : []), ...new Set(others)];
  return parts.length === 1 && parts[0]?.startsWith('\\') ? `${parts[0]}+` : `[${parts.join('')}]+`;
}

/** The value patterns, from the most general to the most specific (the literal examples last). */
function valuePatterns(examples: readonly string[]): string[] {
  const fine = align(examples, false);
  const coarse = align(examples, true);
  const patterns = [
    ...(fine ? [shapePattern(fine, false)] : []),
    ...(coarse ? [shapePattern(coarse, false)] : []),
    unionClass(examples),
    ...(fine ? [shapePattern(fine, true)] : []),
    ...(coarse ? [shapePattern(coarse, true)] : []),
  ];
  return [...new Set(patterns)];
}

const literalAlternation = (examples: readonly string[]): string =>
  [...examples]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegex)
    .join('|');

/** A trainer as validation reads it: its text and the examples it holds as whole values. */
interface Trainer {
  readonly text: string;
  readonly examples: ReadonlySet<string>;
}

/**
 * Whether `regex` extracts, from every trainer holding an example, one of its examples, and from no trainer a
 * counterexample.
 */
function separates(regex: RegExp, field: string, trainers: readonly Trainer[], counter: ReadonlySet<string>) {
  return trainers.every((t) => {
    const value = regex.exec(t.text)?.groups?.[field];
    if (value !== undefined && counter.has(value)) return false;
    return t.examples.size === 0 || (value !== undefined && t.examples.has(value));
  });
}

/**
 * Learns a regular expression that extracts `task.field` from `trainers` (the values of the `fromfield` of
 * the events that hold an example or a counterexample, in the search's order). Candidates are tried from the
 * most general to the most specific: the left context grows one token at a time (a literal where the
 * trainers agree, a class or an alternation where they differ), the value is each example's characters by
 * class (`\d+/\d+`), then one class for all, then their lengths, the right context none, then one or two
 * tokens; the examples written out come last. The first that extracts an example from every trainer holding
 * one, and no counterexample, is the answer.
 *
 * @example learnErex({ field: 'port', examples: ['8080', '443'], counterexamples: [] },
 *   ['conn from 10.0.0.1 port 8080', 'conn from 10.0.0.2 port 443'])
 *   // => { ok: true, regex: 'port (?<port>\\d+)' }
 */
export function learnErex(task: ErexTask, all: readonly string[]): ErexLearned {
  const trainers: string[] = [];
  let read = 0;
  for (const t of all) {
    if (read >= MAX_TRAINING_CHARS) break;
    trainers.push(t);
    read += t.length;
  }
  const found = trainers.map((t) => occurrences(t, task.examples));
  const holding = found.filter((f) => f.length > 0);
  if (holding.length === 0) return { ok: false, reason: 'absent' };
  const chosen = chooseOccurrences(holding);
  const checked: Trainer[] = trainers.map((text, i) => ({
    text,
    examples: new Set((found[i] ?? []).map((o) => o.example)),
  }));
  const counter = new Set(task.counterexamples);
  const group = (value: string): string => `(?<${task.field}>${value})`;
  const lefts = leftPatterns(chosen);
  const rights = rightPatterns(chosen);
  const values = valuePatterns(task.examples);
  const tries = function* (): Generator<string> {
    for (const right of rights)
      for (const value of values) for (const left of lefts) yield `${left}${group(value)}${right}`;
    const literal = group(literalAlternation(task.examples));
    for (const left of lefts) for (const right of rights) yield `${left}${literal}${right}`;
  };
  for (const candidate of tries()) {
    if (separates(new RegExp(candidate), task.field, checked, counter)) return { ok: true, regex: candidate };
  }
  return { ok: false, reason: 'inseparable' };
}
