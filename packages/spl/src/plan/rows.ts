// Lowers the row-shaping commands: dedup, tail, reverse and fillnull.

import type {
  AddtotalsCommand,
  DedupCommand,
  FieldPattern,
  FillnullCommand,
  ReturnCommand,
  TailCommand,
} from '../ast.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import type { Expr, Rel } from '../ir/types.ts';
import { call, col, lit, seriesColumn } from '../ir/types.ts';
import { patternRegex, selectSeries, seriesPatterns } from './pivot.ts';
import { toNumber, toStr } from './coerce.ts';
import { namedFields, truthy, writeEveryField } from './helpers.ts';
import { columnTotals } from './coltotals.ts';
import { assignable, finish } from './streaming.ts';
import { withPositions } from './streamstats.ts';
import { fieldPatternRegExp, plannerColumnPrefix, rawEventColumns } from './scope.ts';
import type { State } from './index.ts';

/**
 * `dedup [N] f1 f2 [keepempty=t] [sortby …]`: the first N events per combination, in the current order
 * (newest first for events); events missing a field are dropped unless `keepempty=true`.
 */
export function dedup(c: DedupCommand, s: State, errors: Diagnostic[]): State {
  let keepEmpty = false;
  let keepEvents = false;
  let consecutive = false;
  for (const o of c.options) {
    const k = o.key.name.toLowerCase();
    if (k === 'keepempty') keepEmpty = truthy(o.value.text);
    else if (k === 'consecutive') {
      consecutive = truthy(o.value.text);
    } else if (k === 'keepevents') {
      keepEvents = truthy(o.value.text);
    }
  }
  const names = namedFields(c.name, c.fields, s, errors, 'list the fields') ?? [];
  const keys = names.map((n) => s.scope.resolve(n));
  const count = c.count?.value ?? 1;
  const kept = keepEvents ? keepDuplicates(s, names, keys, count, consecutive) : undefined;
  let rel: Rel = kept
    ? kept.rel
    : { kind: 'dedup', input: s.rel, keys, count, keepEmpty, ...(consecutive ? { consecutive } : {}) };
  const scope = kept ? kept.scope : s.scope;
  if (c.sortby.length > 0) {
    rel = {
      kind: 'sort',
      input: rel,
      keys: c.sortby.map((k) => ({
        expr: scope.resolve(k.field.name, k.field.span),
        descending: k.direction === 'desc',
        mode: k.coerce ?? 'auto',
      })),
    };
  }
  return { rel, scope };
}

/**
 * `dedup keepevents=true`: Splunk's page, "If true, keep all events, but will remove the selected fields from
 * events after the first event containing a particular combination of values": every event stays in its
 * place, and those after the first `count` of their combination (in the results' order) lose the fields.
 * An event missing one of the fields is no duplicate and keeps them (keepempty only decides which events
 * are dropped, and none is). With `consecutive=true` (the page: "only remove events with duplicate
 * combinations of values that are consecutive") the count restarts at each run of events with the same
 * values; an event missing a field takes no part, so it neither counts nor ends a run (as without
 * keepevents, where it is dropped before the events are compared).
 */
function keepDuplicates(
  s: State,
  names: readonly string[],
  keys: readonly Expr[],
  count: number,
  consecutive: boolean,
): State {
  const rank = `${plannerColumnPrefix}dedup_rank`;
  // The rank follows the results' order, and so do the results after it (a partitioned window may give
  // its rows in another order): both by each result's position.
  const { rel: positioned, positions } = withPositions(s.rel);
  const complete = keys.map((k) => call('isnotnull', [k], 'bool'));
  const all = (xs: readonly Expr[]): Expr =>
    xs.length === 0 ? lit(true) : xs.reduce((a, b) => call('and', [a, b], 'bool'));
  let rel: Rel = positioned;
  let partition: readonly Expr[] = keys;
  if (consecutive) {
    const runs = consecutiveRuns(positioned, positions, keys, all(complete));
    rel = runs.rel;
    partition = [runs.run, all(complete)];
  }
  rel = {
    kind: 'window',
    input: rel,
    partition,
    aggregates: [{ name: rank, fn: 'count', type: 'number' }],
    running: { size: 0, current: true, positions },
  };
  // Computed once, before the fields it empties change.
  const repeat = col(`${plannerColumnPrefix}dedup_repeat`, 'bool');
  rel = {
    kind: 'compute',
    input: rel,
    name: repeat.name,
    expr: all([call('gt', [col(rank, 'number'), lit(count)], 'bool'), ...complete]),
  };
  let scope = s.scope;
  names.forEach((name, i) => {
    const key = keys[i] ?? lit(null);
    const type = key.type === 'null' ? 'any' : key.type;
    rel = { kind: 'compute', input: rel, name, expr: call('if', [repeat, lit(null), key], type) };
    scope = scope.with(name, type);
  });
  rel = { kind: 'sort', input: rel, keys: [{ expr: positions, descending: false, mode: 'num' }] };
  // The rank, the runs and the positions end here.
  return finish(rel, scope, s.scope);
}

/**
 * The run of each event with all the `keys` (`complete`), as a column: the running count of such events that
 * do not repeat the one before them among such events. An event repeats it when the last event before it
 * with its values (the same partition, as `dedup` compares values) is that one.
 */
function consecutiveRuns(
  input: Rel,
  positions: Expr,
  keys: readonly Expr[],
  complete: Expr,
): { rel: Rel; run: Expr } {
  const p = `${plannerColumnPrefix}dedup_prev`;
  const before = (name: string, partition: readonly Expr[], rel: Rel): Rel => ({
    kind: 'window',
    input: rel,
    partition,
    aggregates: [{ name, fn: 'max', arg: positions, type: 'number' }],
    running: { size: 1, current: false, positions },
  });
  const previous = col(`${p}_any`, 'number');
  const previousSame = col(`${p}_same`, 'number');
  let rel = before(previousSame.name, keys, before(previous.name, [complete], input));
  const repeats = call(
    'and',
    [
      call('isnotnull', [previous], 'bool'),
      // The first event of its values has none before it: no repeat.
      call('coalesce', [call('eq', [previousSame, previous], 'bool'), lit(false)], 'bool'),
    ],
    'bool',
  );
  const starts = col(`${p}_start`, 'number');
  rel = {
    kind: 'compute',
    input: rel,
    name: starts.name,
    expr: call(
      'if',
      [call('and', [complete, call('not', [repeats], 'bool')], 'bool'), lit(1), lit(0)],
      'number',
    ),
  };
  const run = col(`${p}_run`, 'number');
  rel = {
    kind: 'window',
    input: rel,
    partition: [],
    aggregates: [{ name: run.name, fn: 'sum', arg: starts, type: 'number' }],
    running: { size: 0, current: true, positions },
  };
  return { rel, run };
}

/** `tail [N]`: the last N results (default 10), last first — as Splunk returns them. */
export function tail(c: TailCommand, s: State): State {
  return {
    rel: { kind: 'take', input: { kind: 'reverse', input: s.rel }, limit: c.count?.value ?? 10 },
    scope: s.scope,
  };
}

/** `reverse`: the results in the opposite order. */
export function reverse(s: State): State {
  return { rel: { kind: 'reverse', input: s.rel }, scope: s.scope };
}

/**
 * `fillnull [value=0] [fields]`: missing values become `value`; listed fields are created when absent.
 * Without a list every field of the results is filled, which needs the fields to be known.
 */
export function fillnull(c: FillnullCommand, s: State, errors: Diagnostic[]): State {
  const value = c.options.find((o) => o.key.name.toLowerCase() === 'value')?.value.text ?? '0';
  if (s.scope.raw && (c.fields.length === 0 || c.fields.some((f) => f.pattern.includes('*'))))
    return fillRawFields(c, value, s, errors);
  const names = namedFields(
    c.name,
    c.fields,
    s,
    errors,
    'list the fields to fill, or run it after `stats` or `table`',
  );
  if (!names) return s;
  const numeric = value.trim() !== '' && Number.isFinite(Number(value));
  let state = s;
  const series = seriesIn(c.fields, s);
  const mapType = s.scope.seriesType;
  if (series && mapType !== undefined) {
    // After a pivot: the series' empty cells are filled inside the map.
    const type = mapType === 'number' && numeric ? 'number' : 'any';
    const map = col(seriesColumn, mapType);
    const regexes = series.length === 0 ? [] : series.map((p) => lit(patternRegex(p)));
    const expr = call(
      'map_fill',
      [map, lit(type === 'number' ? Number(value) : value), ...regexes],
      type,
      c.span,
    );
    state = {
      rel: { kind: 'compute', input: s.rel, name: seriesColumn, expr },
      scope: s.scope.with(seriesColumn, type),
    };
  }
  for (const name of names) {
    const current = state.scope.resolve(name);
    // A numeric column stays numeric when the fill value is a number; otherwise the result is text.
    const expr =
      current.type === 'number' && numeric
        ? call('coalesce', [current, lit(Number(value))], 'number', c.span)
        : call('coalesce', [toStr(current), lit(value)], current.type === 'any' ? 'any' : 'string', c.span);
    state = {
      rel: { kind: 'compute', input: state.rel, name, expr },
      scope: state.scope.with(name, expr.type),
    };
  }
  return state;
}

/**
 * `fillnull` without a field list, or with wildcards, over raw events. Splunk fills the fields of the whole
 * result set: a field some event has is filled in every event that lacks it. The names of the structured
 * fields are known only when the search runs, so one window over the results collects them (a list column
 * the planner carries), and a field read later by name is filled when the list has it. Known columns (and
 * listed names) are filled at once, as with a list.
 */
function fillRawFields(c: FillnullCommand, value: string, input: State, errors: Diagnostic[]): State {
  // The names some event has now: earlier removals, extractions, wildcard renames, fills, merges and maps
  // written into the events' fields (each event's fields computed once, for the names and the events shown).
  const s = writeEveryField(input) ?? input;
  const patterns = c.fields.filter((f) => f.pattern.includes('*')).map((f) => f.pattern);
  const names = `${plannerColumnPrefix}fillnull_${c.span.start}`;
  const window: Rel = {
    kind: 'window',
    input: s.rel,
    partition: [],
    aggregates: [{ name: names, fn: 'values', arg: call('field_names', [], 'mv', c.span), type: 'mv' }],
  };
  const filled: State = {
    rel: window,
    scope: s.scope.with(names, 'mv').withFill(lit(value, c.span), patterns, col(names, 'mv'), c.span),
  };
  // Known columns (every one without a list, else those the patterns match) and listed names: filled at
  // once, as with a list. The indexed columns of events are never missing.
  const known = s.scope.fields
    .map((x) => x.name)
    .filter((n) => !n.startsWith('_') && !rawEventColumns.some((r) => r.name === n))
    .filter((n) => c.fields.length === 0 || matchesAny(patterns, n));
  const rest: FieldPattern[] = [
    ...known.map((pattern): FieldPattern => ({
      kind: 'field-pattern',
      pattern,
      quoted: false,
      span: c.span,
    })),
    ...c.fields.filter((f) => !f.pattern.includes('*') && !known.includes(f.pattern)),
  ];
  return rest.length === 0 ? filled : fillnull({ ...c, fields: rest }, filled, errors);
}

function matchesAny(patterns: readonly string[], name: string): boolean {
  return patterns.some((p) => fieldPatternRegExp(p).test(name));
}

/**
 * After a pivot, the patterns of a command's field list that reach series in the map (wildcards and names
 * that are not fields): `[]` means every series (no list); undefined without a series map.
 */
function seriesIn(fields: readonly FieldPattern[], s: State): string[] | undefined {
  if (s.scope.seriesType === undefined) return undefined;
  if (fields.length === 0) return [];
  const patterns = seriesPatterns(fields, s.scope);
  return patterns.length > 0 ? patterns : undefined;
}

/**
 * `addtotals [row=t] [col=f] [fieldname=Total] [labelfield=f] [label=Total] [fields]`: each result gains the
 * sum of its numeric fields (the listed ones, or every known field; text values are skipped); `col=true`
 * appends a result with the sum of each of those fields and of the row total (see `columnTotals`).
 */
export function addtotals(c: AddtotalsCommand, s: State, errors: Diagnostic[]): State {
  let name = 'Total';
  let row = true;
  let colTotals = false;
  let labelField: { name: string; span: Span } | undefined;
  let label = 'Total';
  for (const o of c.options) {
    const k = o.key.name.toLowerCase();
    if (k === 'fieldname') name = o.value.text;
    else if (k === 'row') row = truthy(o.value.text);
    else if (k === 'col') colTotals = truthy(o.value.text);
    else if (k === 'labelfield') labelField = { name: o.value.text, span: o.value.span };
    else if (k === 'label') label = o.value.text;
  }
  const hint = 'list the fields to add up, or run it after `stats`, `chart` or `table`';
  let out = s;
  if (row) {
    const names = namedFields(c.name, c.fields, s, errors, hint);
    if (!names) return s;
    const values = names.map((n) => toNumber(s.scope.resolve(n)));
    const series = seriesIn(c.fields, s);
    const mapType = s.scope.seriesType;
    if (series && mapType !== undefined && mapType !== 'mv') {
      const map = series.length === 0 ? col(seriesColumn, mapType) : selectSeries(s.scope, series);
      if (map) values.push(call('map_sum', [map], 'number', c.span));
    }
    const expr = values.length > 0 ? call('sum_of', values, 'number', c.span) : lit(null, c.span);
    out = { rel: { kind: 'compute', input: s.rel, name, expr }, scope: s.scope.with(name, 'number') };
  }
  if (!colTotals) return out;
  if (labelField && !assignable(labelField.name, labelField.span, errors)) return out;
  // The totals row adds up the row totals too: they are one more numeric field of every result.
  return (
    columnTotals(
      out,
      {
        command: c.name,
        fields: c.fields,
        ...(row && c.fields.length > 0 ? { also: [name] } : {}),
        ...(labelField ? { labelField } : {}),
        label,
        hint,
      },
      errors,
    ) ?? out
  );
}

/** The column `return $f` puts `f`'s values in: its name says they are search terms. */
export const termColumn = (field: string): string => `$${field}`;

/**
 * `return [N] f a=g $h` in a subsearch: the first N results (default 1) as `f="…" a="…" "…"` for the outer
 * search — here, those fields (renamed) for the subsearch filter; a `$h` value is a search term, carried
 * in a column named `$h` (`termColumn`).
 */
export function returnFields(c: ReturnCommand, s: State): State {
  const columns = c.items.map((item) => ({
    name: item.valueOnly ? termColumn(item.field.name) : (item.alias?.name ?? item.field.name),
    expr: s.scope.resolve(item.field.name, item.field.span),
  }));
  const taken: Rel = { kind: 'take', input: s.rel, limit: c.count?.value ?? 1 };
  return {
    rel: { kind: 'project', input: taken, columns, keepRaw: false },
    scope: s.scope.project(
      columns.map((x) => ({ name: x.name, type: x.expr.type === 'null' ? 'any' : x.expr.type })),
      false,
    ),
  };
}
