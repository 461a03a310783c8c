// Small helpers the command lowerings share: option values, Splunk's Booleans, the expression context,
// a command's field list expanded against the fields known at that point, a generic command's arguments,
// and the tenant's events every search starts from.

import type { CommandOption, FieldPattern, GenericArg, GenericCommand, Ident } from '../ast.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic, nearest } from '../diagnostics.ts';
import type { Expr, Rel, Scan } from '../ir/types.ts';
import type { TimeRange } from '../analyse/index.ts';
import { call, col, lit, seriesColumn } from '../ir/types.ts';
import type { ExprContext } from './coerce.ts';
import type { PlanOptions, State } from './index.ts';
import { selectSeries } from './pivot.ts';
import { matchingFields } from './runtime-fields.ts';
import { extractTimeModifiers, lowerSearch } from './search.ts';
import type { Scope } from './scope.ts';
import { fieldPatternRegExp, plannerColumnPrefix } from './scope.ts';

/** Splunk's true values for Boolean options (`t`, `true`, `1`, `yes`, any case). */
export const truthy = (v: string | undefined): boolean =>
  ['t', 'true', '1', 'yes'].includes((v ?? '').toLowerCase());

/** The value of option `key` (case-insensitive), as written. */
export const optionText = (options: readonly CommandOption[], key: string): string | undefined =>
  options.find((o) => o.key.name.toLowerCase() === key)?.value.text;

/** The context eval expressions are lowered in at this point of the pipeline. */
export const exprContext = (s: State, options: PlanOptions, errors: Diagnostic[]): ExprContext => ({
  scope: s.scope,
  diagnostics: errors,
  nowMs: options.nowMs,
  timeZone: options.timeZone ?? 'UTC',
  search: (e) => {
    // A search string inside an expression filters this event: a time range cannot apply.
    const { rest, time } = extractTimeModifiers(e, errors);
    for (const v of [time.earliest, time.latest])
      if (v)
        errors.push(
          diagnostic('unsupported', 'a time modifier inside an expression is not supported', v.span),
        );
    return rest
      ? lowerSearch(rest, {
          scope: s.scope,
          diagnostics: errors,
          ...(options.knowledge ? { knowledge: options.knowledge } : {}),
        })
      : lit(true);
  },
});

/**
 * The fields a command names (`*` wildcards expand over the fields known here), or — with no list — every
 * known non-internal field. Over raw events the full list of fields is not known ahead, so no list (and a
 * wildcard) is reported unsupported, with `hint`; undefined then.
 */
export function namedFields(
  command: Ident,
  fields: readonly FieldPattern[],
  s: State,
  errors: Diagnostic[],
  hint: string,
): string[] | undefined {
  if (fields.length === 0) {
    if (s.scope.raw) {
      errors.push(
        diagnostic(
          'unsupported',
          `\`${command.name}\` without a field list over raw events is not supported yet`,
          command.span,
          [hint],
        ),
      );
      return undefined;
    }
    return s.scope.fields.map((col) => col.name).filter((n) => !n.startsWith('_'));
  }
  return fields.flatMap((f) => {
    // After a pivot, a name that is not a field is a series: the command handles the map itself.
    if (!f.pattern.includes('*'))
      return s.scope.seriesType !== undefined && !s.scope.has(f.pattern) ? [] : [f.pattern];
    if (s.scope.raw) {
      errors.push(
        diagnostic(
          'unsupported',
          `wildcard fields in \`${command.name}\` over raw events are not supported yet`,
          f.span,
        ),
      );
      return [];
    }
    const re = fieldPatternRegExp(f.pattern);
    return s.scope.fields.map((col) => col.name).filter((n) => re.test(n));
  });
}

/**
 * The known fields a wildcard `pattern` names (fields starting with `_` only when the pattern does), or
 * undefined with a diagnostic: over raw events the fields are not known ahead; no field may match.
 */
export function wildcardFields(
  command: Ident,
  pattern: FieldPattern,
  s: State,
  errors: Diagnostic[],
): string[] | undefined {
  const before = errors.length;
  const all = namedFields(command, [pattern], s, errors, '');
  if (all === undefined || errors.length > before) return undefined;
  const names = all.filter((n) => pattern.pattern.startsWith('_') || !n.startsWith('_'));
  if (names.length === 0) {
    errors.push(
      diagnostic('semantic', `\`${pattern.pattern}\` matches none of the fields here`, pattern.span),
    );
    return undefined;
  }
  return names;
}

/** The value of a whole-number option (≥ `min`); a diagnostic and undefined when it is not one. */
export function optionNumber(o: CommandOption, errors: Diagnostic[], min = 0): number | undefined {
  const n = Number(o.value.text);
  if (!Number.isInteger(n) || n < min) {
    errors.push(
      diagnostic(
        'semantic',
        `\`${o.key.name}\` must be a whole number ≥ ${min}, found \`${o.value.text}\``,
        o.value.span,
      ),
    );
    return undefined;
  }
  return n;
}

/** Reports an option the command does not have, with the nearest names it does have. */
export function unknownOption(
  o: CommandOption,
  command: string,
  known: readonly string[],
  errors: Diagnostic[],
): void {
  errors.push(
    diagnostic(
      'semantic',
      `\`${command}\` has no option \`${o.key.name}\``,
      o.key.span,
      nearest(o.key.name, known).map((n) => `did you mean \`${n}\`?`),
    ),
  );
}

/** Resolves `table`/`fields` patterns to columns; wildcards match the columns known at this point. */
export function expandPatterns(
  patterns: readonly FieldPattern[],
  scope: Scope,
  errors: Diagnostic[],
): { name: string; expr: Expr }[] {
  const out: { name: string; expr: Expr }[] = [];
  const seen = new Set<string>();
  const add = (name: string, at: Span): void => {
    if (seen.has(name)) return;
    seen.add(name);
    out.push({ name, expr: scope.resolve(name, at) });
  };
  // After a pivot, names that are not fields (and every wildcard) select series from the map, which
  // takes the place of the first such pattern.
  const series: string[] = [];
  const structured: FieldPattern[] = [];
  let seriesAt = -1;
  const toSeries = (pattern: string): void => {
    if (seriesAt < 0) seriesAt = out.length;
    series.push(pattern);
  };
  for (const p of patterns) {
    if (!p.pattern.includes('*')) {
      if (scope.seriesType !== undefined && !scope.has(p.pattern)) toSeries(p.pattern);
      else add(p.pattern, p.span);
      continue;
    }
    const re = fieldPatternRegExp(p.pattern);
    for (const c of scope.fields) if (re.test(c.name)) add(c.name, p.span);
    if (scope.raw) {
      // Raw events: the structured fields the pattern matches are known only when the search runs. They
      // become the series map, which the service spreads into columns (every name any event has).
      if (seriesAt < 0) seriesAt = out.length;
      structured.push(p);
    } else if (scope.seriesType !== undefined) toSeries(p.pattern);
  }
  const selected =
    structured.length > 0 ? structuredSeries(structured, out, scope, errors) : selectSeries(scope, series);
  if (selected && (series.length > 0 || structured.length > 0))
    out.splice(seriesAt, 0, { name: seriesColumn, expr: selected });
  return out;
}

/**
 * The structured fields of raw events that `patterns` match, as they are at this point (after removals,
 * wildcard renames, extractions that list their fields), as a map of name → values: what `table src*` shows
 * beside the listed columns. Fields listed by name (`listed`) and known columns are not in it. Undefined after
 * a diagnostic (an earlier command changed the structured fields in a way the map cannot follow).
 */
function structuredSeries(
  patterns: readonly FieldPattern[],
  listed: readonly { name: string }[],
  scope: Scope,
  errors: Diagnostic[],
): Expr | undefined {
  const names = listed.map((c) => c.name);
  let map: Expr | undefined;
  for (const p of patterns) {
    const one = matchingFields(scope, p.pattern, '\\0', [], names, p.span, (why) => {
      errors.push(
        diagnostic(
          'unsupported',
          `the wildcard \`${p.pattern}\` over structured fields of raw events ${why}`,
          p.span,
          ['list the fields by name'],
        ),
      );
      return undefined;
    });
    if (!one) return undefined;
    map = map ? call('map_update', [map, one], 'mv', p.span) : one;
  }
  // In name order: the service spreads the fields into columns in that order (query/series.ts).
  return map && call('map_sorted', [map], 'mv');
}

/** The tenant's events in `range`, in the indexes its identity may read (the start of every search). */
export const tenantScan = (options: PlanOptions, range: TimeRange): Scan => ({
  kind: 'scan',
  table: 'logs',
  orgId: options.orgId,
  ...(options.indexes ? { indexes: options.indexes } : {}),
  earliestMs: range.earliestMs,
  latestMs: range.latestMs,
  ...(options.indexTime ? { indexTime: options.indexTime } : {}),
});

/** The planner's column holding each event's `_indextime`. */
const indexTimeColumn = `${plannerColumnPrefix}indextime`;

/**
 * Events with the internal field `_indextime`: when the event was indexed, in epoch seconds (Search Reference,
 * "Use default fields": `_indextime` is a hidden internal field, readable by `eval`, `where` and `stats`),
 * from the table's column of that name. Only searches that name it carry it.
 */
export function withIndexTime(s: State): State {
  if (s.rel.kind !== 'scan') return s;
  return {
    rel: { ...s.rel, indexTimeColumn },
    scope: s.scope.with(indexTimeColumn, 'number').withVirtual('_indextime', col(indexTimeColumn, 'number')),
  };
}

/**
 * The arguments of a command parsed with the generic grammar, by kind: `key=value` options, words, and
 * the first argument of another kind (a subsearch, a group), which most commands refuse.
 */
export function genericArgs(c: GenericCommand): {
  options: CommandOption[];
  words: GenericWord[];
  other?: GenericArg;
} {
  const other = c.args.find((a) => a.kind !== 'option' && a.kind !== 'generic-word');
  return {
    options: c.args.filter((a): a is CommandOption => a.kind === 'option'),
    words: c.args.filter((a): a is GenericWord => a.kind === 'generic-word'),
    ...(other ? { other } : {}),
  };
}

/** A word argument of a generic command. */
export type GenericWord = Extract<GenericArg, { kind: 'generic-word' }>;

/** The options of `c`; every other argument is reported: `c` takes only options such as `example`. */
export function onlyOptions(c: GenericCommand, example: string, errors: Diagnostic[]): CommandOption[] {
  for (const a of c.args) {
    if (a.kind !== 'option') {
      errors.push(
        diagnostic('semantic', `\`${c.name.name}\` takes only options such as \`${example}\``, a.span),
      );
    }
  }
  return genericArgs(c).options;
}

/** Over raw events, whether the structured fields are still the events' own (no command renamed, extracted,
 * dropped, filled, merged or replaced any): then every field can be read from the events' JSON. */
export function plainStructured(s: State): boolean {
  const changes = s.scope.structuredChanges();
  return (
    changes.dropped.length === 0 &&
    changes.droppedPatterns.length === 0 &&
    !changes.renamed &&
    s.scope.extractions.length === 0 &&
    s.scope.fills.length === 0 &&
    s.scope.joins.length === 0 &&
    s.scope.maps.length === 0
  );
}

/**
 * `rel` with each row's position (1, 2, … in the rows' order) in the column `name`: a running count, as
 * streamstats computes it, which later steps can order or pick rows by (a GROUP BY over a subquery does not
 * keep the rows' order).
 */
export function withPositions(rel: Rel, name: string): Rel {
  return {
    kind: 'window',
    input: rel,
    partition: [],
    aggregates: [{ name, fn: 'count', type: 'number' }],
    running: { size: 0, current: true },
  };
}

/** A field name as SPL text writes it (searches Nexus generates): as it is when plain, else in single quotes. */
export const splFieldName = (name: string): string =>
  /^[A-Za-z_][\w.]*$/.test(name) ? name : `'${name.replace(/'/g, "\\'")}'`;

/** A double-quoted SPL string of `text` (backslashes and quotes escaped, as the lexer reads them back). */
export const splQuoted = (text: string): string => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * Over raw events, `s` with the changes commands made to the structured fields by name only (removals,
 * fills, merges, maps) written into the events' JSON, one step after another in their order: a command that
 * needs every field (`filldown` or `fillnull` without a list, the events shown) then sees them as they are,
 * as if each command had changed the events' fields when it ran. Undefined when there is nothing to write,
 * or a change cannot be written (see `Scope.bakedFields`).
 *
 * @example fillnull | filldown → SELECT …, CAST(JSONMergePatch(toJSONString(`_fields`), …) AS JSON) AS `_fields`
 */
export function materializeFields(s: State): State | undefined {
  if (!s.scope.raw) return undefined;
  const baked = s.scope.bakedFields();
  if (!baked) return undefined;
  const columns = (scope: Scope): { name: string; expr: Expr }[] =>
    scope.columns.map((c) => ({ name: c.name, expr: s.scope.resolve(c.name) }));
  // The planner columns the steps read stay until the last step.
  const rel = baked.steps.reduce<Rel>((input, step, i) => {
    const helper = step.kind === 'fill' ? step.names : step.kind === 'merge' ? step.column : undefined;
    const args = [...(helper === undefined ? [] : [s.scope.resolve(helper)]), lit(JSON.stringify(step))];
    return {
      kind: 'project',
      input,
      columns: columns(i === baked.steps.length - 1 ? baked.scope : s.scope),
      keepRaw: true,
      fields: call('fields_filled', args, 'any'),
    };
  }, s.rel);
  return { rel, scope: baked.scope };
}

/**
 * Over raw events whose fields commands extracted (`extract`, `spath` without a path, `xmlkv`) or renamed by a
 * wildcard, `s` with the events' JSON holding every field as it is now, rebuilt from the stored fields and
 * those commands in order (`Scope.writtenMap`), so the events can be shown with them. Undefined when nothing
 * was extracted or renamed, or a change cannot be followed.
 *
 * @example extract → SELECT …, map_json(mapUpdate(fields_matching(…), kv_fields(_raw, …))) AS `_fields`
 */
export function writeExtractedFields(s: State): State | undefined {
  if (!s.scope.raw || !s.scope.namesExtracted) return undefined;
  const written = s.scope.writtenMap();
  if (!written) return undefined;
  const rel: Rel = {
    kind: 'project',
    input: s.rel,
    columns: written.scope.columns.map((c) => ({ name: c.name, expr: s.scope.resolve(c.name) })),
    keepRaw: true,
    fields: call('map_json', [written.map], 'any'),
  };
  return { rel, scope: written.scope };
}

/**
 * Over raw events, `s` with every change commands made to the structured fields by name only written into
 * the events' JSON, for a command that reads every field from it (`tojson`, `foreach` with a wildcard): the
 * fields extracted or renamed by a wildcard, and what came after (`writeExtractedFields`), or else the
 * removals, fills, merges and maps (`materializeFields`). Undefined when there is nothing to write, or a
 * change cannot be written.
 */
export function writeEveryField(s: State): State | undefined {
  return s.scope.namesExtracted ? writeExtractedFields(s) : materializeFields(s);
}

/** `_time` of `scope`, or undefined with a diagnostic naming `who` (at `span`) when a command removed it. */
export function timeOf(scope: Scope, who: string, span: Span, errors: Diagnostic[]): Expr | undefined {
  if (scope.has('_time') || scope.raw) return scope.resolve('_time');
  errors.push(
    diagnostic('semantic', `${who} needs \`_time\`, which is gone at this point of the pipeline`, span),
  );
  return undefined;
}

/** `rel` with the least and greatest `value` over all its rows in every row, as columns `lo` and `hi`. */
export function withMinMax(rel: Rel, value: Expr, lo: string, hi: string): Rel {
  return {
    kind: 'window',
    input: rel,
    partition: [],
    aggregates: [
      { name: lo, fn: 'min', arg: value, type: 'number' },
      { name: hi, fn: 'max', arg: value, type: 'number' },
    ],
  };
}

/**
 * A split field's values one per row, for commands that count an event under each value of a multivalue
 * field (`stats`/`chart`/`timechart` BY, `chart … over`, `top`/`rare`), as Splunk does: a multivalue field
 * is expanded first, each row carrying one value as text under the field's name (an event without values
 * keeps one row with none); `dedup` counts a value repeated in one event once. A single-valued field
 * passes through. Gives the new state and the field's expression there.
 *
 * @example `timechart count by tags` with `tags=split("a,b", ",")` → `arrayJoin(…tags…)` as `tags`: the
 *   event counts once under `a` and once under `b`
 */
export function eachValue(
  s: State,
  field: Ident,
  how: { readonly dedup?: boolean; readonly structured?: boolean } = {},
): { s: State; expr: Expr } {
  const expr = s.scope.resolve(field.name, field.span);
  // `structured`: a raw event's structured field may hold a JSON array, whose values count apart too (a
  // single value is a list of one).
  const values =
    expr.type === 'mv'
      ? expr
      : how.structured === true && expr.kind === 'field'
        ? call('split_values', [expr], 'mv', field.span)
        : undefined;
  if (values === undefined) return { s, expr };
  const dedup = how.dedup === true;
  const list = dedup ? call('mvdedup', [values], 'mv', field.span) : values;
  return {
    s: {
      // An aggregate follows: the values' order in the event does not matter.
      rel: { kind: 'expand', input: s.rel, name: field.name, list, limit: 0, unordered: true },
      scope: s.scope.with(field.name, 'string'),
    },
    expr: col(field.name, 'string', field.span),
  };
}

/**
 * After a transforming command (`| makeresults | eval _raw="a=1" | extract`): the fields an extraction finds,
 * whose names only the data holds, as the series map (`fields`: name → values, as the extraction lists them
 * over raw events), which later commands read by name and the service spreads into columns, in name order. A
 * field the results already have keeps its value (a column wins over a series of its name). Undefined (with a
 * diagnostic at `span`) after a pivot whose series are not lists.
 */
export function extractedSeries(s: State, fields: Expr, span: Span, errors: Diagnostic[]): State | undefined {
  const type = s.scope.seriesType;
  if (type !== undefined && type !== 'mv') {
    errors.push(
      diagnostic('unsupported', 'extracting fields into the series of a pivot is not supported yet', span, [
        'extract before `timechart`, `chart` or `xyseries`',
      ]),
    );
    return undefined;
  }
  const map = type === 'mv' ? call('map_update', [col(seriesColumn, 'mv'), fields], 'mv') : fields;
  return {
    rel: { kind: 'compute', input: s.rel, name: seriesColumn, expr: call('map_sorted', [map], 'mv', span) },
    scope: s.scope.with(seriesColumn, 'mv'),
  };
}
