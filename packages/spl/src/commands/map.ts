// `map`: runs a search once per result (the first `maxsearches`), with the result's values in place of its
// `$field$` tokens, and returns the searches' results one after the other.

import { positive } from '../analyse/options.ts';
import { analyse } from '../analyse/index.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { parse } from '../parser/index.ts';
import { mapBody } from '../parser/commands-misc.ts';
import { concatAll } from '../plan/append.ts';
import { optionText } from '../plan/helpers.ts';
import type { State } from '../plan/index.ts';
import { plan } from '../plan/index.ts';
import { Scope } from '../plan/scope.ts';
import type { CommandModule, LowerContext } from './types.ts';

/** Splunk's default `maxsearches`. */
const defaultMaxsearches = 10;
/** Nexus's bound on `maxsearches`: each search is a part of the one SQL statement. */
const maxMaxsearches = 100;

/** A `$field$` token, as a whole text. */
const TOKEN = /^\$([^$\s]+)\$$/;
/** A `$field$` token anywhere in a text. */
const ANY_TOKEN = /\$[^$\s]+\$/;

/** Hidden column: a driving result's position. */
const position = '_map_pos';
/** The substituted text of a value, in the driving result's row. */
const mapText = '__map_text';

/** Calls whose arguments may be computed (not read as literals by the printer): where a token may stand. */
const COMPUTED_ARGS: ReadonlySet<string> = new Set([
  'concat',
  'eq',
  'ne',
  'if',
  'case',
  'coalesce',
  'tostring',
]);

/**
 * The template search's relation with each `$field$` token read from the driving result at `index` instead,
 * as Splunk's text substitution would give it:
 * - a field comparison or search term whose value holds tokens (`host=$host$`, `msg="user $u$ failed"`)
 *   matches the substituted value, case-insensitively, as the substituted search would;
 * - a text value of `eval`/`where` holding tokens (`eval x="$host$"`) is the substituted text.
 * Tokens elsewhere (a regular expression, a format, an option) are reported.
 */
function substitute(rel: Rel, driving: State, index: number, at: Span, errors: Diagnostic[]): Rel {
  const row: Rel = {
    kind: 'filter',
    input: driving.rel,
    predicate: call('eq', [col(position, 'number'), lit(index)], 'bool'),
  };
  /** The text with each token replaced by the driving result's value. */
  const substituted = (text: string): Expr => {
    const parts = text.split(/(\$[^$\s]+\$)/).filter((p) => p !== '');
    const value = (field: string): Expr => call('tostring', [driving.scope.resolve(field)], 'string');
    // A token alone keeps a missing value missing (nothing matches it); within text it is empty.
    const whole = parts.length === 1 ? TOKEN.exec(parts[0] ?? '')?.[1] : undefined;
    if (whole !== undefined) return value(whole);
    const pieces = parts.map((p): Expr => {
      const field = TOKEN.exec(p)?.[1];
      return field === undefined ? lit(p) : call('coalesce', [value(field), lit('')], 'string');
    });
    return pieces.reduce((acc, p) => call('concat', [acc, p], 'string'));
  };
  const rowOf = (text: string): Rel => ({
    kind: 'project',
    input: row,
    columns: [{ name: mapText, expr: substituted(text) }],
    keepRaw: false,
  });
  const tokenText = (e: Expr | undefined): string | undefined =>
    e?.kind === 'literal' && typeof e.value === 'string' && ANY_TOKEN.test(e.value) ? e.value : undefined;
  const isLiteralToken = (x: unknown): x is Expr =>
    typeof x === 'object' &&
    x !== null &&
    'kind' in x &&
    x.kind === 'literal' &&
    tokenText(x as Expr) !== undefined;
  /** A literal with tokens where a computed value may stand: the substituted text, read once per search. */
  const computed = (e: Expr): Expr => {
    const text = tokenText(e);
    return text === undefined ? e : { kind: 'scalar', rel: rowOf(text), column: mapText, type: 'string' };
  };
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (x === null || typeof x !== 'object') return x;
    if ('kind' in x && x.kind === 'call' && 'fn' in x && 'args' in x && Array.isArray(x.args)) {
      const args = x.args as Expr[];
      const text = tokenText(args[1]);
      const [target] = args;
      if (text !== undefined && target && (x.fn === 'search_eq' || x.fn === 'search_term')) {
        return {
          kind: 'in-rel',
          exprs: [target],
          rel: rowOf(text),
          columns: [mapText],
          limit: 1,
          ...(x.fn === 'search_term' ? { terms: [true] } : {}),
          type: 'bool',
        } satisfies Expr;
      }
      if (typeof x.fn === 'string' && COMPUTED_ARGS.has(x.fn)) {
        return { ...x, args: args.map((a) => (isLiteralToken(a) ? computed(a) : walk(a))) };
      }
    }
    // `eval x="…$f$…"`: the computed value itself.
    if ('kind' in x && x.kind === 'compute' && 'expr' in x && isLiteralToken(x.expr)) {
      const { expr, ...rest } = x;
      return {
        ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, walk(v)])),
        expr: computed(expr),
      };
    }
    if (isLiteralToken(x)) {
      errors.push(
        diagnostic(
          'unsupported',
          `\`map\` substitutes \`$field$\` in search values and eval text, not in \`${String((x as { value: unknown }).value)}\``,
          at,
        ),
      );
      return x;
    }
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, walk(v)]));
  };
  return walk(rel) as Rel;
}

/** `outputlookup` in a `map` template: Splunk writes once per result, with that result's values. */
const noWrites = (span: Span): Diagnostic =>
  diagnostic('unsupported', '`outputlookup` in a `map` search is not supported', span);

/** `erex` in a `map` template: Splunk learns once per search, each with that result's values. */
const noErex = (span: Span): Diagnostic =>
  diagnostic('unsupported', '`erex` in a `map` search is not supported', span, [
    'learn the expression with `erex` in a search of its own, and write the `rex` it gives in the template',
  ]);

/**
 * A subsearch returning a `search` or `query` field in a `map` template: Splunk inserts its text once per
 * result, each with that result's values.
 */
const noText = (span: Span): Diagnostic =>
  diagnostic(
    'unsupported',
    'a subsearch returning a `search` or `query` field in a `map` search is not supported',
    span,
    ['return the fields themselves (`fields f`, `return f`) from the subsearch'],
  );

/** The template search (quoted or `[ … ]`) planned over the search's time range; undefined on errors. */
function template(
  c: Parameters<NonNullable<CommandModule<'map'>['lower']>>[0],
  ctx: LowerContext,
): State | undefined {
  if (c.subsearch) {
    const before = ctx.writes?.length ?? 0;
    const learning = ctx.trainings?.length ?? 0;
    const inserting = ctx.texts?.length ?? 0;
    const st = ctx.planPipeline(c.subsearch.pipeline);
    // Splunk writes once per result, each with its values: not the one template's rows.
    const writes = ctx.writes?.splice(before) ?? [];
    for (const w of writes) ctx.errors.push(noWrites(w.output.span));
    const trainings = ctx.trainings?.splice(learning) ?? [];
    for (const t of trainings) ctx.errors.push(noErex(t.span));
    const texts = ctx.texts?.splice(inserting) ?? [];
    for (const t of texts) ctx.errors.push(noText(t.span));
    return writes.length > 0 || trainings.length > 0 || texts.length > 0 ? undefined : st;
  }
  if (!c.search) {
    ctx.errors.push(
      diagnostic(
        'unsupported',
        'Nexus has no saved searches: `map` needs `search="…"` or a subsearch',
        c.savedsearch?.span ?? c.name.span,
        ['paste the saved search: `map search="search … $field$ …"`'],
      ),
    );
    return undefined;
  }
  const at = c.search.value.span;
  const text = c.search.value.text;
  const parsed = parse(text);
  const inner: Diagnostic[] = [...parsed.errors];
  let state: State | undefined;
  if (parsed.ast) {
    const { options, range } = ctx;
    const analysis = analyse(parsed.ast, {
      ...range,
      nowMs: options.nowMs,
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    });
    inner.push(...analysis.diagnostics);
    if (analysis.diagnostics.length === 0) {
      // Nothing is learned for the template (its offsets are the quoted text's, not the search's).
      const planned = plan(parsed.ast, text, {
        ...options,
        ranges: analysis.ranges,
        commandRanges: analysis.commandRanges,
        learned: [],
      });
      inner.push(...planned.errors);
      for (const t of planned.plan?.trainings ?? []) inner.push(noErex(t.span));
      for (const t of planned.plan?.texts ?? []) inner.push(noText(t.span));
      for (const w of [planned.plan?.output, ...(planned.plan?.writes ?? []).map((x) => x.output)]) {
        if (w) inner.push(noWrites(w.span));
      }
      if (planned.plan && inner.length === 0) {
        state = {
          rel: planned.plan.rel,
          scope: planned.plan.events
            ? Scope.rawEvents().project(planned.plan.columns, true)
            : Scope.closed(planned.plan.columns),
        };
      }
    }
  }
  // The template's own problems, at the search text (its offsets are the quoted text's).
  for (const d of inner)
    ctx.errors.push(diagnostic(d.code, `in \`map\`'s search: ${d.message}`, at, d.hints));
  return inner.length > 0 ? undefined : state;
}

export const map: CommandModule<'map'> = {
  name: 'map',
  kind: 'map',
  status: 'partly',
  grammar: { mode: 'args', body: mapBody },
  options: { placement: 'anywhere', options: { maxsearches: positive } },
  doc: {
    summary:
      "Runs a search once per result (the first `maxsearches`, 10 by default), with the result's values in place of `$field$`.",
    syntax: 'map search="<search>" | [ <search> ] [maxsearches=<int>]',
    example:
      'index=main | stats count BY host | map maxsearches=5 search="search index=main host=$host$ | head 1"',
    differences: [
      '`$field$` may stand in the value of a field comparison or a search term (`host=$host$`, `msg="user $user$"`), matched as the substituted search would, and in eval text (`eval k="$host$"`); not in a regular expression, a format or an option. A value with `*` is matched as text, not as a wildcard.',
      'Saved searches are not supported; `maxsearches` is at most 100 (each search is part of one SQL statement).',
    ],
  },
  lower(c, s, ctx) {
    const max = Number(optionText(c.options, 'maxsearches') ?? defaultMaxsearches);
    if (max > maxMaxsearches) {
      const o = c.options.find((x) => x.key.name.toLowerCase() === 'maxsearches');
      ctx.errors.push(
        diagnostic(
          'limit',
          `\`map maxsearches=\` is at most ${String(maxMaxsearches)} on Nexus`,
          o?.span ?? c.name.span,
          ['narrow the driving results first, for example with `head` or `dedup`'],
        ),
      );
      return s;
    }
    const sub = template(c, ctx);
    if (!sub) return s;
    // The driving results numbered 1, 2, … in their order.
    const driving: State = {
      rel: {
        kind: 'window',
        input: s.rel,
        partition: [],
        aggregates: [{ name: position, fn: 'count', type: 'number' }],
        running: { size: 0, current: true },
      },
      scope: s.scope.with(position, 'number'),
    };
    const at = c.search?.span ?? c.subsearch?.span ?? c.name.span;
    const before = ctx.errors.length;
    const searches = Array.from({ length: max }, (_, i) => ({
      rel: substitute(sub.rel, driving, i + 1, at, i === 0 ? ctx.errors : []),
      scope: sub.scope,
    }));
    if (ctx.errors.length > before) return s;
    return concatAll(searches);
  },
};
