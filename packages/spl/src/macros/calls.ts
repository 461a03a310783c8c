// Finds search macro calls (`name` and `name(a, "b", f(x))`) in SPL text, outside strings and comments.

import type { Span } from '../diagnostics.ts';
import { scanBalanced, scanQuoted } from '../lexer/scan.ts';

/** One backtick-delimited macro call. */
export interface MacroCall {
  readonly kind: 'call';
  /** From the opening backtick to just after the closing one. */
  readonly span: Span;
  readonly name: string;
  /**
   * Argument texts, trimmed, exactly as written otherwise: a quoted argument keeps its quotes (see
   * `expand.ts`). `name` and `name()` both have no arguments.
   */
  readonly args: readonly string[];
}

/** A backtick that does not start a well-formed call. */
export interface MalformedCall {
  readonly kind: 'malformed';
  readonly span: Span;
  readonly message: string;
}

const BACKTICK = 96;
const QUOTE = 34;
const BACKSLASH = 92;
const FENCE = '```';
/** Anything but whitespace and SPL punctuation; Splunk's own names are `[A-Za-z0-9_]` in practice. */
const NAME = /^[^\s`()",'=|$[\]]+$/;

/**
 * Yields every macro call (or malformed backtick) of `text` in order. Double-quoted strings (with
 * backslash escapes) and ```` ``` ```` comments are skipped, as in `lexer/comments.ts`; an unclosed
 * string or comment ends the scan, since nothing after it is SPL. Linear in `text.length`.
 */
export function* scanCalls(text: string): Generator<MacroCall | MalformedCall> {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) {
      const after = scanQuoted(text, i, n);
      if (after < 0) return;
      i = after - 1;
    } else if (c === BACKTICK) {
      if (text.startsWith(FENCE, i)) {
        const close = text.indexOf(FENCE, i + 3);
        if (close < 0) return;
        i = close + 2;
        continue;
      }
      const close = closingBacktick(text, i + 1);
      if (close < 0) {
        yield {
          kind: 'malformed',
          span: { start: i, end: i + 1 },
          message: 'unclosed macro call: expected ` to end it',
        };
        return;
      }
      yield parseCall(text.slice(i + 1, close), { start: i, end: close + 1 });
      i = close;
    }
  }
}

/** The offset of the backtick closing a call whose text starts at `from`, skipping strings; -1 if none. */
function closingBacktick(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === BACKSLASH) j++;
    else if (c === QUOTE) {
      const after = scanQuoted(text, j, text.length);
      if (after < 0) return -1;
      j = after - 1;
    } else if (c === BACKTICK) return j;
  }
  return -1;
}

function parseCall(inner: string, span: Span): MacroCall | MalformedCall {
  const body = inner.trim();
  const malformed = (why: string): MalformedCall => ({
    kind: 'malformed',
    span,
    message: `malformed macro call \`${clip(inner)}\`: ${why}`,
  });
  const open = body.indexOf('(');
  const name = (open < 0 ? body : body.slice(0, open)).trimEnd();
  if (name === '') return malformed('expected a macro name');
  if (!NAME.test(name)) return malformed(`\`${clip(name)}\` is not a macro name`);
  if (open < 0) return { kind: 'call', span, name, args: [] };
  const close = scanBalanced(body, open, body.length);
  if (close < 0) return malformed('expected `)` to close the arguments');
  if (close !== body.length) return malformed('unexpected text after the arguments');
  return { kind: 'call', span, name, args: splitArgs(body.slice(open + 1, close - 1)) };
}

/**
 * Splits an argument list at top-level commas (outside double quotes and parentheses/brackets) and
 * trims each piece. An empty or blank list has no arguments.
 */
export function splitArgs(list: string): string[] {
  if (list.trim() === '') return [];
  const args: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) {
      const after = scanQuoted(list, i, list.length);
      if (after < 0) break; // unreachable from scanCalls: the call's closing backtick was outside it
      i = after - 1;
    } else if (c === 40 || c === 91) depth++;
    else if ((c === 41 || c === 93) && depth > 0) depth--;
    else if (c === 44 && depth === 0) {
      args.push(list.slice(from, i).trim());
      from = i + 1;
    }
  }
  args.push(list.slice(from).trim());
  return args;
}

const clip = (s: string): string => (s.length > 40 ? `${s.slice(0, 37)}…` : s);
