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
import { toMv, toNumber } from '../plan/coerce.ts';
import { lowerSearch } from '../plan/search.ts';
import { STORED_FIELD } from '../plan/scope.ts';
import { captureGroups, checkRegex } from '../plan/rex.ts';
import { LOOKUP_MAX_MATCHES, lookupTableName } from '../lookups.ts';
import type { LookupCatalog } from '../lookups.ts';
import { lookupTimeSettings, lookupValues } from '../plan/lookup.ts';
import { kvPairs, kvReader } from '../commands/extract.ts';
import type {
  AutomaticLookup,
  KnowledgeObjects,
  LookupFieldMap,
  LookupTime,
  PropsStanza,
  Transform,
} from './types.ts';

/** What applying knowledge objects needs from the search: its clock, and the tenant's lookup tables. */
export interface KnowledgeEnv {
  readonly nowMs: number;
  readonly timeZone: string;
  /** The tenant (automatic lookups read its tables only). */
  readonly orgId: string;
  readonly lookups?: LookupCatalog;
}

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

/**
 * Field `name` is `expr` from here on. A raw event's field is a virtual field, inlined only where a command reads
 * it: a tenant's props.conf can define hundreds of fields and a search pays only for those it uses (a column per
 * field nested a subquery per field, which made statements too large for ClickHouse). A column the scope
 * already has (`host`, `source`, …) is replaced as a column.
 */
function compute(s: State, name: string, expr: Expr): State {
  if (s.scope.raw && !s.scope.has(name)) return { rel: s.rel, scope: s.scope.withVirtual(name, expr) };
  return {
    rel: { kind: 'compute', input: s.rel, name, expr },
    scope: s.scope.with(name, expr.type === 'null' ? 'any' : expr.type),
  };
}

/** Field `name` set from group `n` of `regex` over field `input` where `when` holds; no match keeps the field. */
function fromGroup(
  s: State,
  name: string,
  input: string,
  regex: string,
  n: number,
  when: Expr,
  at: Span,
): State {
  const group = call('rex_group', [toStr(s.scope.resolve(input, at)), lit(regex), lit(n)], 'string', at);
  const before = s.scope.resolve(name, at);
  return compute(
    s,
    name,
    call('if', [when, call('coalesce', [group, before], 'any', at), before], 'any', at),
  );
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
    if (name !== undefined) state = fromGroup(state, name, input, re2(regex), i + 1, when, at);
  });
  return state;
}

/**
 * The named groups `names` of `regex` over field `input` as fields (a data model's Rex calculation); a group
 * that does not match keeps the field's value.
 */
export function namedGroups(
  s: State,
  regex: string,
  input: string,
  names: readonly string[],
  at: Span,
): State {
  let state = s;
  captureGroups(regex).forEach((name, i) => {
    if (name !== undefined && names.includes(name))
      state = fromGroup(state, name, input, re2(regex), i + 1, lit(true, at), at);
  });
  return state;
}

/** `REPORT-` with a transforms.conf `REGEX` and `FORMAT` of `name::$N` pairs (named groups need no FORMAT). */
function report(s: State, t: Transform, when: Expr, at: Span, problems: string[]): State {
  if (!t.regex && t.delims) return delimited(s, t, when, at, problems);
  if (!t.regex) {
    problems.push(`transform \`${t.name}\` has neither \`REGEX\` nor \`DELIMS\``);
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
    state = fromGroup(state, m[1], t.sourceKey, re2(t.regex), Number(m[2]), when, at);
  }
  return state;
}

/**
 * `REPORT-` with `DELIMS` (Knowledge Manager manual, "Configure delimiter-based field extractions"):
 * - `DELIMS = "<chars>"` and `FIELDS = a, b, …`: the source is cut at each delimiter character and the n-th
 *   piece becomes the n-th field. Each piece is read with a regex (`^(?:[^D]*[D]){n}([^D]*)`).
 * - `DELIMS = "<pair chars>", "<key-value chars>"`: pairs are cut at the first characters, each pair's key and
 *   value at the second; the keys name the fields (as `extract pairdelim= kvdelim=` reads them, keys
 *   cleaned), so a field is read from the source where a command names it. `FIELDS` is not used then.
 */
function delimited(s: State, t: Transform, when: Expr, at: Span, problems: string[]): State {
  const [pairs, kv] = t.delims ?? [];
  if (pairs && kv) {
    const source = toStr(s.scope.resolve(t.sourceKey, at));
    const read = kvReader(source, pairs, kv, true, false);
    const onlyHere = (name: string, span?: Span): Expr | undefined => {
      const value = read(name, span);
      return value && call('if', [when, value, lit(null, at)], 'string', span ?? at);
    };
    // Every pair, for the events shown: none where the stanza does not apply.
    const only = call('if', [when, source, lit(null, at)], 'string', at);
    const fields = call('kv_fields', [only, lit(kvPairs(pairs, kv)), lit(true), lit(false)], 'mv', at);
    return { rel: s.rel, scope: s.scope.withReader(onlyHere, at, fields) };
  }
  if (!t.fields?.length || !pairs) {
    problems.push(
      `transform \`${t.name}\`: \`DELIMS\` needs \`FIELDS\` (or a second, key-value delimiter) to name its fields`,
    );
    return s;
  }
  const cls = [...pairs].map((ch) => ch.replace(/[\\\]^-]/g, '\\$&')).join('');
  let state = s;
  t.fields.forEach((name, i) => {
    const regex = `^(?:[^${cls}]*[${cls}]){${i}}([^${cls}]*)`;
    state = fromGroup(state, name, t.sourceKey, regex, 1, when, at);
  });
  return state;
}

/**
 * A lookup of the tenant's: a transforms.conf lookup definition's `filename` (with its `max_matches`), or a
 * table of that name. The table and its columns, or why it cannot be read.
 */
export function tenantLookup(
  name: string,
  knowledge: KnowledgeObjects,
  env: Pick<KnowledgeEnv, 'orgId' | 'lookups'>,
):
  | {
      table: { orgId: string; name: string };
      columns: readonly string[];
      maxMatches: number;
      time?: LookupTime;
    }
  | string {
  const def = knowledge.transforms.find((t) => t.name === name && t.filename !== undefined);
  const file = def?.filename ?? name;
  const table = lookupTableName(file);
  const columns = table === undefined ? undefined : env.lookups?.get(table);
  if (table === undefined || columns === undefined)
    return `lookup \`${name}\` reads the lookup table \`${file}\`, which the tenant does not have`;
  return {
    table: { orgId: env.orgId, name: table },
    columns,
    // A time-based lookup uses one row unless its definition says otherwise.
    maxMatches: def?.maxMatches ?? (def?.time ? 1 : LOOKUP_MAX_MATCHES),
    ...(def?.time ? { time: def.time } : {}),
  };
}

/**
 * The output fields of a lookup (`keys` matched against the event's fields, `outputs`' columns as fields;
 * every non-key column without `outputs`), each a multivalue expression of the matching rows' values.
 */
export function lookupOutputs(
  s: State,
  name: string,
  keys: readonly LookupFieldMap[],
  outputs: readonly LookupFieldMap[] | undefined,
  knowledge: KnowledgeObjects,
  env: Pick<KnowledgeEnv, 'orgId' | 'lookups'> & { readonly timeZone?: string },
  at: Span,
): { field: string; expr: Expr }[] | string {
  const t = tenantLookup(name, knowledge, env);
  if (typeof t === 'string') return t;
  // A time-based definition matches on the event's `_time`.
  const settings = t.time ? lookupTimeSettings(t.time, env.timeZone ?? 'UTC') : undefined;
  if (typeof settings === 'string') return settings;
  if (settings && t.time && !t.columns.includes(t.time.field))
    return `the lookup table \`${t.table.name}\` has no column \`${t.time.field}\` (its \`time_field\`)`;
  const time = settings ? { ...settings, event: s.scope.resolve('_time') } : undefined;
  const missing = [...keys, ...(outputs ?? [])].find((f) => !t.columns.includes(f.column));
  if (missing) return `the lookup table \`${t.table.name}\` has no column \`${missing.column}\``;
  const wanted =
    outputs ??
    t.columns.filter((c) => !keys.some((k) => k.column === c)).map((c) => ({ column: c, field: c }));
  const values = keys.map((k) => ({ column: k.column, value: s.scope.resolve(k.field, at) }));
  return wanted.map((o) => ({
    field: o.field,
    expr: lookupValues(t.table, values, o.column, t.maxMatches, at, time),
  }));
}

/** `LOOKUP-`: the output fields of an automatic lookup, where `when` holds (OUTPUTNEW: and the field is empty). */
function automaticLookup(
  s: State,
  l: AutomaticLookup,
  when: Expr,
  knowledge: KnowledgeObjects,
  env: KnowledgeEnv,
  at: Span,
  problems: string[],
): State {
  const outputs = lookupOutputs(s, l.lookup, l.keys, l.outputs, knowledge, env, at);
  if (typeof outputs === 'string') {
    problems.push(`automatic lookup \`LOOKUP-${l.name}\`: ${outputs}`);
    return s;
  }
  let state = s;
  for (const o of outputs) {
    const own = state.scope.resolve(o.field, at);
    const use = l.outputNew ? call('and', [when, call('isnull', [own], 'bool', at)], 'bool', at) : when;
    state = compute(state, o.field, call('if', [use, o.expr, toMv(own)], 'mv', at));
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
 * `REPORT-`), then field aliases, then calculated fields (`EVAL-`), then automatic lookups (`LOOKUP-`). Each
 * applies only to the events its props.conf stanza names. Problems in the configuration are reported once, at
 * `at` (the search's start).
 */
export function applyKnowledge(
  s: State,
  knowledge: KnowledgeObjects,
  at: Span,
  env: KnowledgeEnv,
  errors: Diagnostic[],
): State {
  const time = { nowMs: env.nowMs, timeZone: env.timeZone };
  if (!s.scope.raw) return s;
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
      // Both branches of the `if` need one ClickHouse type: the event's own value is read as the expression's.
      const own = state.scope.resolve(c.field, at);
      const typed = expr.type === 'number' || expr.type === 'string';
      const before = expr.type === 'number' ? toNumber(own) : expr.type === 'string' ? toStr(own) : own;
      state = compute(state, c.field, call('if', [when, expr, before], typed ? expr.type : 'any', at));
    }
  }
  for (const p of knowledge.props) {
    const when = appliesTo(p, state, at);
    for (const l of p.lookups ?? []) state = automaticLookup(state, l, when, knowledge, env, at, problems);
  }
  for (const message of problems)
    errors.push(
      diagnostic('semantic', `knowledge objects: ${message}`, at, [
        "fix the tenant's props.conf / transforms.conf",
      ]),
    );
  return withKnowledgeFields(state, knowledge, at);
}

/**
 * The `eventtype`, `tag` and `tag::<field>` fields of raw events (multivalue, as Splunk adds them after
 * extractions, aliases and calculated fields): the eventtypes whose search an event matches; its tags from
 * tags.conf (`[<field>=<value>]` and `[eventtype=<name>]`), from its eventtypes' `tags =`, and its own `tag`
 * field; `tag::<field>` only the tags of that field's value. They are computed only where a command reads them.
 */
function withKnowledgeFields(s: State, knowledge: KnowledgeObjects, at: Span): State {
  if (knowledge.eventtypes.length === 0 && knowledge.tags.length === 0) return s;
  // An eventtype whose search does not lower is left out here; using it as `eventtype=` reports why.
  const predicate = (e: SearchExpr): Expr | undefined => knowledgePredicate(s, knowledge, e, at);
  const eventtypes = new Map<string, Expr>();
  for (const t of knowledge.eventtypes) {
    const inner = eventtypeSearch(t.search);
    const p = inner && predicate(inner);
    if (p) eventtypes.set(t.name, p);
  }
  const ofEventtype = (pattern: string): Expr[] =>
    [...eventtypes].flatMap(([name, p]) => (nameMatches(pattern, name) ? [p] : []));
  const when = (p: Expr, value: string): Expr =>
    toMv(call('if', [p, lit(value, at), lit(null, at)], 'any', at));
  const values = (parts: readonly Expr[]): Expr =>
    call(
      'mvdedup',
      [call('mvappend', parts.length > 0 ? [...parts] : [toMv(lit(null, at))], 'mv', at)],
      'mv',
      at,
    );

  const tagParts: Expr[] = [toMv(s.scope.resolve(`${STORED_FIELD}tag`, at))];
  const byField = new Map<string, Expr[]>();
  for (const t of knowledge.tags) {
    const isEventtype = t.field.toLowerCase() === 'eventtype';
    const preds = isEventtype ? ofEventtype(t.value) : [predicate(compareTerm(t.field, t.value, at))];
    for (const p of preds) {
      if (!p) continue;
      const parts = t.tags.map((tag) => when(p, tag));
      tagParts.push(...parts);
      if (!isEventtype) byField.set(t.field, [...(byField.get(t.field) ?? []), ...parts]);
    }
  }
  for (const t of knowledge.eventtypes) {
    const p = eventtypes.get(t.name);
    if (p) tagParts.push(...t.tags.map((tag) => when(p, tag)));
  }
  let scope = s.scope
    .withVirtual('eventtype', values([...eventtypes].map(([name, p]) => when(p, name))))
    .withVirtual('tag', values(tagParts));
  for (const [f, parts] of byField) scope = scope.withVirtual(`tag::${f}`, values(parts));
  return { rel: s.rel, scope };
}

/**
 * The search `e` (its `eventtype=`/`tag=` terms expanded) as a predicate over the results of `s`; undefined
 * when it does not lower there.
 */
function knowledgePredicate(
  s: State,
  knowledge: KnowledgeObjects,
  e: SearchExpr,
  at: Span,
): Expr | undefined {
  const local: Diagnostic[] = [];
  const p = lowerSearch(expandTree(withSpan(e, at), knowledge, local), {
    scope: s.scope,
    diagnostics: local,
  });
  return local.length === 0 ? p : undefined;
}

/**
 * True for the results of `s` whose `field` has the value of the tags.conf stanza `[<field>=<value>]` (as
 * `field=value` searches; an `eventtype` value is the eventtype's search), for the `tags` command; undefined
 * when the comparison does not lower.
 */
export function hasTaggedValue(
  s: State,
  knowledge: KnowledgeObjects,
  field: string,
  value: string,
  at: Span,
): Expr | undefined {
  return knowledgePredicate(s, knowledge, compareTerm(field, value, at), at);
}

/** Splunk's wildcard match of a name (`*` any run), case-insensitive, as eventtype and tag names compare. */
function nameMatches(pattern: string, name: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/\*+/g, '*')
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
  // `tag::<field>=<tag>`: events whose <field> value carries the tag (tags.conf `[<field>=<value>]`).
  const tagOf = field.startsWith('tag::') ? e.field.name.slice(5) : undefined;
  if (e.op !== '=' || (field !== 'eventtype' && field !== 'tag' && tagOf === undefined)) return undefined;
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
  else if (tagOf !== undefined) {
    for (const t of knowledge.tags)
      if (t.field === tagOf && t.tags.some((tag) => nameMatches(pattern, tag)))
        alternatives.push(compareTerm(t.field, t.value, at));
    if (alternatives.length === 0)
      return { kind: 'search-not', operand: compareTerm(tagOf, '*', at), span: at };
  } else {
    // The event's own `tag` field as stored (not the computed `tag` field, which would compute every tag).
    alternatives.push({ ...e, field: { ...e.field, name: `${STORED_FIELD}tag` } });
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
