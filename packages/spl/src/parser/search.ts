// The search-language grammar: terms, comparisons, IN, time modifiers, NOT, OR and the implied AND.

import { alt_sc, apply, kmid, kright, opt_sc, rule, seq, unableToConsumeToken } from 'typescript-parsec';
import type {
  SearchCompareOp,
  SearchExpr,
  SearchSubsearch,
  SearchTerm,
  SearchValue,
  SearchCompare,
  SearchTimeModifier,
} from '../ast.ts';
import { joinSpans } from '../diagnostics.ts';
import { subsearchOf, tokenSpan } from '../lexer/index.ts';
import type { Tok, TokenKind } from '../lexer/index.ts';
import { expect, ident, kw, kwi, match, rep_sc, tk, tokenText } from './combinators.ts';
import type { P } from './combinators.ts';

const OPERATORS = new Set(['AND', 'OR', 'NOT']);

/**
 * A search value. Unquoted, `\\` is one backslash as in Splunk's search language (ESCU writes registry paths
 * as `*HKLM\\SOFTWARE\\…*`); quoted strings resolve their escapes in `tokenText`.
 */
const unescapeTerm = (text: string): string => text.replace(/\\\\/g, '\\');

const searchValue = (t: Tok): SearchValue => {
  const { text, quoted } = tokenText(t);
  return {
    kind: 'search-value',
    text: quoted ? text : unescapeTerm(text),
    quoted,
    span: tokenSpan(t),
  };
};

const valueTok = match((t) => t.kind === 'word' || t.kind === 'string');

/** `TERM(x)` / `CASE(x)`: the value, the function and the whole span. */
const wrapped: P<{ fn: 'TERM' | 'CASE'; value: SearchValue; span: { start: number; end: number } }> = apply(
  seq(tk('fn'), expect(valueTok, 'a value after {prev}'), expect(tk('rparen'), '`)`')),
  ([f, v, r]) => ({
    fn: f.text.startsWith('TERM') ? 'TERM' : 'CASE',
    value: searchValue(v),
    span: joinSpans(tokenSpan(f), tokenSpan(r)),
  }),
);

const compareOp = kw(['op'], '=', '==', '!=', '<', '<=', '>', '>=');

/** A comparison operator's text as its kind (`==` is `=`). */
export const toOp = (text: string): SearchCompareOp => {
  switch (text) {
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return text;
    default:
      return '=';
  }
};

/**
 * A bare value word, with parentheses written inside it: `*GetCurrent()*` is one value. A `(` that
 * touches the word, the words touching it and its `)` are glued on, so `(a=b)` still closes a group.
 */
function gluedWord(): P<SearchValue> {
  const touches = (a: Tok, b: Tok | undefined): b is Tok =>
    b !== undefined && b.pos.index === a.pos.index + a.text.length;
  return {
    parse(token) {
      if (token?.kind !== 'word') return { successful: false, error: unableToConsumeToken(token) };
      let last: Tok = token;
      let text = token.text;
      for (;;) {
        const open = last.next;
        if (!touches(last, open) || open.kind !== 'lparen') break;
        let at: Tok = open;
        let inner = open.text;
        while (touches(at, at.next) && at.next.kind === 'word') {
          at = at.next;
          inner += at.text;
        }
        const close = at.next;
        if (!touches(at, close) || close.kind !== 'rparen') break;
        text += inner + close.text;
        last = close;
        const after = close.next;
        if (touches(close, after) && after.kind === 'word') {
          text += after.text;
          last = after;
        }
      }
      const value: SearchValue = {
        kind: 'search-value',
        text: unescapeTerm(text),
        quoted: false,
        span: { start: token.pos.index, end: last.pos.index + last.text.length },
      };
      return {
        successful: true,
        candidates: [{ firstToken: token, nextToken: last.next, result: value }],
        error: undefined,
      };
    },
  };
}

const compareValue: P<{ value: SearchValue; caseSensitive: boolean }> = alt_sc(
  apply(wrapped, (w) => ({ value: w.value, caseSensitive: w.fn === 'CASE' })),
  apply(tk('string'), (t) => ({ value: searchValue(t), caseSensitive: false })),
  apply(gluedWord(), (value) => ({ value, caseSensitive: false })),
);

const subsearch: P<SearchSubsearch> = apply(tk('subsearch'), (t): SearchSubsearch => {
  const pipeline = subsearchOf(t);
  if (pipeline === undefined) throw new Error('bug: a subsearch token without its pipeline');
  return { kind: 'search-subsearch', pipeline, span: tokenSpan(t) };
});

/** Operands of one chain; a single operand is returned as it is. */
function chain(kind: 'search-and' | 'search-or', first: SearchExpr, rest: readonly SearchExpr[]): SearchExpr {
  const last = rest[rest.length - 1];
  if (last === undefined) return first;
  return { kind, operands: [first, ...rest], span: joinSpans(first.span, last.span) };
}

/**
 * The search grammar, with `reserved` words (lower case) that end the expression instead of being
 * terms or field names: `tstats … WHERE a=1 BY host` stops at `BY`.
 */
function searchGrammar(reserved: ReadonlySet<string>): P<SearchExpr> {
  /** A word that is not one of the upper-case operators nor a reserved word. */
  const plainWord = match(
    (t) => t.kind === 'word' && !OPERATORS.has(t.text) && !reserved.has(t.text.toLowerCase()),
  );

  const term: P<SearchTerm> = alt_sc(
    apply(wrapped, (w): SearchTerm => ({
      kind: 'search-term',
      value: w.value,
      term: w.fn === 'TERM',
      caseSensitive: w.fn === 'CASE',
      span: w.span,
    })),
    apply(alt_sc(plainWord, tk('string')), (t): SearchTerm => ({
      kind: 'search-term',
      value: searchValue(t),
      term: false,
      caseSensitive: false,
      span: tokenSpan(t),
    })),
  );

  const fieldTok = alt_sc(plainWord, tk('string'));
  const compare: P<SearchCompare | SearchTimeModifier> = apply(
    seq(fieldTok, compareOp, expect(compareValue, 'a value after {prev}')),
    ([f, op, v]): SearchCompare | SearchTimeModifier => {
      const span = joinSpans(tokenSpan(f), v.value.span);
      if (f.kind === 'word' && op.text === '=' && (f.text === 'earliest' || f.text === 'latest')) {
        return { kind: 'search-time', which: f.text, value: v.value, span };
      }
      return {
        kind: 'search-compare',
        field: ident(f),
        op: toOp(op.text),
        value: v.value,
        caseSensitive: v.caseSensitive,
        span,
      };
    },
  );

  const inList: P<SearchExpr> = apply(
    seq(
      fieldTok,
      kwi(['word'], 'in'),
      tk('lparen'),
      rep_sc(kmid(opt_sc(tk('comma')), valueTok, opt_sc(tk('comma')))),
      expect(tk('rparen'), 'a value or `)` in the `IN` list'),
    ),
    ([f, , , vs, r]): SearchExpr => ({
      kind: 'search-in',
      field: ident(f),
      values: vs.map(searchValue),
      span: joinSpans(tokenSpan(f), tokenSpan(r)),
    }),
  );

  const searchExpr = rule<TokenKind, SearchExpr>();
  const orChain = rule<TokenKind, SearchExpr>();
  const notExpr = rule<TokenKind, SearchExpr>();

  const group: P<SearchExpr> = apply(
    seq(tk('lparen'), expect(searchExpr, 'a search expression after `(`'), expect(tk('rparen'), '`)`')),
    ([l, inner, r]): SearchExpr => ({
      kind: 'search-group',
      inner,
      span: joinSpans(tokenSpan(l), tokenSpan(r)),
    }),
  );

  const atom: P<SearchExpr> = alt_sc(group, subsearch, inList, compare, term);

  notExpr.setPattern(
    alt_sc(
      apply(
        seq(kw(['word'], 'NOT'), expect(notExpr, 'a search term after `NOT`')),
        ([n, operand]): SearchExpr => ({
          kind: 'search-not',
          operand,
          span: joinSpans(tokenSpan(n), operand.span),
        }),
      ),
      atom,
    ),
  );

  orChain.setPattern(
    apply(
      seq(notExpr, rep_sc(kright(kw(['word'], 'OR'), expect(notExpr, 'a search term after `OR`')))),
      ([first, rest]) => chain('search-or', first, rest),
    ),
  );

  searchExpr.setPattern(
    apply(
      seq(
        orChain,
        rep_sc(alt_sc(kright(kw(['word'], 'AND'), expect(orChain, 'a search term after `AND`')), orChain)),
      ),
      ([first, rest]) => chain('search-and', first, rest),
    ),
  );
  return searchExpr;
}

/** The whole search expression: the implied (or explicit) AND of OR chains. */
export const searchExpr: P<SearchExpr> = searchGrammar(new Set());

/** A search expression that ends before a top-level `BY`/`GROUPBY` (the WHERE of tstats, mstats). */
export const searchBeforeBy: P<SearchExpr> = searchGrammar(new Set(['by', 'groupby']));
