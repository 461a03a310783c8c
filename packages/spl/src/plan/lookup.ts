// Lowers the lookup commands: `lookup` (enrich rows from a table), `inputlookup` (a table's rows) and
// `outputlookup` (checked here; the service writes the results).

import type {
  CommandOption,
  Ident,
  InputlookupCommand,
  LookupCommand,
  LookupField,
  OutputlookupCommand,
} from '../ast.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic, nearest } from '../diagnostics.ts';
import type {
  Column,
  Expr,
  LookupSource,
  LookupTimeMatch,
  LookupTimeSettings,
  LookupValuesSpec,
  Rel,
} from '../ir/types.ts';
import type { LookupTime } from '../knowledge/types.ts';
import { strftimeFormat } from '../strftime.ts';
import { call, lit } from '../ir/types.ts';
import { LOOKUP_MAX_MATCHES, lookupNameProblem, lookupTableName } from '../lookups.ts';
import { toMv, toStr } from './coerce.ts';
import { expandPatterns, optionText, truthy } from './helpers.ts';
import type { PlanOptions, State } from './index.ts';
import { Scope, reservedNames } from './scope.ts';
import type { SearchContext } from './search.ts';
import { lowerSearch } from './search.ts';

/** What `outputlookup` asks the service to write: the results' columns, into `table`. */
export interface LookupOutput {
  /** The canonical table name. */
  readonly table: string;
  readonly append: boolean;
  /** At most this many rows are written (`max=`); undefined: all. */
  readonly max?: number;
  /** `create_empty=false`: no results create no table. */
  readonly createEmpty: boolean;
  /** `override_if_empty=false`: no results leave an existing table as it is. */
  readonly overrideIfEmpty: boolean;
  /** The columns written, in order: every result field except internal ones (`_raw` …), `_time` kept. */
  readonly columns: readonly Column[];
  /** The command, for a diagnostic the service raises (a role that may not write). */
  readonly span: Span;
}

/** An `outputlookup` before the end of the search: the rows it writes (`rel`) and where. */
export interface LookupWrite {
  readonly output: LookupOutput;
  readonly rel: Rel;
}

/**
 * Whether `node` (a relation, or any part of one) reads the lookup table `table` (`inputlookup`, `lookup`,
 * a lookup in an expression), leaving out the subtree `skip` (the rows an `outputlookup` writes).
 */
export function readsTable(node: unknown, table: string, skip: Rel): boolean {
  const seen = new Set<object>();
  const walk = (x: unknown): boolean => {
    if (x === skip || typeof x !== 'object' || x === null || seen.has(x)) return false;
    seen.add(x);
    if (Array.isArray(x)) return x.some(walk);
    // `lookup_values` names its table in its last argument, a JSON literal (LookupValuesSpec).
    const spec = 'fn' in x && x.fn === 'lookup_values' && 'args' in x ? lookupSpecOf(x.args) : undefined;
    if (spec !== undefined) return spec.table.name === table;
    const source = 'table' in x ? x.table : undefined;
    if (
      typeof source === 'object' &&
      source !== null &&
      'orgId' in source &&
      'name' in source &&
      source.name === table
    ) {
      return true;
    }
    return Object.values(x).some(walk);
  };
  return walk(node);
}

/** The table spec of a `lookup_values` call's arguments (the last one, a JSON literal). */
function lookupSpecOf(args: unknown): LookupValuesSpec | undefined {
  if (!Array.isArray(args)) return undefined;
  const last: unknown = args[args.length - 1];
  if (typeof last !== 'object' || last === null || !('value' in last) || typeof last.value !== 'string')
    return undefined;
  return JSON.parse(last.value) as LookupValuesSpec;
}

/** A table of the catalog and its columns, or a diagnostic naming it (with near names) at `at`. */
function findTable(
  table: Ident,
  options: PlanOptions,
  errors: Diagnostic[],
): { source: LookupSource; columns: readonly string[] } | undefined {
  // A transforms.conf lookup definition names its table with `filename` (`[users_def] filename = users.csv`).
  const def = options.knowledge?.transforms.find((t) => t.name === table.name && t.filename !== undefined);
  const name = lookupTableName(def?.filename ?? table.name);
  if (name === undefined) {
    errors.push(diagnostic('semantic', lookupNameProblem(table.name), table.span));
    return undefined;
  }
  const columns = options.lookups?.get(name);
  if (!columns) {
    const known = [...(options.lookups?.keys() ?? [])];
    errors.push(
      diagnostic(
        'semantic',
        `unknown lookup table \`${table.name}\``,
        table.span,
        nearest(name, known).map((n) => `did you mean \`${n}\`?`),
      ),
    );
    return undefined;
  }
  return { source: { orgId: options.orgId, name }, columns };
}

/** Checks that `f` names a column of the table; a diagnostic at its span otherwise. */
function hasColumn(f: LookupField, table: Ident, columns: readonly string[], errors: Diagnostic[]): boolean {
  if (columns.includes(f.field.name)) return true;
  errors.push(
    diagnostic(
      'semantic',
      `the lookup table \`${table.name}\` has no column \`${f.field.name}\``,
      f.field.span,
      nearest(f.field.name, columns).map((n) => `did you mean \`${n}\`?`),
    ),
  );
  return false;
}

/** An output field name the pipeline may assign (not `_fields`, `org_id`); a diagnostic otherwise. */
function assignable(name: Ident, errors: Diagnostic[]): boolean {
  if (!reservedNames.has(name.name)) return true;
  errors.push(diagnostic('semantic', `\`${name.name}\` is reserved and cannot be assigned`, name.span));
  return false;
}

/**
 * How a time-based lookup matches (`undefined`: not time-based; null: a diagnostic was raised). The
 * event's time is `_time`, or the field `event_time_field=` names.
 */
function timeMatch(
  c: LookupCommand,
  s: State,
  time: LookupTime | undefined,
  columns: readonly string[],
  options: PlanOptions,
  errors: Diagnostic[],
): LookupTimeMatch | undefined | null {
  const option = c.options.find((o) => o.key.name.toLowerCase() === 'event_time_field');
  if (!time) {
    if (!option) return undefined;
    errors.push(
      diagnostic(
        'semantic',
        `\`event_time_field\` needs a time-based lookup: \`${c.table.name}\` is not a transforms.conf lookup definition with a \`time_field\``,
        option.span,
      ),
    );
    return null;
  }
  if (!columns.includes(time.field)) {
    errors.push(
      diagnostic(
        'semantic',
        `the lookup table of \`${c.table.name}\` has no column \`${time.field}\` (its \`time_field\`)`,
        c.table.span,
      ),
    );
    return null;
  }
  const settings = lookupTimeSettings(time, options.timeZone ?? 'UTC');
  if (typeof settings === 'string') {
    errors.push(diagnostic('unsupported', settings, c.table.span));
    return null;
  }
  const event = option ? s.scope.resolve(option.value.text, option.value.span) : s.scope.resolve('_time');
  return { ...settings, event };
}

/** The settings of a time match, without its event. */
function timeSettingsOf({
  column,
  format,
  timeZone,
  minOffsetSecs,
  maxOffsetSecs,
}: LookupTimeMatch): LookupTimeSettings {
  return { column, format, timeZone, minOffsetSecs, maxOffsetSecs };
}

/** A definition's time settings as SQL needs them, or why its `time_format` cannot be read. */
export function lookupTimeSettings(time: LookupTime, timeZone: string): LookupTimeSettings | string {
  // Splunk's default `%s.%Q` (and `%s`) is epoch seconds, read as a number.
  let format: string | null = null;
  if (time.format !== undefined && !/^%s(\.%Q)?$/.test(time.format)) {
    const converted = strftimeFormat(time.format);
    if (!converted.ok) return `\`time_format\`: ${converted.message}`;
    format = converted.format;
  }
  return {
    column: time.field,
    format,
    timeZone,
    minOffsetSecs: time.minOffsetSecs,
    maxOffsetSecs: time.maxOffsetSecs,
  };
}

/**
 * `lookup <table> <col> [AS <field>], … [OUTPUT|OUTPUTNEW <col> [AS <field>], …]`. Rows match when every
 * key column equals the row's field (case-sensitive); the outputs become multivalue fields of up to 1,000
 * matching rows' values, null without a match. OUTPUT replaces the fields, OUTPUTNEW fills only those
 * that are null. No output clause: every column that is not a key.
 *
 * @example lookup(parse('| lookup users user AS uid OUTPUT dept').…)
 *   // lookup(input, users, keys: user = tostring(uid), outputs: dept)
 */
export function lookup(c: LookupCommand, s: State, options: PlanOptions, errors: Diagnostic[]): State {
  const table = findTable(c.table, options, errors);
  if (!table) return s;
  const keys: { column: string; value: Expr }[] = [];
  for (const k of c.keys) {
    if (!hasColumn(k, c.table, table.columns, errors)) continue;
    const event = k.alias ?? k.field;
    const value = s.scope.resolve(event.name, event.span);
    if (value.type === 'mv') {
      // Each value is looked up; with several multivalue keys, each combination (the printer handles
      // list keys).
      keys.push({ column: k.field.name, value });
      continue;
    }
    keys.push({ column: k.field.name, value: toStr(value) });
  }
  const written = c.output?.fields ?? [];
  const requested =
    c.output === undefined
      ? table.columns
          .filter((col) => !c.keys.some((k) => k.field.name === col))
          .map((col) => ({ column: col, name: col }))
      : written
          .filter(
            (f) => hasColumn(f, c.table, table.columns, errors) && assignable(f.alias ?? f.field, errors),
          )
          .map((f) => ({ column: f.field.name, name: (f.alias ?? f.field).name }));
  if (keys.length < c.keys.length || requested.length < written.length) return s;
  const def = options.knowledge?.transforms.find((t) => t.name === c.table.name && t.filename !== undefined);
  const time = timeMatch(c, s, def?.time, table.columns, options, errors);
  if (time === null) return s;
  if (time && keys.some((k) => k.value.type === 'mv')) {
    errors.push(
      diagnostic(
        'unsupported',
        'a time-based lookup of a multivalue field is not supported yet',
        c.table.span,
      ),
    );
    return s;
  }
  // A name written twice takes the last column, as later fields of the clause overwrite earlier ones.
  const byName = new Map(requested.map((o) => [o.name, o]));
  const keepExisting = c.output?.mode === 'OUTPUTNEW';
  const outputs = [...byName.values()].map((o) => {
    const existing = keepExisting ? s.scope.resolve(o.name) : undefined;
    // A field that cannot exist here (after a transforming command) has nothing to keep.
    return existing && existing.type !== 'null' ? { ...o, existing: toMv(existing) } : o;
  });
  let scope = s.scope;
  for (const o of outputs) scope = scope.with(o.name, 'mv');
  return {
    rel: {
      kind: 'lookup',
      input: s.rel,
      table: table.source,
      keys,
      outputs,
      // A time-based lookup uses one row unless its definition says otherwise.
      maxMatches: def?.maxMatches ?? (time ? 1 : LOOKUP_MAX_MATCHES),
      ...(time ? { time } : {}),
    },
    scope,
  };
}

/**
 * The values of column `output` in the rows of `table` whose key columns equal `keys` (a multivalue field,
 * empty without a match), as an expression: an automatic lookup or a data model's Lookup calculation is a
 * virtual field, and a search that never reads it never reads the table.
 */
export function lookupValues(
  table: LookupSource,
  keys: readonly { readonly column: string; readonly value: Expr }[],
  output: string,
  maxMatches: number,
  at: Span,
  time?: LookupTimeMatch,
): Expr {
  const settings = time ? timeSettingsOf(time) : undefined;
  const spec: LookupValuesSpec = {
    table,
    keys: keys.map((k) => k.column),
    output,
    maxMatches,
    ...(settings ? { time: settings } : {}),
  };
  // A multivalue key is looked up value by value (with several, each combination of their values).
  const value = (e: Expr): Expr => (e.type === 'mv' ? e : toStr(e));
  return call(
    'lookup_values',
    [...keys.map((k) => value(k.value)), ...(time ? [time.event] : []), lit(JSON.stringify(spec))],
    'mv',
    at,
  );
}

/** A whole-number option value ≥ 0, or a diagnostic. */
function count(o: CommandOption, errors: Diagnostic[]): number | undefined {
  const n = Number(o.value.text);
  if (Number.isInteger(n) && n >= 0) return n;
  errors.push(
    diagnostic(
      'semantic',
      `\`${o.key.name}\` must be a whole number ≥ 0, found \`${o.value.text}\``,
      o.value.span,
    ),
  );
  return undefined;
}

/**
 * `inputlookup [start=N] [max=N] <table> [WHERE <search>]`: the table's rows in file order (from row
 * `start`, at most `max` read), every column a field value. The WHERE clause has search semantics (case-insensitive, wildcards). `append=true` is the
 * caller's business; `strict` changes nothing (an unknown table is always an error here).
 */
export function inputlookup(
  c: InputlookupCommand,
  options: PlanOptions,
  errors: Diagnostic[],
  subsearch: SearchContext['subsearch'],
): State | undefined {
  let max: number | undefined;
  let start: number | undefined;
  for (const o of c.options) {
    const key = o.key.name.toLowerCase();
    if (key === 'max') max = count(o, errors);
    else if (key === 'start') start = count(o, errors);
  }
  const table = findTable(c.table, options, errors);
  if (!table) return undefined;
  const columns = table.columns.map((name) => ({ name, type: 'any' as const }));
  const scope = Scope.closed(columns);
  // `start`/`max` count the rows read from the file, before the WHERE clause filters them; `max=0` is
  // Splunk's "no limit" for inputlookup too.
  let rel: Rel = {
    kind: 'lookup-scan',
    table: table.source,
    columns: table.columns,
    ...(start !== undefined && start > 0 ? { start } : {}),
    ...(max !== undefined && max > 0 ? { max } : {}),
  };
  if (c.where) {
    const predicate = lowerSearch(c.where, {
      scope,
      diagnostics: errors,
      ...(subsearch ? { subsearch } : {}),
    });
    rel = { kind: 'filter', input: rel, predicate };
  }
  return { rel, scope };
}

/** Whether `inputlookup` was given `append=true` (then it may follow other commands). */
export const appends = (c: InputlookupCommand): boolean => truthy(optionText(c.options, 'append'));

/**
 * Raw events as the rows `outputlookup` writes: every field, as `table *` makes it (the event columns, then
 * every structured field the events have, known when the search runs, which the service spreads into
 * columns). `outputlookup` leaves out the internal `_` fields but `_time`.
 */
export function writtenTable(s: State, span: Span, errors: Diagnostic[]): State {
  if (!s.scope.raw) return s;
  const columns = expandPatterns(
    [{ kind: 'field-pattern', pattern: '*', quoted: false, span }],
    s.scope,
    errors,
  );
  return {
    rel: { kind: 'project', input: s.rel, columns, keepRaw: false },
    scope: s.scope.project(
      columns.map((x) => ({ name: x.name, type: x.expr.type === 'null' ? 'any' : x.expr.type })),
      false,
    ),
  };
}

/**
 * `outputlookup [append=…] [max=N] [create_empty=…] [override_if_empty=…] <table>`: the results are
 * returned unchanged, and the service writes them to the table. Only at the end of the search; raw events
 * are made a table of every field first (`writtenTable`).
 */
export function outputlookup(
  c: OutputlookupCommand,
  s: State,
  errors: Diagnostic[],
): LookupOutput | undefined {
  // (Raw events are made a table first, `writtenTable`: their fields are only known when the search runs.)
  if (s.scope.raw) {
    errors.push(diagnostic('unsupported', '`outputlookup` of raw events needs them as a table', c.name.span));
    return undefined;
  }
  const before = errors.length;
  let max: number | undefined;
  for (const o of c.options) {
    const key = o.key.name.toLowerCase();
    if (key === 'max') max = count(o, errors);
    else if (
      key === 'key_field' ||
      key === 'output_format' ||
      key === 'allow_updates' ||
      key === 'create_context'
    ) {
      errors.push(
        diagnostic(
          'unsupported',
          `\`outputlookup ${o.key.name}=\` (KV store collections) is not supported`,
          o.span,
        ),
      );
    }
  }
  const table = lookupTableName(c.table.name);
  if (table === undefined) errors.push(diagnostic('semantic', lookupNameProblem(c.table.name), c.table.span));
  const columns = s.scope.columns.filter((col) => col.name === '_time' || !col.name.startsWith('_'));
  if (table === undefined || errors.length > before) return undefined;
  const flag = (key: string, fallback: boolean): boolean => {
    const v = optionText(c.options, key);
    return v === undefined ? fallback : truthy(v);
  };
  return {
    table,
    append: flag('append', false),
    ...(max !== undefined && max > 0 ? { max } : {}),
    createEmpty: flag('create_empty', true),
    overrideIfEmpty: flag('override_if_empty', true),
    columns: columns.map((col) => ({ name: col.name, type: col.type === 'null' ? 'any' : col.type })),
    span: c.span,
  };
}
