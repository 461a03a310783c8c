// Grammars of the simplest typed commands (search, where, eval, head, table, fields, rename, makeresults) and of
// the generic fallback for every other command. Which command uses which grammar is its module's registration
// (`commands/`).

import { alt_sc, apply, kmid, kright, opt_sc, rule, seq, unableToConsumeToken } from 'typescript-parsec';
import type {
  FieldPattern,
  Command,
  CommandOption,
  EvalAssignment,
  EvalCommand,
  FieldsCommand,
  GenericArg,
  GenericCommand,
  HeadCommand,
  Ident,
  MakeresultsCommand,
  RenameCommand,
  RenamePair,
  SearchCommand,
  TableCommand,
  WhereCommand,
} from '../ast.ts';
import { joinSpans } from '../diagnostics.ts';
import type { Span } from '../diagnostics.ts';
import { subsearchOf, tokenSpan } from '../lexer/index.ts';
import type { LexMode, Tok, TokenKind } from '../lexer/index.ts';
import {
  expect,
  fieldPattern,
  ident,
  kw,
  kwi,
  list_sc,
  match,
  nameTok,
  option,
  optionValue,
  rep_sc,
  tk,
  tokenText,
  whole,
  WORDISH,
} from './combinators.ts';
import type { P } from './combinators.ts';
import { evalExpr } from './eval.ts';
import { searchExpr } from './search.ts';

/** A command's arguments, waiting for its name and span. */
export type Body<C extends Command = Command> = (name: Ident, span: Span) => C;

const comma = opt_sc(tk('comma'));

export const searchBody: P<Body<SearchCommand>> = whole(
  apply(opt_sc(searchExpr), (expr): Body<SearchCommand> => (name, span) => {
    const base = { kind: 'search' as const, name, span, implicit: name.span.start === name.span.end };
    return expr === undefined ? base : { ...base, expr };
  }),
);

export const whereBody: P<Body<WhereCommand>> = whole(
  apply(expect(evalExpr, 'an expression after `where`'), (expr): Body<WhereCommand> => (name, span) => ({
    kind: 'where',
    name,
    span,
    expr,
  })),
);

/** A token that continues an unquoted assignment name when nothing separates it from the name before it. */
const continuesName = (t: Tok): boolean =>
  t.kind === 'ident' ||
  t.kind === 'number' ||
  t.kind === 'keyword' ||
  (t.kind === 'op' && t.text === '-') ||
  (t.kind === 'word' && t.text === ':');

/**
 * The field an eval assignment sets. The Search Reference's eval syntax takes `<field>` as a `<string>` up to
 * the `=`, so an unquoted name may hold `-` and `:` (`eval a-b=1`, `eval c:d=1`): the eval lexer splits
 * such a name into several tokens, joined here while no space separates them. A quoted name is one token.
 * https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/eval
 */
const assignTarget: P<Ident> = {
  parse(token) {
    if (token === undefined || !['ident', 'field', 'string'].includes(token.kind))
      return { successful: false, error: unableToConsumeToken(token) };
    let end: Tok = token;
    if (token.kind === 'ident') {
      for (
        let next = end.next;
        next !== undefined && next.pos.index === tokenSpan(end).end && continuesName(next);
        next = next.next
      )
        end = next;
    }
    if (end === token) {
      return {
        successful: true,
        candidates: [{ firstToken: token, nextToken: token.next, result: ident(token) }],
        error: undefined,
      };
    }
    let name = '';
    for (let t: Tok | undefined = token; t !== undefined && t !== end.next; t = t.next) name += t.text;
    const span = { start: token.pos.index, end: tokenSpan(end).end };
    return {
      successful: true,
      candidates: [
        {
          firstToken: token,
          nextToken: end.next,
          result: { kind: 'ident', name, quoted: false, span },
        },
      ],
      error: undefined,
    };
  },
};

const assignment: P<EvalAssignment> = apply(
  seq(
    expect(assignTarget, 'a field name to assign'),
    expect(kw(['op'], '='), '`=` after the field name'),
    expect(evalExpr, 'an expression after `=`'),
  ),
  ([target, , expr]): EvalAssignment => ({
    kind: 'eval-assignment',
    target,
    expr,
    span: joinSpans(target.span, expr.span),
  }),
);

export const evalBody: P<Body<EvalCommand>> = whole(
  apply(list_sc(assignment, tk('comma')), (assignments): Body<EvalCommand> => (name, span) => ({
    kind: 'eval',
    name,
    span,
    assignments,
  })),
);

/** `head` options in eval mode: `limit=5`, `keeplast=true`, `null=false`. */
/** `limit=`, `null=` or `keeplast=`: any other `name=value` is an eval comparison (`head x=5`). */
const headOption: P<CommandOption> = apply(
  seq(
    match((t) => t.kind === 'ident' && /^(limit|null|keeplast)$/i.test(t.text)),
    kw(['op'], '='),
    match((t) => t.kind === 'number' || t.kind === 'ident' || t.kind === 'string' || t.kind === 'field'),
  ),
  ([k, , v]): CommandOption => ({
    kind: 'option',
    key: ident(k),
    value: optionValue(v),
    span: joinSpans(tokenSpan(k), tokenSpan(v)),
  }),
);

/**
 * `head [<N> | <eval-expression>] [limit=<int>] [null=<bool>] [keeplast=<bool>]`, the options before or after
 * the count and the expression. The Search Reference writes the expression in parentheses; Splunk also takes
 * it bare (`head count>10`).
 */
export const headBody: P<Body<HeadCommand>> = whole(
  apply(
    seq(rep_sc(headOption), opt_sc(tk('number')), rep_sc(headOption), opt_sc(evalExpr), rep_sc(headOption)),
    ([o1, n, o2, expr, o3]): Body<HeadCommand> => {
      const options = [...o1, ...o2, ...o3];
      const limit = options.find((o) => o.key.name.toLowerCase() === 'limit');
      const count =
        n !== undefined
          ? { value: Number(n.text), span: tokenSpan(n) }
          : limit !== undefined
            ? { value: Number(limit.value.text), span: limit.value.span }
            : undefined;
      return (name, span) => {
        const base = { kind: 'head' as const, name, span, options };
        const counted = count === undefined ? base : { ...base, count };
        return expr === undefined ? counted : { ...counted, expr };
      };
    },
  ),
);

const patterns = apply(rep_sc(kmid(comma, nameTok, comma)), (ts) => ts.map(fieldPattern));

export const tableBody: P<Body<TableCommand>> = whole(
  apply(patterns, (fields): Body<TableCommand> => (name, span) => ({ kind: 'table', name, span, fields })),
);

export const fieldsBody: P<Body<FieldsCommand>> = whole(
  apply(
    seq(opt_sc(match((t) => t.kind === 'word' && (t.text === '+' || t.text === '-'))), patterns),
    ([sign, fields]): Body<FieldsCommand> =>
      (name, span) => ({
        kind: 'fields',
        name,
        span,
        mode: sign?.text === '-' ? 'remove' : 'keep',
        fields,
      }),
  ),
);

/**
 * A field to rename: a name, or a quoted name with a wildcard suffix written against it (`"Web".*`, which
 * ESCU's `drop_dm_object_name("Web")` expands to): Splunk reads the two as one name, `Web.*`.
 */
const renameSource: P<FieldPattern> = apply(
  seq(
    expect(nameTok, 'a field to rename'),
    opt_sc(match((t) => t.kind === 'word' && t.text.startsWith('.'))),
  ),
  ([name, suffix]): FieldPattern => {
    const first = fieldPattern(name);
    if (!suffix || tokenSpan(suffix).start !== first.span.end) return first;
    const span = joinSpans(first.span, tokenSpan(suffix));
    return { kind: 'field-pattern', pattern: first.pattern + suffix.text, quoted: false, span };
  },
);

const renamePair: P<RenamePair> = apply(
  seq(
    renameSource,
    expect(kwi(['word'], 'as'), '`as` after the field name'),
    expect(nameTok, 'a field name after `as`'),
  ),
  ([from, , to]): RenamePair => ({
    kind: 'rename-pair',
    from,
    to: fieldPattern(to),
    span: joinSpans(from.span, tokenSpan(to)),
  }),
);

export const renameBody: P<Body<RenameCommand>> = whole(
  apply(
    seq(renamePair, rep_sc(kright(comma, renamePair)), comma),
    ([first, rest]): Body<RenameCommand> =>
      (name, span) => ({ kind: 'rename', name, span, renames: [first, ...rest] }),
  ),
);

export const makeresultsBody: P<Body<MakeresultsCommand>> = whole(
  apply(rep_sc(option), (options): Body<MakeresultsCommand> => (name, span) => ({
    kind: 'makeresults',
    name,
    span,
    options,
  })),
);

const genericArg = rule<TokenKind, GenericArg>();
genericArg.setPattern(
  alt_sc(
    option,
    apply(tk('subsearch'), (t): GenericArg => {
      const pipeline = subsearchOf(t);
      if (pipeline === undefined) throw new Error('bug: a subsearch token without its pipeline');
      return { kind: 'generic-subsearch', pipeline, span: tokenSpan(t) };
    }),
    apply(
      seq(
        tk('lparen'),
        rep_sc(kright(rep_sc(tk('comma')), genericArg)),
        rep_sc(tk('comma')),
        expect(tk('rparen'), '`)`'),
      ),
      ([l, args, , r]): GenericArg => ({
        kind: 'generic-group',
        args,
        span: joinSpans(tokenSpan(l), tokenSpan(r)),
      }),
    ),
    apply(
      match((t) => WORDISH.includes(t.kind) || t.kind === 'string' || t.kind === 'field' || t.kind === 'op'),
      (t): GenericArg => ({ kind: 'generic-word', ...tokenText(t), span: tokenSpan(t) }),
    ),
  ),
);

/** Commas separate list items; the spans of the words keep the layout, so they are not kept as arguments. */
export const genericBody: P<Body<GenericCommand>> = whole(
  apply(
    seq(rep_sc(kright(rep_sc(tk('comma')), genericArg)), rep_sc(tk('comma'))),
    ([args]): Body<GenericCommand> =>
      (name, span) => ({ kind: 'generic', name, span, args }),
  ),
);

/** A command's lexer mode and grammar. */
export interface CommandGrammar<C extends Command = Command> {
  readonly mode: LexMode;
  readonly body: P<Body<C>>;
}

/** The grammar of every command without a typed node: options, words, groups and subsearches. */
export const GENERIC: CommandGrammar = { mode: 'args', body: genericBody };
