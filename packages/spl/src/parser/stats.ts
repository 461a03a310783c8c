// Grammars of `stats` (options, aggregations, BY) and `sort` (limit, keys, trailing `desc`).

import { alt_sc, apply, kright, opt_sc, seq } from 'typescript-parsec';
import type { Aggregation, AggregationArg, Ident, SortKey, StatsCommand, SortCommand } from '../ast.ts';
import { joinSpans } from '../diagnostics.ts';
import type { Span } from '../diagnostics.ts';
import { tokenSpan } from '../lexer/index.ts';
import type { Tok } from '../lexer/index.ts';
import {
  expect,
  fieldPattern,
  ident,
  kw,
  kwi,
  match,
  nameTok,
  option,
  rep_sc,
  spanOf,
  tk,
  whole,
} from './combinators.ts';
import type { P } from './combinators.ts';
import { evalExpr } from './eval.ts';

type Body<C> = (name: Ident, span: Span) => C;

const comma = opt_sc(tk('comma'));
const commas = rep_sc(tk('comma'));

const aggArg: P<AggregationArg> = alt_sc(
  apply(
    seq(
      kwi(['word'], 'eval'),
      tk('lparen'),
      expect(evalExpr, 'an expression after `eval(`'),
      expect(tk('rparen'), '`)`'),
    ),
    ([e, , expr, r]): AggregationArg => ({
      kind: 'agg-eval',
      expr,
      span: joinSpans(tokenSpan(e), tokenSpan(r)),
    }),
  ),
  apply(nameTok, (t): AggregationArg => {
    const field = fieldPattern(t);
    return { kind: 'agg-field', field, span: field.span };
  }),
);

/**
 * The name after `as`. Splunk splits stats arguments at whitespace, so `as flags(inherited)` names
 * the field `flags(inherited)`: tokens touching the name are part of it.
 */
const alias: P<Ident> = apply(
  kright(kwi(['word'], 'as'), expect(touchingRun(nameTok), 'a field name after {prev}')),
  (ts): Ident => {
    const first = ident(ts[0] ?? missing());
    const last = ts[ts.length - 1] ?? missing();
    if (ts.length === 1) return first;
    return {
      ...first,
      name: ts.map((t) => t.text).join(''),
      span: { start: first.span.start, end: tokenSpan(last).end },
    };
  },
);

function missing(): never {
  throw new Error('bug: an empty token run');
}

/** `p`, then every word or parenthesis that touches the previous token (no whitespace between). */
function touchingRun(p: P<Tok>): P<Tok[]> {
  return {
    parse(token) {
      const out = p.parse(token);
      if (!out.successful) return out;
      return {
        successful: true,
        error: out.error,
        candidates: out.candidates.map((c) => {
          const run = [c.result];
          let next = c.nextToken;
          let end = tokenSpan(c.result).end;
          while (
            next !== undefined &&
            next.pos.index === end &&
            ['word', 'lparen', 'rparen'].includes(next.kind)
          ) {
            run.push(next);
            end = tokenSpan(next).end;
            next = next.next;
          }
          return { firstToken: c.firstToken, nextToken: next, result: run };
        }),
      };
    },
  };
}

/**
 * `avg(x) AS y`, `count(eval(x>1))`, or a bare `count` / `c`. Function names exclude `by`, `as` and
 * the command's other `keywords` (lower case), such as `from` and `where` for `tstats`.
 */
export function aggregationUnless(keywords: readonly string[] = []): P<Aggregation> {
  // sparkline's inner aggregation: built on first use (the grammar is recursive).
  let inner: P<Aggregation> | undefined;
  const innerAggregation: P<Aggregation> = {
    parse: (t) => (inner ??= aggregationUnless(keywords)).parse(t),
  };
  const reserved = new Set(['by', 'as', ...keywords]);
  /** A function or field word that is not a keyword. */
  // A word followed by `=` is an option (`streamstats count window=5`), not a function.
  const fnWord = match(
    (t) =>
      t.kind === 'word' &&
      !reserved.has(t.text.toLowerCase()) &&
      !(t.next?.kind === 'op' && t.next.text === '='),
  );
  return apply(
    seq(
      alt_sc(
        // `eval(avg(x) / max(y)) AS r`: an expression over aggregations.
        apply(
          seq(kwi(['word'], 'eval'), tk('lparen'), evalExpr, expect(tk('rparen'), '`)`')),
          ([f, , expr, r]) => ({
            fn: f,
            arg: { kind: 'agg-eval' as const, expr, span: joinSpans(tokenSpan(f), tokenSpan(r)) },
            end: tokenSpan(r),
          }),
        ),
        apply(
          seq(
            fnWord,
            expect(tk('lparen'), '`(` after the function name {prev}'),
            expect(aggArg, 'a field or `eval(…)` after `(`'),
            expect(tk('rparen'), '`)`'),
          ),
          ([f, , arg, r]) => ({ fn: f, arg, end: tokenSpan(r) }),
        ),
        // Search Reference, stats: `sparkline([<agg>[, <span>]])`; written alone it is sparkline(count).
        apply(
          seq(
            kwi(['word'], 'sparkline'),
            tk('lparen'),
            expect(innerAggregation, 'an aggregation such as `count` after `sparkline(`'),
            opt_sc(kright(tk('comma'), expect(tk('word'), 'a time span such as `1h` after `,`'))),
            expect(tk('rparen'), '`)`'),
          ),
          ([f, l, agg, span, r]) => ({
            fn: f,
            arg: {
              kind: 'agg-sparkline' as const,
              inner: agg,
              ...(span ? { timeSpan: { text: span.text, span: tokenSpan(span) } } : {}),
              span: joinSpans(tokenSpan(l), tokenSpan(r)),
            },
            end: tokenSpan(r),
          }),
        ),
        apply(kwi(['word'], 'count', 'c', 'sparkline'), (f) => ({
          fn: f,
          arg: undefined,
          end: tokenSpan(f),
        })),
      ),
      opt_sc(alias),
    ),
    ([{ fn, arg, end }, as]): Aggregation => {
      const span = spanOf(tokenSpan(fn), end, as?.span);
      const base = { kind: 'aggregation' as const, fn: ident(fn), span };
      const withArg = arg === undefined ? base : { ...base, arg };
      return as === undefined ? withArg : { ...withArg, alias: as };
    },
  );
}

const aggregation = aggregationUnless();

const byClause: P<Tok[]> = kright(
  kwi(['word'], 'by'),
  apply(
    seq(expect(nameTok, 'a field name after `by`'), rep_sc(kright(commas, nameTok)), commas),
    ([first, rest]) => [first, ...rest],
  ),
);

/** `stats [options] agg (,|␣) agg … [BY f1, f2]`. */
export const statsBody: P<Body<StatsCommand>> = whole(
  apply(
    seq(
      rep_sc(option),
      expect(aggregation, 'an aggregation such as `count` or `avg(field)`'),
      rep_sc(kright(comma, aggregation)),
      opt_sc(kright(comma, byClause)),
    ),
    ([options, first, rest, by]): Body<StatsCommand> =>
      (name, span) => ({
        kind: 'stats',
        name,
        span,
        options,
        aggregations: [first, ...rest],
        by: (by ?? []).map(ident),
      }),
  ),
);

const COERCE = new Set(['auto', 'str', 'num', 'ip']);
type Coerce = SortKey['coerce'];
const toCoerce = (text: string): Coerce => {
  switch (text.toLowerCase()) {
    case 'auto':
      return 'auto';
    case 'str':
      return 'str';
    case 'num':
      return 'num';
    case 'ip':
      return 'ip';
    default:
      return null;
  }
};

/** Splits a leading `+`/`-` off a written key. */
function signed(t: Tok): { direction: SortKey['direction']; rest: string; offset: number } {
  const c = t.kind === 'word' ? t.text[0] : undefined;
  if (c === '-' || c === '+')
    return { direction: c === '-' ? 'desc' : 'asc', rest: t.text.slice(1), offset: 1 };
  return { direction: 'asc', rest: t.text, offset: 0 };
}

const sign = match((t) => t.kind === 'word' && (t.text === '-' || t.text === '+'));

export const sortKey: P<SortKey> = apply(
  seq(
    opt_sc(sign),
    alt_sc(
      apply(
        seq(
          match((t) => t.kind === 'word' && COERCE.has(signed(t).rest.toLowerCase())),
          tk('lparen'),
          expect(nameTok, 'a field name after `(`'),
          expect(tk('rparen'), '`)`'),
        ),
        ([c, , f, r]) => ({ head: c, field: f, end: tokenSpan(r).end }),
      ),
      apply(nameTok, (f) => ({ head: f, field: f, end: tokenSpan(f).end })),
    ),
  ),
  ([s, { head, field, end }]): SortKey => {
    const written = signed(head);
    const direction = s !== undefined ? (s.text === '-' ? 'desc' : 'asc') : written.direction;
    const coerce = head === field ? null : toCoerce(written.rest);
    const id = ident(field);
    const name =
      head === field && written.offset > 0 && field.kind === 'word'
        ? { ...id, name: written.rest, span: { start: id.span.start + 1, end: id.span.end } }
        : id;
    const start = (s ?? head).pos.index;
    return { kind: 'sort-key', field: name, direction, coerce, span: { start, end } };
  },
);

const count = match((t) => t.kind === 'word' && /^\d+$/.test(t.text));

/** `sort [N | limit=N] [+|-]key[, …] [desc|d]`. */
export const sortBody: P<Body<SortCommand>> = whole(
  apply(
    seq(
      opt_sc(
        alt_sc(
          count,
          kright(seq(kwi(['word'], 'limit'), kw(['op'], '=')), expect(count, 'a number after {prev}')),
        ),
      ),
      expect(sortKey, 'a sort key such as `-count` or `num(size)`'),
      rep_sc(kright(comma, sortKey)),
    ),
    ([limit, first, rest]): Body<SortCommand> => {
      let keys = [first, ...rest];
      const last = keys[keys.length - 1];
      // A trailing `desc`/`d` reverses the whole order (Splunk's sort syntax), rather than naming a field.
      const reverse =
        keys.length > 1 &&
        last !== undefined &&
        last.coerce === null &&
        !last.field.quoted &&
        last.field.span.start === last.span.start &&
        ['desc', 'd'].includes(last.field.name.toLowerCase());
      if (reverse) keys = keys.slice(0, -1);
      return (name, span) => {
        const base = { kind: 'sort' as const, name, span, keys, reverse };
        return limit === undefined
          ? base
          : { ...base, limit: { value: Number(limit.text), span: tokenSpan(limit) } };
      };
    },
  ),
);
