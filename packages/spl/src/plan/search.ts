// Lowers search-language expressions to two-valued IR predicates, and collects earliest=/latest=.

import type { FormatCommand, SearchExpr, SearchValue } from '../ast.ts';
import { assertNever } from '../ast.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr } from '../ir/types.ts';
import type { PlannedSubsearch, SubsearchPlanner } from '../commands/types.ts';
import { call, lit } from '../ir/types.ts';
import { formatFilterShape, formatSpec } from './format.ts';
import type { Scope } from './scope.ts';
import { expandKnowledgeTerm } from '../knowledge/apply.ts';
import type { KnowledgeObjects } from '../knowledge/types.ts';

export interface SearchContext {
  readonly scope: Scope;
  readonly diagnostics: Diagnostic[];
  /** Plans a subsearch pipeline (with its own time range); absent where subsearches cannot appear. */
  readonly subsearch?: SubsearchPlanner;
  /** The tenant's knowledge objects: `eventtype=` and `tag=` terms expand into the searches they stand for. */
  readonly knowledge?: KnowledgeObjects;
}

/** Splunk's cap on a subsearch's results. */
const subsearchRows = 10_000;

/** `earliest=`/`latest=` found at the top level of a search (they set the range, they do not filter). */
export interface TimeModifiers {
  earliest?: SearchValue;
  latest?: SearchValue;
}

/**
 * Removes top-level `earliest=`/`latest=` from a search expression, returning them and what remains.
 * Under OR or NOT they cannot be a range, so they are reported.
 */
export function extractTimeModifiers(
  expr: SearchExpr | undefined,
  diagnostics: Diagnostic[],
): { rest: SearchExpr | undefined; time: TimeModifiers } {
  const time: TimeModifiers = {};
  if (!expr) return { rest: undefined, time };
  const take = (e: SearchExpr): SearchExpr | undefined => {
    if (e.kind === 'search-time') {
      if (time[e.which]) {
        diagnostics.push(diagnostic('semantic', `\`${e.which}\` is given more than once`, e.span));
      }
      time[e.which] = e.value;
      return undefined;
    }
    if (e.kind === 'search-and') {
      const operands = e.operands.map(take).filter((x): x is SearchExpr => x !== undefined);
      if (operands.length === 0) return undefined;
      if (operands.length === 1) return operands[0];
      return { ...e, operands };
    }
    if (e.kind === 'search-group') {
      const inner = take(e.inner);
      return inner === undefined ? undefined : { ...e, inner };
    }
    rejectNested(e, diagnostics);
    return e;
  };
  return { rest: take(expr), time };
}

function rejectNested(e: SearchExpr, diagnostics: Diagnostic[]): void {
  switch (e.kind) {
    case 'search-time':
      diagnostics.push(
        diagnostic(
          'semantic',
          `\`${e.which}\` sets the time range and cannot be combined with OR or NOT`,
          e.span,
          ['move it to the top level of the search'],
        ),
      );
      return;
    case 'search-and':
    case 'search-or':
      e.operands.forEach((o) => rejectNested(o, diagnostics));
      return;
    case 'search-not':
      rejectNested(e.operand, diagnostics);
      return;
    case 'search-group':
      rejectNested(e.inner, diagnostics);
      return;
    case 'search-term':
    case 'search-compare':
    case 'search-in':
    case 'search-subsearch':
      return;
    default:
      assertNever(e, 'search expression');
  }
}

const compareFns = { '<': 'search_lt', '<=': 'search_le', '>': 'search_gt', '>=': 'search_ge' } as const;

function valueEquals(target: Expr, value: SearchValue, caseSensitive: boolean, at: Span): Expr {
  if (value.text === '*' && !value.quoted) return call('search_exists', [target], 'bool', at);
  return call('search_eq', [target, lit(value.text, value.span), lit(caseSensitive)], 'bool', at);
}

/** Lowers a search expression (without time modifiers) to a predicate that is never null. */
export function lowerSearch(e: SearchExpr, ctx: SearchContext): Expr {
  switch (e.kind) {
    case 'search-term': {
      // `*` alone matches every result, events or not (`search *`, ESCU's no-op `…_filter` macros).
      if (e.value.text.length > 0 && /^\*+$/.test(e.value.text) && !e.value.quoted) return lit(true, e.span);
      if (!ctx.scope.has('_raw') && !ctx.scope.raw) {
        ctx.diagnostics.push(
          diagnostic(
            'unsupported',
            'bare search terms need raw events; this point of the pipeline has no `_raw`',
            e.span,
            ['use `field=value`, or `where` with `match()` on a field'],
          ),
        );
        return lit(true);
      }
      return call(
        'search_term',
        [ctx.scope.resolve('_raw'), lit(e.value.text, e.value.span), lit(e.caseSensitive), lit(e.term)],
        'bool',
        e.span,
      );
    }
    case 'search-compare': {
      const expanded = ctx.knowledge ? expandKnowledgeTerm(e, ctx.knowledge, ctx.diagnostics) : undefined;
      if (expanded) return lowerSearch(expanded, { ...ctx, knowledge: undefined });
      const target = ctx.scope.resolve(e.field.name, e.field.span);
      switch (e.op) {
        case '=':
          return valueEquals(target, e.value, e.caseSensitive, e.span);
        case '!=':
          // `f!=v` needs the field to exist; `NOT f=v` (below) also keeps events without it.
          return call(
            'search_and',
            [
              call('search_exists', [target], 'bool', e.span),
              call('search_not', [valueEquals(target, e.value, e.caseSensitive, e.span)], 'bool', e.span),
            ],
            'bool',
            e.span,
          );
        default:
          return call(compareFns[e.op], [target, lit(e.value.text, e.value.span)], 'bool', e.span);
      }
    }
    case 'search-in': {
      const target = ctx.scope.resolve(e.field.name, e.field.span);
      const tests = e.values.map((v) => valueEquals(target, v, false, v.span));
      return tests.length === 1 ? (tests[0] ?? lit(false)) : call('search_or', tests, 'bool', e.span);
    }
    case 'search-and':
      return call(
        'search_and',
        e.operands.map((o) => lowerSearch(o, ctx)),
        'bool',
        e.span,
      );
    case 'search-or':
      return call(
        'search_or',
        e.operands.map((o) => lowerSearch(o, ctx)),
        'bool',
        e.span,
      );
    case 'search-not':
      return call('search_not', [lowerSearch(e.operand, ctx)], 'bool', e.span);
    case 'search-group':
      return lowerSearch(e.inner, ctx);
    case 'search-time':
      // Only reachable when nested under OR/NOT, which extractTimeModifiers already reported.
      return lit(true);
    case 'search-subsearch': {
      // A final `format` sets how the rows combine; the rows are the subsearch before it.
      const last = e.pipeline.commands[e.pipeline.commands.length - 1];
      const format = last?.kind === 'format' && e.pipeline.commands.length > 1 ? last : undefined;
      const sub = ctx.subsearch?.(e.pipeline, format !== undefined);
      if (!sub) {
        if (!ctx.subsearch)
          ctx.diagnostics.push(diagnostic('unsupported', 'a subsearch is not supported here yet', e.span));
        return lit(true);
      }
      // Like Splunk's implicit `format`, internal fields (`_time`, `_raw` …) are not part of the filter.
      const names = sub.columns.map((c) => c.name).filter((n) => !n.startsWith('_'));
      if (sub.raw || names.length === 0) {
        ctx.diagnostics.push(
          diagnostic('unsupported', 'a subsearch filter must end with the fields it returns', e.span, [
            'end it with `fields f`, `table f`, `stats … by f` or `return f`',
          ]),
        );
        return lit(true);
      }
      if (names.includes('search') || names.includes('query'))
        return insertedText(e, sub, names, format, ctx);
      const shaped = format ? formatFilterShape(format, ctx.diagnostics) : undefined;
      if (format && !shaped) return lit(true);
      // `return $f`: the values are search terms in `_raw`, as Splunk inserts them bare.
      const terms = names.map((n) => n.startsWith('$'));
      return {
        kind: 'in-rel',
        exprs: names.map((n, i) => ctx.scope.resolve(terms[i] ? '_raw' : n, e.span)),
        ...(terms.includes(true) ? { terms } : {}),
        rel: sub.rel,
        columns: names,
        limit: shaped && shaped.maxResults > 0 ? Math.min(shaped.maxResults, subsearchRows) : subsearchRows,
        ...(shaped ? { shape: shaped.shape } : {}),
        type: 'bool',
        span: e.span,
      };
    }
    default:
      return assertNever(e, 'search expression');
  }
}

/**
 * A subsearch returning a `search` or `query` field: Splunk inserts its rows into the search as text (see
 * `subsearchSearchText`), known once it has run. Recorded for the service (which runs it, inserts the text in
 * its place and compiles again); until then it reads nothing.
 */
function insertedText(
  e: Extract<SearchExpr, { kind: 'search-subsearch' }>,
  sub: PlannedSubsearch,
  names: readonly string[],
  format: FormatCommand | undefined,
  ctx: SearchContext,
): Expr {
  if (!sub.texts || sub.text === undefined) {
    ctx.diagnostics.push(
      diagnostic(
        'unsupported',
        'a subsearch returning a `search` or `query` field is not supported here: Splunk inserts its values into the search as text',
        e.span,
      ),
    );
    return lit(false);
  }
  const last = e.pipeline.commands[e.pipeline.commands.length - 1];
  if (last?.kind === 'return') {
    // Splunk's `return` prints its own text (`search="v"`): the field name is not `format`'s special case.
    ctx.diagnostics.push(
      diagnostic(
        'unsupported',
        '`return` of a field named `search` or `query` is not supported yet: Splunk writes it as `search="…"`',
        last.span,
        ['rename the field, or end the subsearch with `fields search` to insert its values as search text'],
      ),
    );
    return lit(false);
  }
  if (sub.learning) {
    ctx.diagnostics.push(
      diagnostic(
        'unsupported',
        'a subsearch returning a `search` or `query` field cannot use `erex`: Nexus runs the subsearch before it learns',
        e.span,
        ['write the `rex` that `erex` learns in a search of its own'],
      ),
    );
    return lit(false);
  }
  const spec = formatSpec(format);
  const limit = spec.maxResults > 0 ? Math.min(spec.maxResults, subsearchRows) : subsearchRows;
  sub.texts.push({
    span: e.span,
    source: sub.text.slice(e.span.start, e.span.end),
    rel: { kind: 'take', input: sub.rel, limit },
    columns: names,
    format: spec,
  });
  return lit(false, e.span);
}
