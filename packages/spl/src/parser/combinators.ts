// Token-level parsers and small helpers shared by the search, eval and command grammars.

import { apply, betterError, kright, seq, tok, unableToConsumeToken } from 'typescript-parsec';
import type { ParseError, ParseResult, Parser } from 'typescript-parsec';
import type { FieldPattern, Ident, OptionValue, CommandOption } from '../ast.ts';
import { joinSpans } from '../diagnostics.ts';
import type { Span } from '../diagnostics.ts';
import { tokenSpan, unescapeQuoted } from '../lexer/index.ts';
import type { Tok, TokenKind } from '../lexer/index.ts';

export type P<T> = Parser<TokenKind, T>;

/**
 * typescript-parsec's `rep_sc` with the same results in linear time. The library copies the list of
 * results at every repetition (`result.concat([x])`), which made a 20,000-term `OR` list take seconds to
 * parse; here a step with one way forward (every grammar of ours) appends to its list in place, and only
 * a step with several copies it for all but the last.
 */
export function rep_sc<T>(p: P<T>): P<T[]> {
  return {
    parse(token) {
      let error: ParseError | undefined;
      let steps: ParseResult<TokenKind, T[]>[] = [{ firstToken: token, nextToken: token, result: [] }];
      for (;;) {
        const next: ParseResult<TokenKind, T[]>[] = [];
        for (const step of steps) {
          const out = p.parse(step.nextToken);
          error = betterError(error, out.error);
          if (!out.successful) continue;
          const forward = out.candidates.filter((c) => c.nextToken !== step.nextToken);
          forward.forEach((c, i) => {
            const list = i === forward.length - 1 ? step.result : [...step.result];
            list.push(c.result);
            next.push({ firstToken: step.firstToken, nextToken: c.nextToken, result: list });
          });
        }
        if (next.length === 0) return { successful: true, candidates: steps, error };
        steps = next;
      }
    },
  };
}

/** `p (s p)*` as a list, in linear time (see {@link rep_sc}). */
export function list_sc<T, S>(p: P<T>, s: P<S>): P<T[]> {
  return apply(seq(p, rep_sc(kright(s, p))), ([first, rest]) => {
    rest.unshift(first);
    return rest;
  });
}

/** `p q*` folded from the left by `fold`, in linear time (see {@link rep_sc}). */
export function lrec_sc<T, U>(p: P<T>, q: P<U>, fold: (acc: T, next: U) => T): P<T> {
  return apply(seq(p, rep_sc(q)), ([first, rest]) => rest.reduce(fold, first));
}

/** A token of `kind`. */
export const tk = (kind: TokenKind): P<Tok> => tok<TokenKind>(kind);

/** A token accepted by `pred`. */
export function match(pred: (t: Tok) => boolean): P<Tok> {
  return {
    parse(token) {
      if (token === undefined || !pred(token))
        return { successful: false, error: unableToConsumeToken(token) };
      return {
        successful: true,
        candidates: [{ firstToken: token, nextToken: token.next, result: token }],
        error: undefined,
      };
    },
  };
}

/** A token of one of `kinds` whose text is one of `texts`, compared exactly. */
export const kw = (kinds: readonly TokenKind[], ...texts: string[]): P<Tok> =>
  match((t) => kinds.includes(t.kind) && texts.includes(t.text));

/** A token of one of `kinds` whose text is one of `texts` (lower case), compared case-insensitively. */
export const kwi = (kinds: readonly TokenKind[], ...texts: string[]): P<Tok> =>
  match((t) => kinds.includes(t.kind) && texts.includes(t.text.toLowerCase()));

/**
 * `p`, or the error "expected `what`" when `p` cannot even start. When `p` fails further on, its own,
 * more precise error stands. `{prev}` in `what` names the token before the error, so one message
 * serves every operator: "expected an expression after {prev}" → "… after `+`".
 *
 * typescript-parsec keeps the farthest error and, on a tie, the one seen first (usually a bare
 * "Unable to consume token"). An `expect` error is placed half a position further so that it wins the
 * tie; `reportParseError` rounds the position down.
 */
export function expect<T>(p: P<T>, what: string): P<T> {
  return {
    parse(token) {
      const out = p.parse(token);
      if (out.successful || token === undefined) return out;
      if (out.error.pos !== undefined && out.error.pos.index > token.pos.index + 0.5) return out;
      const pos = { ...token.pos, index: token.pos.index + 0.5 };
      return { successful: false, error: { kind: 'Error', pos, message: `expected ${what}` } };
    },
  };
}

/** The end of the segment. */
export const eof: P<Tok> = expect(tk('eof'), 'the end of the command');

/** A whole command body: `p` then the end of the segment. */
export const whole = <T>(p: P<T>): P<T> => apply(seq(p, eof), ([v]) => v);

/** The text of a word or string token: strings lose their quotes and escapes. */
export function tokenText(t: Tok): { text: string; quoted: boolean } {
  if (t.kind === 'string' || t.kind === 'field')
    return { text: unescapeQuoted(t.text.slice(1, -1)), quoted: true };
  return { text: t.text, quoted: false };
}

export const ident = (t: Tok): Ident => {
  const { text, quoted } = tokenText(t);
  return { kind: 'ident', name: text, quoted, span: tokenSpan(t) };
};

export const fieldPattern = (t: Tok): FieldPattern => {
  const { text, quoted } = tokenText(t);
  return { kind: 'field-pattern', pattern: text, quoted, span: tokenSpan(t) };
};

export const optionValue = (t: Tok): OptionValue => {
  const { text, quoted } = tokenText(t);
  return { kind: 'option-value', text, quoted, span: tokenSpan(t) };
};

/** Anything written as one word in args mode: words, and the eval-mode tokens of `eval( … )`. */
export const WORDISH: readonly TokenKind[] = ['word', 'ident', 'number', 'keyword'];

/** A field name or pattern: a word, a quoted string, or a single-quoted name. */
export const nameTok: P<Tok> = match((t) => t.kind === 'word' || t.kind === 'string' || t.kind === 'field');

/** `key=value`: a word key, `=`, then a word or string value. */
export const option: P<CommandOption> = apply(
  seq(
    match((t) => WORDISH.includes(t.kind) || t.kind === 'string'),
    kw(['op'], '='),
    expect(
      match((t) => WORDISH.includes(t.kind) || t.kind === 'string' || t.kind === 'field'),
      'a value after {prev}',
    ),
  ),
  ([k, , v]): CommandOption => ({
    kind: 'option',
    key: ident(k),
    value: optionValue(v),
    span: joinSpans(tokenSpan(k), tokenSpan(v)),
  }),
);

/** The span from the first to the last of `spans` (which must not be empty). */
export function spanOf(first: Span, ...rest: readonly (Span | undefined)[]): Span {
  let s = first;
  for (const r of rest) if (r !== undefined) s = joinSpans(s, r);
  return s;
}
