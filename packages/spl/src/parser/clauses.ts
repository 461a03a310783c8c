// Clause-level parsers shared by the typed command grammars: options mixed with fields, BY lists, subsearches.

import { alt_sc, apply, kright, opt_sc, seq } from 'typescript-parsec';
import type { CommandOption, CountArg, Ident, SearchExpr, Subsearch } from '../ast.ts';
import { joinSpans } from '../diagnostics.ts';
import { lex, LineIndex, subsearchOf, tokenSpan } from '../lexer/index.ts';
import type { LexMode, Tok } from '../lexer/index.ts';
import { expect, ident, kw, kwi, match, optionValue, rep_sc, tk, WORDISH } from './combinators.ts';
import type { P } from './combinators.ts';
import { searchExpr } from './search.ts';

export const comma = opt_sc(tk('comma'));
export const commas = rep_sc(tk('comma'));

/** A keyword word, compared case-insensitively (`texts` in lower case). */
export const keyword = (...texts: string[]): P<Tok> => kwi(['word'], ...texts);

/** A field name: a quoted string, or a word that is not one of `keywords` (lower case). */
export function fieldUnless(...keywords: string[]): P<Tok> {
  const reserved = new Set(keywords);
  return match((t) => t.kind === 'string' || (t.kind === 'word' && !reserved.has(t.text.toLowerCase())));
}

/** A whole number written as a word (`top 5`). */
export const countTok: P<Tok> = match((t) => t.kind === 'word' && /^\d+$/.test(t.text));
export const countArg = (t: Tok): CountArg => ({ value: Number(t.text), span: tokenSpan(t) });

/** `key=value` whose key is not one of `keys` (lower case): those have a grammar of their own. */
export function optionUnless(...keys: string[]): P<CommandOption> {
  const reserved = new Set(keys);
  return apply(
    seq(
      // The key is only taken when `=` follows, so a failed option never reports past its key.
      match(
        (t) =>
          (WORDISH.includes(t.kind) || t.kind === 'string') &&
          !reserved.has(t.text.toLowerCase()) &&
          t.next?.kind === 'op' &&
          t.next.text === '=',
      ),
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
}

export const anyOption: P<CommandOption> = optionUnless();

/** An option or an item, tagged. */
export type Mixed<T> =
  { readonly tag: 'option'; readonly option: CommandOption } | { readonly tag: 'item'; readonly item: T };

/** `key=value` or `p` (options are tried first, so `type=outer` is never a field). */
export function orOption<T>(p: P<T>, opt: P<CommandOption> = anyOption): P<Mixed<T>> {
  return alt_sc(
    apply(opt, (option): Mixed<T> => ({ tag: 'option', option })),
    apply(p, (item): Mixed<T> => ({ tag: 'item', item })),
  );
}

/** Options and items, in any order, with commas between them ignored. */
export function mixedList<T>(p: P<T>, opt: P<CommandOption> = anyOption): P<Mixed<T>[]> {
  return apply(seq(rep_sc(kright(commas, orOption(p, opt))), commas), ([xs]) => xs);
}

export function optionsOf<T>(xs: readonly Mixed<T>[]): CommandOption[] {
  const out: CommandOption[] = [];
  for (const x of xs) if (x.tag === 'option') out.push(x.option);
  return out;
}

export function itemsOf<T>(xs: readonly Mixed<T>[]): T[] {
  const out: T[] = [];
  for (const x of xs) if (x.tag === 'item') out.push(x.item);
  return out;
}

/** `BY f1, f2 …` with options such as `span=1h` among the fields; `{prev}` names the `BY` as written. */
export function byList(fieldP: P<Tok>, ...keywords: string[]): P<Mixed<Tok>[]> {
  return kright(
    keyword(...(keywords.length > 0 ? keywords : ['by'])),
    apply(seq(expect(orOption(fieldP), 'a field name after {prev}'), mixedList(fieldP)), ([first, rest]) => [
      first,
      ...rest,
    ]),
  );
}

/** A `[ … ]` subsearch token with its parsed pipeline. */
export const subsearch: P<Subsearch> = apply(tk('subsearch'), (t): Subsearch => {
  const pipeline = subsearchOf(t);
  if (pipeline === undefined) throw new Error('bug: a subsearch token without its pipeline');
  return { kind: 'subsearch', pipeline, span: tokenSpan(t) };
});

/** Records `value` under `key` when it is defined, for optional AST properties. */
export function some<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  const out: Partial<Record<K, V>> = {};
  if (value !== undefined) out[key] = value;
  return out;
}

export const identOf = (t: Tok): Ident => ident(t);

/**
 * Resolves `\"` and `\\` keeping every offset: the freed column becomes a space outside the inner
 * string (`\"a\"` → ` "a" `), so the content lexes at the positions it has in the query.
 */
function unescapeInPlace(body: string): string {
  let out = '';
  let inside = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    const next = body[i + 1];
    if (c === '\\' && next === '"') {
      out += inside ? '" ' : ' "';
      inside = !inside;
      i++;
    } else if (c === '\\' && next === '\\') {
      out += ' \\';
      i++;
    } else out += c;
  }
  return out;
}

/**
 * A double-quoted option value whose content follows another grammar (`reset_after="(x>1)"`,
 * `startswith="user=admin"`): the content is lexed in `mode` at its own offsets and parsed whole
 * by `p`. Fails with "expected `what`" at the string when it does not parse.
 */
/** `body`, found at offset `start` of the search, parsed whole by `p` in lexer mode `mode`. */
function parseText<T>(mode: LexMode, p: P<T>, body: string, start: number): { value: T } | undefined {
  const text = ' '.repeat(start) + body;
  const lexed = lex(text, start, text.length, mode, {
    lines: new LineIndex(text),
    subsearch: (inner) => ({ kind: 'pipeline', commands: [], span: inner }),
  });
  if (lexed.errors.length > 0) return undefined;
  const out = seq(p, tk('eof')).parse(lexed.first);
  const done = out.successful ? out.candidates.find((c) => c.nextToken === undefined) : undefined;
  return done === undefined ? undefined : { value: done.result[0] };
}

/**
 * A search string held by a string value (`searchmatch("status=404 error")`), found at offset `start`;
 * undefined when it is not a search expression.
 */
export function parseSearchString(body: string, start: number): SearchExpr | undefined {
  return parseText('search', searchExpr, body, start)?.value;
}

export function quotedAs<T>(mode: LexMode, p: P<T>, what: string): P<{ value: T; token: Tok }> {
  return {
    parse(token) {
      const fail = (): ReturnType<P<{ value: T; token: Tok }>['parse']> => ({
        successful: false,
        error: {
          kind: 'Error',
          pos: token === undefined ? undefined : { ...token.pos, index: token.pos.index + 0.5 },
          message: `expected ${what}`,
        },
      });
      if (token?.kind !== 'string') return fail();
      const parsed = parseText(mode, p, unescapeInPlace(token.text.slice(1, -1)), token.pos.index + 1);
      if (parsed === undefined) return fail();
      const value = parsed.value;
      return {
        successful: true,
        candidates: [{ firstToken: token, nextToken: token.next, result: { value, token } }],
        error: undefined,
      };
    },
  };
}

/**
 * A search written between parentheses in a command's arguments (`transaction startswith=(a=1 OR b=2)`):
 * the tokens up to the matching `)`, read again in `mode` at their places, parsed with `p`. The result's
 * `open`/`close` are the parentheses.
 */
export function parenthesizedAs<T>(
  mode: LexMode,
  p: P<T>,
  what: string,
): P<{ value: T; open: Tok; close: Tok }> {
  return {
    parse(token) {
      const fail = (): ReturnType<P<{ value: T; open: Tok; close: Tok }>['parse']> => ({
        successful: false,
        error: {
          kind: 'Error',
          pos: token === undefined ? undefined : { ...token.pos, index: token.pos.index + 0.5 },
          message: `expected ${what}`,
        },
      });
      if (token?.kind !== 'lparen') return fail();
      // The matching `)`: the text between is the search, with every token at its own offset.
      let depth = 0;
      let close: Tok | undefined;
      let text = '';
      for (let t: Tok | undefined = token; t !== undefined; t = t.next) {
        if (t.kind === 'lparen') depth++;
        else if (t.kind === 'rparen') depth--;
        if (depth === 0) {
          close = t;
          break;
        }
        if (t === token) continue;
        text = text.padEnd(t.pos.index, ' ') + t.text;
      }
      if (close === undefined) return fail();
      const start = token.pos.index + 1;
      text = text.padEnd(start, ' ');
      const lexed = lex(text, start, text.length, mode, {
        lines: new LineIndex(text),
        subsearch: (inner) => ({ kind: 'pipeline', commands: [], span: inner }),
      });
      if (lexed.errors.length > 0) return fail();
      const out = seq(p, tk('eof')).parse(lexed.first);
      const done = out.successful ? out.candidates.find((c) => c.nextToken === undefined) : undefined;
      if (done === undefined) return fail();
      return {
        successful: true,
        candidates: [
          { firstToken: token, nextToken: close.next, result: { value: done.result[0], open: token, close } },
        ],
        error: undefined,
      };
    },
  };
}

/** One unquoted word of a command's arguments read again in `mode` and parsed with `p` (`startswith=login`). */
export function bareAs<T>(mode: LexMode, p: P<T>, what: string): P<{ value: T; token: Tok }> {
  return {
    parse(token) {
      if (token === undefined || !['word', 'ident', 'number', 'field'].includes(token.kind))
        return {
          successful: false,
          error: {
            kind: 'Error',
            pos: token === undefined ? undefined : { ...token.pos, index: token.pos.index + 0.5 },
            message: `expected ${what}`,
          },
        };
      const text = ' '.repeat(token.pos.index) + token.text;
      const lexed = lex(text, token.pos.index, text.length, mode, {
        lines: new LineIndex(text),
        subsearch: (inner) => ({ kind: 'pipeline', commands: [], span: inner }),
      });
      const out = lexed.errors.length > 0 ? undefined : seq(p, tk('eof')).parse(lexed.first);
      const done = out?.successful ? out.candidates.find((c) => c.nextToken === undefined) : undefined;
      if (done === undefined)
        return {
          successful: false,
          error: {
            kind: 'Error',
            pos: { ...token.pos, index: token.pos.index + 0.5 },
            message: `expected ${what}`,
          },
        };
      return {
        successful: true,
        candidates: [{ firstToken: token, nextToken: token.next, result: { value: done.result[0], token } }],
        error: undefined,
      };
    },
  };
}
