// Grammars of commands with subsearches or lookup tables, and of the reshaping ones: join, append*, foreach, transaction, inputlookup, outputlookup, xyseries, untable, tail, return, format.

import { alt_sc, apply, kright, opt_sc, seq } from 'typescript-parsec';
import type {
  AppendCommand,
  AppendcolsCommand,
  AppendpipeCommand,
  CommandOption,
  ForeachCommand,
  FormatCommand,
  Ident,
  InputlookupCommand,
  JoinCommand,
  JoinCondition,
  OutputlookupCommand,
  ReturnCommand,
  ReturnItem,
  Subsearch,
  TailCommand,
  TransactionBound,
  TransactionCommand,
  UntableCommand,
  XyseriesCommand,
} from '../ast.ts';
import { joinSpans } from '../diagnostics.ts';
import type { Span } from '../diagnostics.ts';
import { tokenSpan } from '../lexer/index.ts';
import type { Tok } from '../lexer/index.ts';
import {
  anyOption,
  commas,
  countArg,
  countTok,
  fieldUnless,
  itemsOf,
  keyword,
  mixedList,
  optionsOf,
  optionUnless,
  bareAs,
  parenthesizedAs,
  quotedAs,
  some,
  subsearch,
} from './clauses.ts';
import type { Mixed } from './clauses.ts';
import type { Body } from './commands.ts';
import { expect, fieldPattern, ident, kw, nameTok, optionValue, rep_sc, tk, whole } from './combinators.ts';
import type { P } from './combinators.ts';
import { evalExpr } from './eval.ts';
import { searchExpr, toOp } from './search.ts';

const FIELD = 'a field name after {prev}';
const SUBSEARCH = 'a subsearch `[ … ]` after {prev}';

/** `join [options] [<fields>] [subsearch]`. */
/** The span of one element of a mixed list. */
const mixedSpan = (x: Mixed<Tok>): Span => (x.tag === 'item' ? tokenSpan(x.item) : x.option.span);

/**
 * `join [options] <fields> [subsearch]`, and the Search Reference's alias form `join left=L right=R where
 * L.a=R.b …`, whose `where` clause (kept as its span) runs to the subsearch.
 */
/** A comparison operator between two names in join's `where` clause. */
const comparisonTok: P<Tok> = kw(['op'], '==', '!=', '<', '<=', '>', '>=');

export const joinBody: P<Body<JoinCommand>> = whole(
  apply(
    seq(mixedList(alt_sc(nameTok, comparisonTok)), opt_sc(subsearch)),
    ([all, sub]): Body<JoinCommand> =>
      (name, span) => {
        const at = all.findIndex(
          (x) => x.tag === 'item' && x.item.kind === 'word' && x.item.text.toLowerCase() === 'where',
        );
        // `where` alone (the last name) is a field of that name.
        const xs = at < 0 || at === all.length - 1 ? all : all.slice(0, at);
        const first = xs === all ? undefined : all[at];
        const last = all[all.length - 1];
        // The conditions: `a.x=b.y` reads as an option, `a.x<b.y` as a name, an operator and a name; `AND`
        // between them as a name.
        const clause = xs === all ? [] : all.slice(at + 1);
        const conditions: JoinCondition[] = [];
        let notCondition: Span | undefined;
        // A comparison operator outside a `where` clause is none of join's fields.
        for (const x of xs) if (x.tag === 'item' && x.item.kind === 'op') notCondition ??= tokenSpan(x.item);
        for (let i = 0; i < clause.length; i++) {
          const x = clause[i];
          if (x === undefined) break;
          if (x.tag === 'item' && x.item.kind === 'word' && x.item.text.toUpperCase() === 'AND') continue;
          if (x.tag === 'option' && !x.option.value.quoted) {
            const v = x.option.value;
            const b: Ident = { kind: 'ident', name: v.text, quoted: false, span: v.span };
            conditions.push({ a: x.option.key, b, op: '=', span: x.option.span });
            continue;
          }
          const op = clause[i + 1];
          const rhs = clause[i + 2];
          if (
            x.tag === 'item' &&
            x.item.kind === 'word' &&
            op?.tag === 'item' &&
            op.item.kind === 'op' &&
            rhs?.tag === 'item' &&
            rhs.item.kind === 'word'
          ) {
            const a = ident(x.item);
            const b = ident(rhs.item);
            conditions.push({ a, b, op: toOp(op.item.text), span: joinSpans(a.span, b.span) });
            i += 2;
            continue;
          }
          notCondition ??= mixedSpan(x);
        }
        return {
          kind: 'join',
          name,
          span,
          options: optionsOf(xs),
          fields: itemsOf(xs)
            .filter((t) => t.kind !== 'op')
            .map(fieldPattern),
          ...(first && last ? { where: joinSpans(mixedSpan(first), mixedSpan(last)), conditions } : {}),
          ...some('notCondition', notCondition),
          ...some('subsearch', sub),
        };
      },
  ),
);

/** `[options] [ … ]`: append, appendcols and appendpipe. */
const optionsThenSubsearch: P<{ options: CommandOption[]; subsearch: Subsearch }> = apply(
  seq(rep_sc(anyOption), expect(subsearch, SUBSEARCH)),
  ([options, sub]) => ({ options, subsearch: sub }),
);

export const appendBody: P<Body<AppendCommand>> = whole(
  apply(optionsThenSubsearch, (x): Body<AppendCommand> => (name, span) => ({
    kind: 'append',
    name,
    span,
    ...x,
  })),
);

export const appendcolsBody: P<Body<AppendcolsCommand>> = whole(
  apply(optionsThenSubsearch, (x): Body<AppendcolsCommand> => (name, span) => ({
    kind: 'appendcols',
    name,
    span,
    ...x,
  })),
);

export const appendpipeBody: P<Body<AppendpipeCommand>> = whole(
  apply(optionsThenSubsearch, (x): Body<AppendpipeCommand> => (name, span) => ({
    kind: 'appendpipe',
    name,
    span,
    ...x,
  })),
);

/** `foreach <wc-fields> [options] [ <sub-pipeline> ]`. */
export const foreachBody: P<Body<ForeachCommand>> = whole(
  apply(
    seq(
      rep_sc(anyOption),
      expect(nameTok, 'a field name or pattern after {prev}'),
      mixedList(nameTok),
      expect(subsearch, SUBSEARCH),
    ),
    ([leading, first, rest, sub]): Body<ForeachCommand> =>
      (name, span) => ({
        kind: 'foreach',
        name,
        span,
        fields: [first, ...itemsOf(rest)].map(fieldPattern),
        options: [...leading, ...optionsOf(rest)],
        subsearch: sub,
      }),
  ),
);

/** `startswith=`/`endswith=`: `eval(<expr>)` or a quoted search. */
const bound: P<TransactionBound> = apply(
  seq(
    keyword('startswith', 'endswith'),
    kw(['op'], '='),
    expect(
      alt_sc(
        apply(
          seq(
            keyword('eval'),
            tk('lparen'),
            expect(evalExpr, 'an expression after `eval(`'),
            expect(tk('rparen'), '`)`'),
          ),
          ([e, , expr, r]) => ({ kind: 'eval' as const, expr, span: joinSpans(tokenSpan(e), tokenSpan(r)) }),
        ),
        apply(quotedAs('search', searchExpr, 'a search'), (v) => ({
          kind: 'search' as const,
          expr: v.value,
          span: tokenSpan(v.token),
        })),
        // `(<search>)`, quoted or not inside the parentheses.
        apply(seq(tk('lparen'), quotedAs('search', searchExpr, 'a search'), tk('rparen')), ([l, v, r]) => ({
          kind: 'search' as const,
          expr: v.value,
          span: joinSpans(tokenSpan(l), tokenSpan(r)),
        })),
        apply(parenthesizedAs('search', searchExpr, 'a search'), (v) => ({
          kind: 'search' as const,
          expr: v.value,
          span: joinSpans(tokenSpan(v.open), tokenSpan(v.close)),
        })),
        // One unquoted term: `startswith=login`.
        apply(bareAs('search', searchExpr, 'a search'), (v) => ({
          kind: 'search' as const,
          expr: v.value,
          span: tokenSpan(v.token),
        })),
      ),
      'a search (quoted, in parentheses, or one term) or `eval(…)` after {prev}',
    ),
  ),
  ([k, , v]): TransactionBound => {
    const span = joinSpans(tokenSpan(k), v.span);
    return v.kind === 'eval'
      ? { kind: 'transaction-eval', key: ident(k), expr: v.expr, span }
      : { kind: 'transaction-search', key: ident(k), expr: v.expr, span };
  },
);

type TransactionItem =
  | { readonly tag: 'bound'; readonly bound: TransactionBound }
  | { readonly tag: 'field'; readonly field: ReturnType<typeof fieldPattern> };

export const transactionBody: P<Body<TransactionCommand>> = whole(
  apply(
    mixedList(
      alt_sc(
        apply(bound, (b): TransactionItem => ({ tag: 'bound', bound: b })),
        apply(nameTok, (t): TransactionItem => ({ tag: 'field', field: fieldPattern(t) })),
      ),
      optionUnless('startswith', 'endswith'),
    ),
    (xs): Body<TransactionCommand> => {
      const items = itemsOf(xs);
      const fields = items.flatMap((i) => (i.tag === 'field' ? [i.field] : []));
      const bounds = items.flatMap((i) => (i.tag === 'bound' ? [i.bound] : []));
      const startswith = bounds.find((b) => b.key.name.toLowerCase() === 'startswith');
      const endswith = bounds.find((b) => b.key.name.toLowerCase() === 'endswith');
      return (name, span) => ({
        kind: 'transaction',
        name,
        span,
        fields,
        options: optionsOf(xs),
        ...some('startswith', startswith),
        ...some('endswith', endswith),
      });
    },
  ),
);

const tableName = fieldUnless('where');

/** `inputlookup [options] <table> [WHERE <search>]` (lexed in search mode). */
export const inputlookupBody: P<Body<InputlookupCommand>> = whole(
  apply(
    seq(
      rep_sc(anyOption),
      expect(tableName, 'a lookup table name after {prev}'),
      rep_sc(anyOption),
      opt_sc(kright(keyword('where'), expect(searchExpr, 'a search expression after {prev}'))),
    ),
    ([options, table, after, where]): Body<InputlookupCommand> =>
      (name, span) => ({
        kind: 'inputlookup',
        name,
        span,
        options: [...options, ...after],
        table: ident(table),
        ...some('where', where),
      }),
  ),
);

export const outputlookupBody: P<Body<OutputlookupCommand>> = whole(
  apply(
    seq(rep_sc(anyOption), expect(nameTok, 'a lookup table name after {prev}'), rep_sc(anyOption)),
    ([before, table, after]): Body<OutputlookupCommand> =>
      (name, span) => ({
        kind: 'outputlookup',
        name,
        span,
        options: [...before, ...after],
        table: ident(table),
      }),
  ),
);

/** `xyseries [options] <x> <y> <value>…`. */
export const xyseriesBody: P<Body<XyseriesCommand>> = whole(
  apply(
    seq(
      rep_sc(anyOption),
      expect(nameTok, 'the x-axis field after {prev}'),
      kright(commas, expect(nameTok, 'the series field after {prev}')),
      kright(commas, expect(nameTok, 'a value field after {prev}')),
      mixedList(nameTok),
    ),
    ([leading, x, y, first, rest]): Body<XyseriesCommand> =>
      (name, span) => ({
        kind: 'xyseries',
        name,
        span,
        options: [...leading, ...optionsOf(rest)],
        x: ident(x),
        y: ident(y),
        values: [first, ...itemsOf(rest)].map(ident),
      }),
  ),
);

/** `untable <x> <name> <value>`. */
export const untableBody: P<Body<UntableCommand>> = whole(
  apply(
    seq(
      expect(nameTok, 'the x-axis field after {prev}'),
      kright(commas, expect(nameTok, 'the name field after {prev}')),
      kright(commas, expect(nameTok, 'the value field after {prev}')),
      commas,
    ),
    ([x, n, v]): Body<UntableCommand> =>
      (name, span) => ({
        kind: 'untable',
        name,
        span,
        x: ident(x),
        nameField: ident(n),
        valueField: ident(v),
      }),
  ),
);

export const tailBody: P<Body<TailCommand>> = whole(
  apply(opt_sc(countTok), (n): Body<TailCommand> => (name, span) => ({
    kind: 'tail',
    name,
    span,
    ...some('count', n === undefined ? undefined : countArg(n)),
  })),
);

/** `$f` (the bare value), `alias=f` or `f`. */
const returnItem: P<ReturnItem> = alt_sc(
  apply(seq(nameTok, kw(['op'], '='), expect(nameTok, FIELD)), ([a, , f]): ReturnItem => ({
    kind: 'return-item',
    alias: ident(a),
    field: ident(f),
    valueOnly: false,
    span: joinSpans(tokenSpan(a), tokenSpan(f)),
  })),
  apply(nameTok, (t): ReturnItem => {
    const id = ident(t);
    if (t.kind !== 'word' || !t.text.startsWith('$') || t.text.length < 2)
      return { kind: 'return-item', field: id, valueOnly: false, span: id.span };
    const field: Ident = {
      ...id,
      name: t.text.slice(1),
      span: { start: id.span.start + 1, end: id.span.end },
    };
    return { kind: 'return-item', field, valueOnly: true, span: id.span };
  }),
);

export const returnBody: P<Body<ReturnCommand>> = whole(
  apply(
    seq(
      opt_sc(countTok),
      expect(returnItem, 'a field to return after {prev}'),
      rep_sc(kright(commas, returnItem)),
      commas,
    ),
    ([n, first, rest]): Body<ReturnCommand> =>
      (name, span) => ({
        kind: 'return',
        name,
        span,
        ...some('count', n === undefined ? undefined : countArg(n)),
        items: [first, ...rest],
      }),
  ),
);

const str = tk('string');
const FORMAT_PARTS = [
  'the column prefix',
  'the column separator',
  'the column end',
  'the row separator',
  'the row end',
];
const part = (i: number): P<Tok> => expect(str, `${FORMAT_PARTS[i] ?? 'a'} string after {prev}`);

/** `format [options] ["rowprefix" "colprefix" "colsep" "colend" "rowsep" "rowend"] [options]`. */
export const formatBody: P<Body<FormatCommand>> = whole(
  apply(
    seq(rep_sc(anyOption), opt_sc(seq(str, part(0), part(1), part(2), part(3), part(4))), rep_sc(anyOption)),
    ([before, strings, after]): Body<FormatCommand> =>
      (name, span) => ({
        kind: 'format',
        name,
        span,
        options: [...before, ...after],
        strings: (strings ?? []).map(optionValue),
      }),
  ),
);
