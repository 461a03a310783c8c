// Edits of SPL text at AST positions (nexus-api's own parser, bundled): filters, logs volume, context.
//
// The query the user sees stays theirs: an edit inserts or removes one term at the span the parser gives,
// and values are always written as quoted SPL strings, so an edit never changes how the rest parses.

import { parse } from '@nexus/spl/parser';
import type { Command, Pipeline, SearchExpr } from '@nexus/spl';
import { quoteSpl } from './interpolate.ts';

const PLAIN_FIELD = /^[A-Za-z_][\w.]*$/;
const OPERATOR_WORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'earliest', 'latest']);

/** A field name as the search language writes it: bare when plain, else quoted. */
export function splField(name: string): string {
  return PLAIN_FIELD.test(name) && !OPERATOR_WORDS.has(name) ? name : quoteSpl(name);
}

/** `host="web 01"` / `NOT host="web 01"`. */
export function filterTerm(key: string, value: string, negated: boolean): string {
  return `${negated ? 'NOT ' : ''}${splField(key)}=${quoteSpl(value)}`;
}

interface Parsed {
  readonly text: string;
  readonly ast: Pipeline | undefined;
  readonly ok: boolean;
}

function parsed(spl: string): Parsed {
  const r = parse(spl);
  return { text: spl, ast: r.ast, ok: r.errors.length === 0 && r.ast !== undefined };
}

/** The top-level terms of a search expression (the operands of its implied AND). */
function terms(e: SearchExpr | undefined): readonly SearchExpr[] {
  if (e === undefined) return [];
  return e.kind === 'search-and' ? e.operands : [e];
}

/**
 * Where filters go: the base search when the query starts with one, else a final explicit `search`
 * command (one this module added before), else nowhere yet.
 */
function target(ast: Pipeline): Extract<Command, { kind: 'search' }> | undefined {
  const first = ast.commands[0];
  if (first?.kind === 'search') return first;
  const last = ast.commands[ast.commands.length - 1];
  return last?.kind === 'search' && ast.commands.length > 1 ? last : undefined;
}

/** Whether `e` is `key="value"` (positive) or `NOT key="value"` / `key!="value"` (negated). */
function matches(e: SearchExpr, key: string, value: string): 'for' | 'out' | undefined {
  if (e.kind === 'search-compare' && e.field.name === key && e.value.text === value) {
    if (e.op === '=') return 'for';
    if (e.op === '!=') return 'out';
  }
  if (e.kind === 'search-not' && e.operand.kind === 'search-compare') {
    const c = e.operand;
    if (c.op === '=' && c.field.name === key && c.value.text === value) return 'out';
  }
  return undefined;
}

/** Whether the query filters for (or, `negated`, filters out) `key="value"`. */
export function hasFilter(spl: string, key: string, value: string, negated = false): boolean {
  const p = parsed(spl);
  const t = p.ast ? target(p.ast) : undefined;
  const want = negated ? 'out' : 'for';
  return terms(t?.expr).some((e) => matches(e, key, value) === want);
}

/** `text` without `[start, end)` and one run of whitespace next to it. */
function cut(text: string, start: number, end: number): string {
  let s = start;
  let e = end;
  while (e < text.length && /\s/.test(text[e] ?? '')) e++;
  if (e === end) while (s > 0 && /\s/.test(text[s - 1] ?? '')) s--;
  const out = text.slice(0, s) + text.slice(e);
  // A base search left empty before a pipe would turn the next command into the first one.
  return /^\s*(\||$)/.test(out) && /\S/.test(out) ? `* ${out.trimStart()}` : out;
}

/** `text` with `term` added to the filter target (or a new final `| search term`). */
function insert(p: Parsed, term: string): string {
  const { text } = p;
  if (text.trim() === '') return term;
  const t = p.ok && p.ast ? target(p.ast) : undefined;
  if (t === undefined) return `${text.trimEnd()} | search ${term}`;
  const at = t.expr ? t.expr.span.end : t.span.end;
  return `${text.slice(0, at)}${at > 0 && !/\s/.test(text[at - 1] ?? '') ? ' ' : ''}${term}${text.slice(at)}`;
}

/**
 * "Filter for value" / "filter out value" from log details: removes the filter when the query already
 * has it, turns the opposite filter around, and otherwise adds it to the base search (or, for a query
 * without one, as a final `| search`).
 *
 * @example toggleFilter('index=web | stats count', 'host', 'a', false) // 'index=web host="a" | stats count'
 */
export function toggleFilter(spl: string, key: string, value: string, negated: boolean): string {
  const p = parsed(spl);
  const t = p.ok && p.ast ? target(p.ast) : undefined;
  const want = negated ? 'out' : 'for';
  for (const e of terms(t?.expr)) {
    const m = matches(e, key, value);
    if (m === want) return cut(spl, e.span.start, e.span.end);
    if (m !== undefined) {
      return spl.slice(0, e.span.start) + filterTerm(key, value, negated) + spl.slice(e.span.end);
    }
  }
  return insert(p, filterTerm(key, value, negated));
}

/** Adds the filter unless the query already has it (Explore's `ADD_FILTER` / `ADD_FILTER_OUT`). */
export function addFilter(spl: string, key: string, value: string, negated: boolean): string {
  if (hasFilter(spl, key, value, negated)) return spl;
  const p = parsed(spl);
  const t = p.ok && p.ast ? target(p.ast) : undefined;
  // The opposite filter would make the result empty: replace it.
  for (const e of terms(t?.expr)) {
    if (matches(e, key, value) !== undefined)
      return spl.slice(0, e.span.start) + filterTerm(key, value, negated) + spl.slice(e.span.end);
  }
  return insert(p, filterTerm(key, value, negated));
}

/** A bare term or phrase (Explore's `ADD_STRING_FILTER`): `"text"` / `NOT "text"` in the base search. */
export function addStringFilter(spl: string, text: string, negated: boolean): string {
  return insert(parsed(spl), `${negated ? 'NOT ' : ''}${quoteSpl(text)}`);
}

/** The index the base search names (`index=web`), if exactly one plain name. */
export function baseIndex(spl: string): string | undefined {
  const p = parsed(spl);
  const first = p.ast?.commands[0];
  if (first?.kind !== 'search') return undefined;
  const names = terms(first.expr)
    .filter((e) => e.kind === 'search-compare' && e.op === '=' && e.field.name.toLowerCase() === 'index')
    .map((e) => (e.kind === 'search-compare' ? e.value.text : ''));
  return names.length === 1 ? names[0] : undefined;
}

/** Commands after the base search that keep events one for one (besides filtering), so a count still means events. */
const EVENT_COMMANDS = new Set([
  'search',
  'where',
  'eval',
  'rex',
  'regex',
  'spath',
  'rename',
  'fillnull',
  'extract',
  'kv',
]);

/**
 * The logs-volume query of a raw search: the same search (up to its last command) with
 * `| timechart span=$__interval count by <level>` appended, run over the whole range. Only raw searches
 * get one: a query that aggregates, limits (`head`) or reshapes its results has no volume (undefined),
 * since a histogram of its rows would not be one of events.
 *
 * @example logsVolumeSpl('index=web error | where status>=500', 'level')
 *   // 'index=web error | where status>=500 | timechart span=$__interval count by level'
 */
export function logsVolumeSpl(spl: string, levelField: string): string | undefined {
  const p = parsed(spl);
  if (!p.ok || !p.ast) return undefined;
  const [first, ...rest] = p.ast.commands;
  if (first?.kind !== 'search') return undefined;
  if (!rest.every((c) => EVENT_COMMANDS.has(c.name.name.toLowerCase()))) return undefined;
  const base = spl.slice(0, p.ast.span.end).trimEnd();
  const by = splField(levelField);
  return `${base === '' ? '*' : base} | timechart span=$__interval count by ${by}`;
}

export type ContextDirection = 'backward' | 'forward';

export interface ContextRequest {
  /** The row's time, epoch milliseconds. */
  readonly timeMs: number;
  /** The row's fields (log-lines `labels`): `index` and the stream fields are read from here. */
  readonly labels: Readonly<Record<string, string>>;
  /** Fields that identify the row's stream (host, source, sourcetype). */
  readonly streamFields: readonly string[];
  /** The index when the row does not say (the base search's, else the default). */
  readonly index?: string;
  readonly direction: ContextDirection;
  readonly limit: number;
  /** How far to look, milliseconds. */
  readonly windowMs: number;
}

/** The range a context query covers: before the row (exclusive) or from it (inclusive). */
export function contextRange(r: ContextRequest): { fromMs: number; toMs: number } {
  return r.direction === 'backward'
    ? { fromMs: r.timeMs - r.windowMs, toMs: r.timeMs }
    : { fromMs: r.timeMs, toMs: r.timeMs + r.windowMs };
}

const epoch = (ms: number): string => (ms / 1000).toFixed(3);

/**
 * The lines around one log line: the same index and the same stream-field values (a field the row lacks is
 * not constrained), `earliest`/`latest` around the row's time, the `limit` nearest lines. Raw events come
 * newest first, so backward takes the first lines (`head`) and forward the last ones (`tail`, which answers
 * them last first, so `reverse` puts them back). Both sides answer newest first, as Explore's context view
 * shows them: it puts the forward lines above the row as they come and loads newer lines from the first.
 *
 * @example contextSpl({ timeMs: 1700000000000, labels: { index: 'web', host: 'a' }, streamFields: ['host'], … })
 *   // 'index="web" host="a" earliest=1699992800.000 latest=1700000000.000 | head 10'
 */
export function contextSpl(r: ContextRequest): string {
  const index = r.labels['index'] ?? r.index;
  const terms: string[] = [];
  if (index !== undefined && index !== '') terms.push(`index=${quoteSpl(index)}`);
  for (const f of r.streamFields) {
    const v = r.labels[f];
    if (v !== undefined && f !== 'index') terms.push(filterTerm(f, v, false));
  }
  const { fromMs, toMs } = contextRange(r);
  terms.push(`earliest=${epoch(fromMs)}`, `latest=${epoch(toMs)}`);
  const n = Math.max(1, Math.floor(r.limit));
  return `${terms.join(' ')} | ${r.direction === 'backward' ? `head ${n}` : `tail ${n} | reverse`}`;
}
