// `filldown`: a missing value becomes the field's last value in an earlier result.

import type { Span } from '../diagnostics.ts';
import type { Aggregate, Expr, Rel } from '../ir/types.ts';
import { call, col } from '../ir/types.ts';
import type { State } from '../plan/index.ts';
import { plannerColumnPrefix, rawEventColumns } from '../plan/scope.ts';
import { namedFields, plainStructured, writeEveryField } from '../plan/helpers.ts';
import { withPositions } from '../plan/streamstats.ts';
import { fieldList, assignable, finish, windowed } from '../plan/streaming.ts';
import type { CommandModule } from './types.ts';

/**
 * `filldown` without a field list over raw events: Splunk fills every field. The structured fields' names
 * are known only when the search runs, so one window gives each result the last value of every structured
 * field up to it (a JSON column the planner carries), and a field read later by name takes it when the
 * result has none. Known columns (evaluated fields) are filled as with a list.
 */
function filldownRaw(span: Span, s: State): State {
  const { rel: positioned, positions } = withPositions(s.rel);
  const name = `${plannerColumnPrefix}filldown_${span.start}`;
  const fields = call('fields_json', [], 'any', span);
  const last: Aggregate = { name, fn: 'latest_fields', arg: fields, time: positions, type: 'any' };
  const known = s.scope.fields
    .map((x) => x.name)
    .filter((n) => !n.startsWith('_') && !rawEventColumns.some((r) => r.name === n));
  const aggregates = [last, ...known.map((n, i) => latestOf(s, n, i, positions))];
  let rel: Rel = windowed(positioned, aggregates, { size: 0, positions });
  let scope = s.scope.with(name, 'any');
  aggregates.slice(1).forEach((a, i) => {
    const field = known[i] as string;
    rel = { kind: 'compute', input: rel, name: field, expr: col(a.name, a.type) };
    scope = scope.with(field, a.type);
  });
  return finish(rel, scope.withJoinedFields(col(name, 'any'), false, span), s.scope);
}

/** The last non-null value of `name` up to each result: the value at the highest position among them. */
function latestOf(s: State, name: string, i: number, positions: Expr): Aggregate {
  const arg = s.scope.resolve(name);
  return {
    name: `__fd${i}`,
    fn: 'latest',
    arg,
    time: positions,
    type: arg.type === 'null' ? 'any' : arg.type,
  };
}

export const filldown: CommandModule<'generic'> = {
  name: 'filldown',
  kind: 'generic',
  status: 'partly',
  doc: {
    summary:
      'Replaces a missing value with the field’s last value in an earlier result (in the results’ order).',
    syntax: 'filldown [<wc-field-list>]',
    example: 'index=main | timechart span=1h avg(bytes) AS bytes | filldown bytes',
    differences: [
      'With wildcards it fills the fields known at that point: over raw events, list the fields or give no list.',
      'Without a field list over raw events, every field is filled, the fields extracted before (`extract`, `spath` without a path …) or renamed by a wildcard included (the events shown carry them, as text).',
    ],
  },
  lower(c, s, ctx) {
    const patterns = fieldList(c, ctx.errors, false);
    if (!patterns) return s;
    if (patterns.length === 0 && s.scope.raw) {
      // Earlier removals, extractions, wildcard renames, fills, merges and maps are written into the events'
      // fields first.
      const fields = writeEveryField(s) ?? s;
      if (plainStructured(fields)) return filldownRaw(c.span, fields);
    }
    const names = namedFields(
      c.name,
      patterns,
      s,
      ctx.errors,
      'list the fields to fill down, for example `filldown host count`',
    );
    if (!names || names.length === 0) return s;
    for (const p of patterns) if (!assignable(p.pattern, p.span, ctx.errors)) return s;
    // The last non-null value up to each result: the value at the highest position among the non-null ones.
    const { rel: positioned, positions } = withPositions(s.rel);
    const aggregates = names.map((name, i) => latestOf(s, name, i, positions));
    let rel: Rel = windowed(positioned, aggregates, { size: 0, positions });
    let scope = s.scope;
    aggregates.forEach((a, i) => {
      const name = names[i] as string;
      rel = { kind: 'compute', input: rel, name, expr: col(a.name, a.type) };
      scope = scope.with(name, a.type);
    });
    return finish(rel, scope, s.scope);
  },
};
