// Analysis: the checks between parsing and planning — command options and their types, and the time range
// of every (sub)search: the request's range, overridden by `earliest=`/`latest=` in that search only.

import type { Command, CommandOption, Pipeline, SearchExpr, TstatsCommand } from '../ast.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic, nearest } from '../diagnostics.ts';
import { extractTimeModifiers } from '../plan/search.ts';
import { resolveTime } from '../time.ts';
import { optionsOf as specOf } from '../commands/index.ts';
import { checkOptionValue } from './options.ts';

export interface TimeRange {
  readonly earliestMs: number | null;
  readonly latestMs: number | null;
}

export interface AnalyseOptions extends TimeRange {
  /** The search's fixed `now()`, epoch ms. */
  readonly nowMs: number;
  readonly timeZone?: string;
  /**
   * The longest range a search that reads events may cover (the search and each subsearch on its own),
   * and how the limit was written (`31d`), for the message.
   */
  readonly maxRange?: { readonly ms: number; readonly text: string };
}

export interface Analysis {
  /** The range of each pipeline, the top one and every subsearch (by identity). */
  readonly ranges: ReadonlyMap<Pipeline, TimeRange>;
  /**
   * The range of each `tstats append=t` after the first command whose `where` has `earliest=`/`latest=`
   * (by identity): the request's range, overridden by them, for its events only.
   */
  readonly commandRanges: ReadonlyMap<TstatsCommand, TimeRange>;
  readonly diagnostics: readonly Diagnostic[];
}

function isPipeline(x: object): x is Pipeline {
  return 'kind' in x && x.kind === 'pipeline';
}

/** The subsearch pipelines directly inside a command (in search terms, arguments, typed fields). */
export function childPipelines(command: Command): Pipeline[] {
  const found: Pipeline[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) {
      x.forEach(walk);
    } else if (x !== null && typeof x === 'object') {
      if (isPipeline(x)) found.push(x);
      else Object.values(x).forEach(walk);
    }
  };
  walk(command);
  return found;
}

/** The `key=value` options a command was given, as its spec places them. */
function optionsOf(c: Command, placement: 'leading' | 'anywhere'): readonly CommandOption[] {
  if (c.kind === 'generic') {
    const out: CommandOption[] = [];
    for (const a of c.args) {
      if (a.kind === 'option') out.push(a);
      else if (placement === 'leading') break;
    }
    return out;
  }
  return 'options' in c ? c.options : [];
}

/**
 * A command that reads events over a time range its search expression can set (`earliest=`/`latest=` at its
 * top level): search, metasearch, mstats, tstats.
 */
function readsEvents(c: Command): { expr: SearchExpr | undefined } | undefined {
  switch (c.kind) {
    case 'search':
    case 'metasearch':
      return { expr: c.expr };
    case 'mstats':
    case 'tstats':
      return { expr: c.where };
    default:
      return undefined;
  }
}

function checkOptions(c: Command, diagnostics: Diagnostic[]): void {
  const spec = specOf(c.name.name);
  if (!spec) return;
  const known = Object.keys(spec.options);
  for (const o of optionsOf(c, spec.placement)) {
    const key = o.key.name.toLowerCase();
    const option = Object.hasOwn(spec.options, key) ? spec.options[key] : undefined;
    if (!option) {
      diagnostics.push(
        diagnostic(
          'semantic',
          `\`${c.name.name}\` has no option \`${o.key.name}\``,
          o.key.span,
          nearest(key, known).map((n) => `did you mean \`${n}\`?`),
        ),
      );
      continue;
    }
    const expected = checkOptionValue(option, o.value.text);
    if (expected) {
      diagnostics.push(
        diagnostic(
          'semantic',
          `\`${o.key.name}\` must be ${expected}, found \`${o.value.text}\``,
          o.value.span,
        ),
      );
    }
  }
}

const dayMs = 86_400_000;

/** How long a range is, for a message: `45 days`, `36 hours`, `90 minutes`. */
function describeLength(ms: number): string {
  if (ms >= 2 * dayMs) return `${Math.round(ms / dayMs)} days`;
  if (ms >= 2 * 3_600_000) return `${Math.round(ms / 3_600_000)} hours`;
  return `${Math.round(ms / 60_000)} minutes`;
}

/** A `limit` diagnostic when `range` (open ends: all time, up to now) is longer than the limit. */
function rangeTooLong(
  range: TimeRange,
  nowMs: number,
  limit: { ms: number; text: string },
  subsearch: boolean,
  at: Span,
): Diagnostic | undefined {
  const what = subsearch ? 'this subsearch' : 'the search';
  const hint = `narrow the time range${subsearch ? ' of the subsearch (`earliest=` inside its brackets)' : ''}`;
  if (range.earliestMs === null) {
    return diagnostic('limit', `${what} covers all time; a search may cover at most ${limit.text}`, at, [
      hint,
    ]);
  }
  const length = (range.latestMs ?? nowMs) - range.earliestMs;
  if (length <= limit.ms) return undefined;
  const iso = (ms: number): string => new Date(ms).toISOString();
  return diagnostic(
    'limit',
    `${what} covers ${describeLength(length)} (${iso(range.earliestMs)} to ${iso(range.latestMs ?? nowMs)}); a search may cover at most ${limit.text}`,
    at,
    [hint],
  );
}

/**
 * Checks a parsed pipeline and computes the time range of it and of each subsearch.
 *
 * @example analyse(parse('error earliest=-1h | join host [search x]').ast, { earliestMs, latestMs, nowMs })
 *   // ranges: the outer search from now-1h; the subsearch keeps the request's range
 */
export function analyse(pipeline: Pipeline, options: AnalyseOptions): Analysis {
  const diagnostics: Diagnostic[] = [];
  const ranges = new Map<Pipeline, TimeRange>();
  const tz = options.timeZone ?? 'UTC';

  const commandRanges = new Map<TstatsCommand, TimeRange>();

  /** The request's range overridden by the top-level `earliest=`/`latest=` of `expr`, checked. */
  const rangeOf = (
    expr: SearchExpr | undefined,
    at: Span,
    subsearch: { readonly span: Span } | undefined,
  ): TimeRange => {
    let range: TimeRange = { earliestMs: options.earliestMs, latestMs: options.latestMs };
    const time = extractTimeModifiers(expr, diagnostics).time;
    for (const which of ['earliest', 'latest'] as const) {
      const value = time[which];
      if (!value) continue;
      const resolved = resolveTime(value.text, options.nowMs, tz);
      if (!resolved.ok) diagnostics.push(diagnostic('semantic', resolved.message, value.span));
      else range = { ...range, [which === 'earliest' ? 'earliestMs' : 'latestMs']: resolved.epochMs };
    }
    if (range.earliestMs !== null && range.latestMs !== null && range.earliestMs > range.latestMs) {
      diagnostics.push(
        diagnostic('semantic', 'the time range ends before it starts (`earliest` is after `latest`)', at),
      );
    }
    if (options.maxRange) {
      const where = time.earliest?.span ?? time.latest?.span ?? subsearch?.span ?? { start: 0, end: 0 };
      const tooLong = rangeTooLong(range, options.nowMs, options.maxRange, subsearch !== undefined, where);
      if (tooLong) diagnostics.push(tooLong);
    }
    return range;
  };

  const visit = (p: Pipeline): void => {
    const first = p.commands[0];
    const timed = first ? readsEvents(first) : undefined;
    const subsearch = p === pipeline ? undefined : p;
    ranges.set(
      p,
      timed
        ? rangeOf(timed.expr, first?.span ?? p.span, subsearch)
        : { earliestMs: options.earliestMs, latestMs: options.latestMs },
    );
    for (const c of p.commands) {
      // A `tstats append=t` after the first command reads its events over its own range, when its `where`
      // sets one (Search Reference, tstats: the time modifiers of its search, as in a search).
      if (c !== first && c.kind === 'tstats') {
        const time = extractTimeModifiers(c.where, []).time;
        if (time.earliest || time.latest) commandRanges.set(c, rangeOf(c.where, c.span, subsearch));
      }
      checkOptions(c, diagnostics);
      childPipelines(c).forEach(visit);
    }
  };
  visit(pipeline);
  return { ranges, commandRanges, diagnostics };
}
