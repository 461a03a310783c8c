// The command-aware lexer: turns one command segment into a typescript-parsec token list.

import type { Pipeline } from '../ast.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { isSpace, scanBalanced, scanQuoted } from './scan.ts';
import type { LexMode, LineIndex, Tok, TokenKind } from './token.ts';

export interface LexOptions {
  readonly lines: LineIndex;
  /** Parses the pipeline inside a `[ … ]`, given the range between the brackets. */
  readonly subsearch: (inner: Span) => Pipeline;
}

export interface LexResult {
  /** The first token; the list always ends with an `eof` token at the segment's end. */
  readonly first: Tok;
  readonly errors: readonly Diagnostic[];
}

interface Raw {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  readonly pipeline?: Pipeline;
}

const subsearches = new WeakMap<Tok, Pipeline>();

/** The parsed pipeline of a `subsearch` token. */
export function subsearchOf(t: Tok): Pipeline | undefined {
  return subsearches.get(t);
}

/** Eval-mode keywords. Splunk's eval accepts them in any case (ESCU writes `… and …`); search does not. */
const EVAL_KEYWORDS = new Set(['AND', 'OR', 'XOR', 'NOT']);

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c) || c === 123 || c === 125;

/**
 * Lexes `text[start, end)` in `mode`:
 * - `search`: values run up to whitespace, `( ) [ ] , "` or a comparison operator (`status>=500` is
 *   three tokens, `10.0.0.0/8` one); `TERM(` and `CASE(` are `fn` tokens;
 * - `eval`: identifiers (`a.b`), numbers, strings, `'fields'`, operators and keywords;
 * - `args`: words, strings, `key=value`, commas and parentheses; `eval( … )` inside is lexed as eval.
 * `[ … ]` is one `subsearch` token in every mode.
 */
export function lex(text: string, start: number, end: number, mode: LexMode, opts: LexOptions): LexResult {
  const raws: Raw[] = [];
  const errors: Diagnostic[] = [];
  const opens: number[] = [];
  const push = (kind: TokenKind, s: number, e: number): void => {
    raws.push({ kind, start: s, end: e });
  };

  const scanWord = (i: number, to: number): number => {
    let j = i;
    while (j < to) {
      const c = text.charCodeAt(j);
      if (c === 92) {
        j += 2;
        continue;
      }
      const template = templateLength(j);
      if (template > 0) {
        j += template;
        continue;
      }
      if (isSpace(c) || c === 40 || c === 41 || c === 91 || c === 93 || c === 34 || c === 44) break;
      if (c === 61 || c === 60 || c === 62 || (c === 33 && text.charCodeAt(j + 1) === 61)) break;
      j++;
    }
    return Math.min(Math.max(j, i + 1), to);
  };

  /** The length of a `foreach` template placeholder (`<<FIELD>>`, `<<MATCHSEG1>>`) at `i`, or 0. */
  const templateLength = (i: number): number => {
    if (text.charCodeAt(i) !== 60 || text.charCodeAt(i + 1) !== 60) return 0;
    const m = /^<<[A-Za-z_][A-Za-z0-9_]*>>/.exec(text.slice(i, Math.min(end, i + 40)));
    return m?.[0].length ?? 0;
  };

  /** A comparison operator at `i`, or 0: `=`, `==`, `!=`, `<`, `<=`, `>`, `>=`. */
  const compareLength = (i: number): number => {
    const c = text.charCodeAt(i);
    const n = text.charCodeAt(i + 1);
    if (c === 61) return n === 61 ? 2 : 1;
    if (c === 33 && n === 61) return 2;
    if (c === 60 || c === 62) return n === 61 ? 2 : 1;
    return 0;
  };

  /** Lexes `[from, to)`; returns false when lexing must stop (an unclosed quote or bracket). */
  const run = (from: number, to: number, m: LexMode): boolean => {
    let i = from;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        i++;
        continue;
      }
      // A single-quoted name in args mode too (`stats count AS 'x y'`, `head limit='5'`), when the quote
      // starts a token and closes: an apostrophe inside a word stays part of the word.
      const quotedName = c === 39 && (m === 'eval' || (m === 'args' && scanQuoted(text, i, to, c) >= 0));
      if (c === 34 || quotedName) {
        const after = scanQuoted(text, i, to, c);
        if (after < 0) {
          const what = c === 34 ? 'quoted string' : 'quoted field name';
          errors.push(
            diagnostic('syntax', `unclosed ${what}: expected a closing ${c === 34 ? '"' : "'"}`, {
              start: i,
              end: to,
            }),
          );
          return false;
        }
        push(c === 34 ? 'string' : 'field', i, after);
        i = after;
        continue;
      }
      if (c === 40) {
        opens.push(i);
        push('lparen', i, i + 1);
        i++;
        continue;
      }
      if (c === 41) {
        if (opens.pop() === undefined) {
          errors.push(
            diagnostic('syntax', 'unbalanced `)`: there is no `(` before it', { start: i, end: i + 1 }),
          );
          return false;
        }
        push('rparen', i, i + 1);
        i++;
        continue;
      }
      if (c === 44) {
        push('comma', i, i + 1);
        i++;
        continue;
      }
      if (c === 91) {
        const after = scanBalanced(text, i, to);
        if (after < 0) {
          errors.push(
            diagnostic('syntax', 'unbalanced `[`: expected `]` to close the subsearch', {
              start: i,
              end: i + 1,
            }),
          );
          return false;
        }
        raws.push({
          kind: 'subsearch',
          start: i,
          end: after,
          pipeline: opts.subsearch({ start: i + 1, end: after - 1 }),
        });
        i = after;
        continue;
      }
      if (c === 93) {
        errors.push(
          diagnostic('syntax', 'unbalanced `]`: there is no `[` before it', { start: i, end: i + 1 }),
        );
        return false;
      }
      const cmp = templateLength(i) > 0 ? 0 : compareLength(i);
      if (cmp > 0) {
        push('op', i, i + cmp);
        i += cmp;
        continue;
      }
      if (m === 'eval') {
        i = evalToken(i, to);
        continue;
      }
      const e = scanWord(i, to);
      const w = text.slice(i, e);
      if (text.charCodeAt(e) === 40 && e < to) {
        if (m === 'search' && (w === 'TERM' || w === 'CASE')) {
          opens.push(e);
          push('fn', i, e + 1);
          i = e + 1;
          continue;
        }
        if (m === 'args' && w.toLowerCase() === 'eval') {
          const close = scanBalanced(text, e, to);
          if (close > 0) {
            push('word', i, e);
            if (!run(e, close, 'eval')) return false;
            i = close;
            continue;
          }
        }
      }
      push('word', i, e);
      i = e;
    }
    return true;
  };

  /** One eval-mode token at `i` (not whitespace, quote, bracket or comparison); returns its end. */
  const evalToken = (i: number, to: number): number => {
    const c = text.charCodeAt(i);
    const n = text.charCodeAt(i + 1);
    if (isDigit(c) || (c === 46 && isDigit(n) && !endsOperand())) {
      const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i, Math.min(to, i + 64)));
      const e = i + (m?.[0].length ?? 1);
      push('number', i, e);
      return e;
    }
    if (isIdentStart(c) || templateLength(i) > 0) {
      let j = i;
      while (j < to) {
        const d = text.charCodeAt(j);
        const template = templateLength(j);
        if (template > 0) j += template;
        else if (isIdentPart(d)) j++;
        else if (d === 46 && j + 1 < to && isIdentPart(text.charCodeAt(j + 1))) j += 2;
        else break;
      }
      push(EVAL_KEYWORDS.has(text.slice(i, j).toUpperCase()) ? 'keyword' : 'ident', i, j);
      return j;
    }
    if (c === 43 || c === 45 || c === 42 || c === 47 || c === 37 || c === 46) {
      push('op', i, i + 1);
      return i + 1;
    }
    // Anything else is left for the grammar to reject with context ("expected …, found `$`").
    push('word', i, i + 1);
    return i + 1;
  };

  const endsOperand = (): boolean => {
    const last = raws[raws.length - 1];
    return last !== undefined && ['ident', 'number', 'string', 'field', 'rparen'].includes(last.kind);
  };

  if (run(start, end, mode)) {
    const open = opens[0];
    if (open !== undefined) {
      errors.push(
        diagnostic('syntax', 'unbalanced `(`: expected `)` to close it', { start: open, end: open + 1 }),
      );
    }
  }
  let next: Tok = { kind: 'eof', text: '', pos: opts.lines.position(end, end), next: undefined };
  for (let k = raws.length - 1; k >= 0; k--) {
    const r = raws[k];
    if (r === undefined) continue;
    const t: Tok = {
      kind: r.kind,
      text: text.slice(r.start, r.end),
      pos: opts.lines.position(r.start, r.end),
      next,
    };
    if (r.pipeline !== undefined) subsearches.set(t, r.pipeline);
    next = t;
  }
  return { first: next, errors };
}
