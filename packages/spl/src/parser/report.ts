// Turns typescript-parsec's farthest error into a Diagnostic: what was expected, what was found, where.

import type { ParseError } from 'typescript-parsec';
import { diagnostic, nearest } from '../diagnostics.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { isSpace, tokenSpan } from '../lexer/index.ts';
import type { Tok } from '../lexer/index.ts';

/** Keywords of a command that are worth a "did you mean" hint when misspelled. */
const KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  stats: ['by', 'as'],
  rename: ['as'],
  sort: ['limit', 'desc'],
};

/** How the text right after a segment reads in a message: `|`, `]` or the end of the search. */
export function describeEnd(text: string, at: number): { what: string; span: Span } {
  let end = at;
  while (end < text.length && isSpace(text.charCodeAt(end))) end++;
  const c = text[end];
  if (c === '|' || c === ']') return { what: `\`${c}\``, span: { start: end, end: end + 1 } };
  return { what: 'the end of the search', span: { start: at, end: at } };
}

const quote = (s: string): string => `\`${s.length > 40 ? `${s.slice(0, 37)}…` : s}\``;

/**
 * The diagnostic for a failed command parse. `error.message` is either an `expect()` message
 * ("expected a field name after `by`", with `{prev}` standing for the token before the error) or
 * typescript-parsec's own "Unable to consume token", which becomes "unexpected …".
 */
export function reportParseError(text: string, command: string, first: Tok, error: ParseError): Diagnostic {
  let prev: Tok | undefined;
  let at: Tok = first;
  for (let t: Tok | undefined = first; t !== undefined; t = t.next) {
    at = t;
    if (error.pos !== undefined && t.pos.index >= Math.floor(error.pos.index)) break;
    prev = t;
  }
  const end = at.kind === 'eof' ? describeEnd(text, at.pos.index) : undefined;
  const found = end?.what ?? quote(at.text);
  const span = end?.span ?? tokenSpan(at);
  const message = error.message.startsWith('expected ')
    ? `${error.message.replace('{prev}', prev === undefined ? `\`${command}\`` : quote(prev.text))}, found ${found}`
    : `unexpected ${found} in \`${command}\``;
  const keywords = KEYWORDS[command.toLowerCase()] ?? [];
  const hints: string[] = [];
  for (const t of [prev, at]) {
    if (t === undefined || (t.kind !== 'word' && t.kind !== 'ident')) continue;
    if (keywords.includes(t.text.toLowerCase())) continue;
    for (const k of nearest(t.text, keywords, 1))
      hints.push(`did you mean \`${k}\` instead of \`${t.text}\`?`);
    if (hints.length > 0) break;
  }
  return diagnostic('syntax', message, span, hints);
}
