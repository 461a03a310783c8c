// Lowers `append [subsearch]`: the subsearch's results (at most maxout, 10,000) after the current ones.

import type { TimeRange } from '../analyse/index.ts';
import type { AppendCommand, AppendpipeCommand, Command, Pipeline } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Column, Expr, Rel, ScalarType } from '../ir/types.ts';
import { lit, seriesColumn } from '../ir/types.ts';
import { toMv, toStr } from './coerce.ts';
import { optionText, truthy } from './helpers.ts';
import type { State } from './index.ts';
import { withoutSeries } from './pivot.ts';

/** Splunk's default cap on a subsearch's results. */
export const subsearchMaxRows = 10_000;

/**
 * Both sides get the union of their fields (the current ones first); a field missing on one side is
 * null there, and a field with different types on the two sides becomes text.
 */
export function append(c: AppendCommand, s: State, sub: State, errors: Diagnostic[]): State {
  if (!withoutSeries(c.name, [s, sub], errors)) return s;
  let maxout = subsearchMaxRows;
  for (const o of c.options) {
    const k = o.key.name.toLowerCase();
    if (k === 'maxout') maxout = Number(o.value.text);
    else if (k !== 'maxtime' && k !== 'timeout' && k !== 'extendtimerange') {
      errors.push(diagnostic('semantic', `\`append\` has no option \`${o.key.name}\``, o.key.span));
    }
  }
  return concat(s, sub, maxout > 0 ? maxout : undefined);
}

/** `appendpipe [<commands>]`: the commands run over the current results, and their output is appended. */
export function appendpipe(c: AppendpipeCommand, s: State, sub: State, errors: Diagnostic[]): State {
  if (!withoutSeries(c.name, [s, sub], errors)) return s;
  for (const o of c.options) {
    if (o.key.name.toLowerCase() !== 'run_in_preview') {
      errors.push(diagnostic('semantic', `\`appendpipe\` has no option \`${o.key.name}\``, o.key.span));
    }
  }
  return concat(s, sub);
}

/**
 * The rows of `first`, then of `second` (at most `limit`). Both get the union of their fields (the first's
 * first); a field missing on one side is null there, and one typed differently on the two sides is text.
 */
export function concat(first: State, second: State, limit?: number): State {
  return concatAll([first, second], limit);
}

/**
 * The rows of each state one after the other (each after the first cut to `limit` rows when given), in
 * one union: every side gets the union of the fields (the first's first); a field missing on a side is
 * null there, and one typed differently on two sides is text.
 */
export function concatAll(states: readonly State[], limit?: number): State {
  const [first] = states;
  if (!first) throw new Error('bug: concatAll() needs at least one state');
  const typeOf = (t: ScalarType): ScalarType => (t === 'null' ? 'any' : t);
  const names = [...new Set(states.flatMap((s) => s.scope.columns.map((c) => c.name)))];
  // After a pivot a name that is not a column reads a series: a field of another side only is empty here.
  const read = (state: State, name: string): Expr =>
    state.scope.seriesType !== undefined && name !== seriesColumn && !state.scope.has(name)
      ? lit(null)
      : state.scope.resolve(name);
  const columns: Column[] = names.map((name) => {
    const types = [...new Set(states.map((s) => read(s, name).type).filter((t) => t !== 'null'))];
    const [a] = types;
    return { name, type: a === undefined ? 'any' : types.length === 1 ? typeOf(a) : 'string' };
  });
  const raw = states.every((s) => s.scope.raw);
  const side = (state: State, cap?: number): Rel => {
    const exprs = columns.map((col): { name: string; expr: Expr } => {
      const e = read(state, col.name);
      // A list on one side stays a list on the other (null there is an empty list, as ClickHouse needs
      // one type for the column).
      const expr =
        col.type === 'string' && e.type !== 'string'
          ? toStr(e)
          : col.type === 'mv' && e.type !== 'mv'
            ? toMv(e)
            : e;
      return { name: col.name, expr };
    });
    const input: Rel = cap === undefined ? state.rel : { kind: 'take', input: state.rel, limit: cap };
    return { kind: 'project', input, columns: exprs, keepRaw: raw };
  };
  return {
    rel: { kind: 'union', inputs: states.map((s, i) => side(s, i === 0 ? undefined : limit)), columns, raw },
    scope: first.scope.project(columns, raw),
  };
}

/**
 * The range of the commands after an `append` or `appendcols` with `extendtimerange=true`: the search's
 * range widened to hold its subsearch's (Search Reference, append: "include the subsearch time range in the
 * time range for the entire search", for a `timechart` or `bin` after it); undefined when it stays.
 */
export function extendedRange(
  c: Command,
  range: TimeRange,
  ranges: ReadonlyMap<Pipeline, TimeRange>,
): TimeRange | undefined {
  if (c.kind !== 'append' && c.kind !== 'appendcols') return undefined;
  if (!truthy(optionText(c.options, 'extendtimerange'))) return undefined;
  const sub = ranges.get(c.subsearch.pipeline);
  if (!sub) return undefined;
  const earliestMs =
    range.earliestMs === null || sub.earliestMs === null ? null : Math.min(range.earliestMs, sub.earliestMs);
  const latestMs =
    range.latestMs === null || sub.latestMs === null ? null : Math.max(range.latestMs, sub.latestMs);
  return { earliestMs, latestMs };
}
