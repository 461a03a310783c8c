// Applies a tenant's knowledge objects at search time: field extractions, aliases and calculated fields on raw
// events, and `eventtype=` / `tag=` search terms expanded into the searches they stand for.

import type { EvalExpr, SearchCompare, SearchExpr, SearchValue } from '../ast.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import type { Expr } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import { parse } from '../parser/index.ts';
import type { State } from '../plan/index.ts';
import { lowerEval, toStr } from '../plan/eval.ts';
import { captureGroups, checkRegex } from '../plan/rex.ts';
import type { KnowledgeObjects, PropsStanza, Transform } from './types.ts';

/** RE2 spells named groups `(?P<name>…)`; PCRE's `(?<name>…)` is rewritten to it. */
const re2 = (pattern: string): string => pattern.replace(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?P<$1>');

/** A search value as the parser would make it, for terms synthesized from configuration. */
function value(text: string, at: Span): SearchValue {
  return { kind: 'search-value', text, quoted: true, span: at };
}

function compareTerm(field: string, text: string, at: Span): SearchCompare {
  return {
    kind: 'search-compare',
    field: { kind: 'ident', name: field, quoted: false, span: at },
    op: '=',
    value: value(text, at),
    caseSensitive: false,
    span: at,
  };
}

/** Whether the props.conf stanza applies to an event: a predicate on sourcetype, source or host. */
function appliesTo(p: PropsStanza, s: State, at: Span): Expr {
  // Splunk's `...` in source/host stanzas matches across path segments; `*` is our search wildcard for both.
  const pattern = p.target.pattern.replace(/\.\.\./g, '*');
  return call('search_eq', [s.scope.resolve(p.target.field, at), lit(pattern, at), lit(false)], 'bool', at);
}

function compute(s: State, name: string, expr: Expr): State {
  return {
    rel: { kind: 'compute', input: s.rel, name, expr },
    scope: s.scope.with(name, expr.type === 'null' ? 'any' : expr.type),
  };
}

/** A regex with named groups, applied where `when` holds; a group that does not match keeps the field. */
function extractFields(
  s: State,
  regex: string,
  input: string,
  when: Expr,
  at: Span,
  problems: string[],
): State {
  const problem = checkRegex(regex, at);
  if (problem) {
    problems.push(problem.message);
    return s;
  }
  let state = s;
  captureGroups(regex).forEach((name, i) => {
    if (name === undefined) return;
    const group = call(
      'rex_group',
      [toStr(state.scope.resolve(input, at)), lit(re2(regex)), lit(i + 1)],
      'string',
      at,
    );
    const before = state.scope.resolve(name, at);
    state = compute(
      state,
      name,
      call('if', [when, call('coalesce', [group, before], 'any', at), before], 'any', at),
    );
  });
  return state;
}

/** `REPORT-` with a transforms.conf `REGEX` and `FORMAT` of `name::$N` pairs (named groups need no FORMAT). */
function report(s: State, t: Transform, when: Expr, at: Span, problems: string[]): State {
  if (!t.regex) {
    problems.push(`transform \`${t.name}\` has no \`REGEX\` (\`DELIMS\` transforms are not supported yet)`);
    return s;
  }
  if (!t.format) return extractFields(s, t.regex, t.sourceKey, when, at, problems);
  const problem = checkRegex(t.regex, at);
  if (problem) {
    problems.push(problem.message);
    return s;
  }
  let state = s;
  for (const pair of t.format.split(/\s+/).filter((w) => w !== '')) {
    const m = /^([A-Za-z_][\w.]*)::\$(\d+)$/.exec(pair);
    if (!m?.[1] || !m[2]) {
      problems.push(`transform \`${t.name}\`: \`FORMAT\` pair \`${pair}\` is not \`<field>::$<n>\``);
      continue;
    }
    const name = m[1];
    const group = call(
      'rex_group',
      [toStr(state.scope.resolve(t.sourceKey, at)), lit(re2(t.regex)), lit(Number(m[2]))],
      'string',
      at,
    );
    const before = state.scope.resolve(name, at);
    state = compute(
      state,
      name,
      call('if', [when, call('coalesce', [group, before], 'any', at), before], 'any', at),
    );
  }
  return state;
}

/** Parses an eval expression from configuration (`EVAL-x = …`); undefined with a message when it does not parse. */
function evalExpression(text: string): EvalExpr | { error: string } {
  const r = parse(`| makeresults | eval __nexus_calculated=${text}`);
  const c = r.ast?.commands[1];
  const first = r.errors[0];
  if (first) return { error: first.message };
  if (c?.kind !== 'eval' || !c.assignments[0]) return { error: 'not an eval expression' };
  return c.assignments[0].expr;
}

/**
 * Adds the search-time fields of `knowledge` to raw events, in Splunk's order: extractions (`EXTRACT-`,
 * `REPORT-`), then field aliases, then calculated fields (`EVAL-`). Each applies only to the events its
 * props.conf stanza names. Problems in the configuration are reported once, at `at` (the search's start).
 */
export function applyKnowledge(
  s: State,
  knowledge: KnowledgeObjects,
  at: Span,
  time: { readonly nowMs: number; readonly timeZone: string },
  errors: Diagnostic[],
): State {
  if (!s.scope.raw || knowledge.props.length === 0) return s;
  const problems: string[] = [];
  let state = s;
  for (const p of knowledge.props) {
    const when = appliesTo(p, state, at);
    for (const x of p.extractions) state = extractFields(state, x.regex, x.field, when, at, problems);
    for (const name of p.reports) {
      const t = knowledge.transforms.find((x) => x.name === name);
      if (t) state = report(state, t, when, at, problems);
      else problems.push(`\`REPORT-\` names transform \`${name}\`, which transforms.conf does not define`);
    }
  }
  for (const p of knowledge.props) {
    const when = appliesTo(p, state, at);
    for (const a of p.aliases) {
      const from = state.scope.resolve(a.from, at);
      const to = state.scope.resolve(a.to, at);
      // AS: the source's value where the event has one; ASNEW: only where the alias has no value yet.
      const use = a.asNew
        ? call('and', [when, call('isnull', [to], 'bool', at)], 'bool', at)
        : call('and', [when, call('isnotnull', [from], 'bool', at)], 'bool', at);
      state = compute(state, a.to, call('if', [use, from, to], 'any', at));
    }
  }
  for (const p of knowledge.props) {
    const when = appliesTo(p, state, at);
    for (const c of p.calculated) {
      const parsed = evalExpression(c.expression);
      if ('error' in parsed) {
        problems.push(`calculated field \`${c.field}\`: ${parsed.error}`);
        continue;
      }
      const local: Diagnostic[] = [];
      const expr = lowerEval(parsed, { scope: state.scope, diagnostics: local, ...time });
      if (local[0]) {
        problems.push(`calculated field \`${c.field}\`: ${local[0].message}`);
        continue;
      }
      const before = state.scope.resolve(c.field, at);
      state = compute(state, c.field, call('if', [when, expr, before], 'any', at));
    }
  }
  for (const message of problems)
    errors.push(
      diagnostic('semantic', `knowledge objects: ${message}`, at, [
        "fix the tenant's props.conf / transforms.conf",
      ]),
    );
  return state;
}

/** Splunk's wildcard match of a name (`*` any run), case-insensitive, as eventtype and tag names compare. */
function nameMatches(pattern: string, name: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
  return re.test(name);
}

/** The search expression of eventtype `name`, parsed; undefined when it does not parse. */
function eventtypeSearch(search: string): SearchExpr | undefined {
  const r = parse(search.trimStart().toLowerCase().startsWith('search ') ? search : `search ${search}`);
  const c = r.ast?.commands[0];
  return r.errors.length === 0 && c?.kind === 'search' ? c.expr : undefined;
}

/**
 * The search an `eventtype=<pattern>` or `tag=<pattern>` term stands for with these knowledge objects, or
 * undefined when the term is an ordinary one. `tag=` also matches an event's own `tag` field.
 * Spans of the expansion are the term's, so a problem inside points at the term.
 */
export function expandKnowledgeTerm(
  e: SearchCompare,
  knowledge: KnowledgeObjects,
  errors: Diagnostic[],
  seen: ReadonlySet<string> = new Set(),
): SearchExpr | undefined {
  const field = e.field.name.toLowerCase();
  if (e.op !== '=' || (field !== 'eventtype' && field !== 'tag')) return undefined;
  const at = e.span;
  const pattern = e.value.text;
  const respan = (x: SearchExpr): SearchExpr => withSpan(x, at);
  const ofEventtype = (name: string, via: ReadonlySet<string>): SearchExpr[] =>
    knowledge.eventtypes
      .filter((t) => nameMatches(name, t.name))
      .flatMap((t) => {
        if (via.has(t.name)) {
          errors.push(diagnostic('semantic', `eventtype \`${t.name}\` refers to itself`, at));
          return [];
        }
        const inner = eventtypeSearch(t.search);
        if (!inner) {
          errors.push(diagnostic('semantic', `eventtype \`${t.name}\` has a search that does not parse`, at));
          return [];
        }
        return [expandTree(respan(inner), knowledge, errors, new Set([...via, t.name]))];
      });
  const alternatives: SearchExpr[] = [];
  if (field === 'eventtype') alternatives.push(...ofEventtype(pattern, seen));
  else {
    alternatives.push(e); // the event's own `tag` field
    for (const t of knowledge.tags) {
      if (!t.tags.some((tag) => nameMatches(pattern, tag))) continue;
      if (t.field.toLowerCase() === 'eventtype') alternatives.push(...ofEventtype(t.value, seen));
      else alternatives.push(compareTerm(t.field, t.value, at));
    }
    for (const t of knowledge.eventtypes)
      if (t.tags.some((tag) => nameMatches(pattern, tag))) alternatives.push(...ofEventtype(t.name, seen));
  }
  // No eventtype of that name: the term compares the event's own field, as an unknown field would.
  if (alternatives.length === 0) return e;
  if (alternatives.length === 1 && alternatives[0]) return alternatives[0];
  return { kind: 'search-or', operands: alternatives, span: at };
}

/** `e` with every `eventtype=`/`tag=` term inside expanded. */
export function expandTree(
  e: SearchExpr,
  knowledge: KnowledgeObjects,
  errors: Diagnostic[],
  seen: ReadonlySet<string> = new Set(),
): SearchExpr {
  switch (e.kind) {
    case 'search-compare':
      return expandKnowledgeTerm(e, knowledge, errors, seen) ?? e;
    case 'search-and':
    case 'search-or':
      return { ...e, operands: e.operands.map((o) => expandTree(o, knowledge, errors, seen)) };
    case 'search-not':
      return { ...e, operand: expandTree(e.operand, knowledge, errors, seen) };
    case 'search-group':
      return { ...e, inner: expandTree(e.inner, knowledge, errors, seen) };
    default:
      return e;
  }
}

/** A copy of `e` whose every span is `at` (for searches that come from configuration, not the query). */
export function withSpan<T>(e: T, at: Span): T {
  if (Array.isArray(e)) return e.map((x: unknown) => withSpan(x, at)) as T;
  if (typeof e !== 'object' || e === null) return e;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) out[k] = k === 'span' ? at : withSpan(v, at);
  return out as T;
}
