// `makeresults`: generates results with only `_time` (the search's now), the fields of `annotate=true`, or a
// result per row of inline CSV or JSON data (`format=csv|json data="…"`).

import type { CommandOption } from '../ast.ts';
import { bool, positive, str } from '../analyse/options.ts';
import { parseCsv } from '../csv.ts';
import { makeresultsBody } from '../parser/commands.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { Expr, ScalarType } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { optionNumber, unknownOption, withPositions } from '../plan/helpers.ts';
import type { State } from '../plan/index.ts';
import { Scope, reservedNames } from '../plan/scope.ts';
import { notFirst } from './unsupported.ts';
import type { CommandModule } from './types.ts';

/** A cell of inline data: text, several values (a JSON array), a JSON number, or nothing. */
type Cell = string | number | string[] | null;

/** The inline data's rows, its field names in the order they first appear. */
interface InlineData {
  readonly names: string[];
  readonly rows: ReadonlyMap<string, Cell>[];
}

/** The fields `annotate=true` adds, in the page's order, beside `_time`; all empty but `splunk_server`. */
const ANNOTATED = ['_raw', 'host', 'source', 'sourcetype', 'splunk_server', 'splunk_server_group'];

/** The name Nexus gives its one search head (as `metasearch` does). */
const SERVER = 'nexus';

/** The row number of each generated result (1, 2, …), as a planner column. */
const ROW = '__makeresults_row';

export const makeresults: CommandModule<'makeresults'> = {
  name: 'makeresults',
  kind: 'makeresults',
  status: 'supported',
  generating: true,
  grammar: { mode: 'args', body: makeresultsBody },
  options: {
    placement: 'anywhere',
    options: {
      count: positive,
      annotate: bool,
      splunk_server: str,
      splunk_server_group: str,
      format: { type: 'enum', values: ['csv', 'json'] },
      data: str,
    },
  },
  doc: {
    summary:
      'Generates results: `count` results with only `_time`, with `annotate=true` also `_raw`, `host`, `source`, `sourcetype`, `splunk_server` and `splunk_server_group`, or one result per row of inline CSV or JSON (`format=csv|json data="…"`).',
    syntax:
      '| makeresults [count=<int>] [annotate=<bool>] [splunk_server=<string>] [splunk_server_group=<string>] [format=csv|json data=<string>]',
    example: '| makeresults format=json data="[{\\"user\\":\\"ann\\"},{\\"user\\":\\"bob\\"}]" | table user',
    differences: [
      'With `data=`, each row of the data is a result with the data’s fields and `_time` (the search’s now, unless the data has a `_time`: epoch seconds, as `eval _time=<number>` leaves it); `count=` is ignored there. CSV: the first line names the fields (trimmed), as in a lookup file; values are text. JSON: an array of objects (or one object); numbers stay numbers, `true`/`false` become text, an array becomes a multivalue field, a nested object its JSON text. A field a row lacks is empty there.',
      '`annotate=true`: `splunk_server` is `nexus` and the other added fields are empty, as on Splunk’s page. `splunk_server=`/`splunk_server_group=` take `local`, `*` or `nexus` (Nexus is one search head); another server is a diagnostic.',
    ],
  },
  source(c, ctx) {
    let count = 1;
    let annotate = false;
    let format: CommandOption | undefined;
    let data: CommandOption | undefined;
    for (const o of c.options) {
      const key = o.key.name.toLowerCase();
      if (key === 'count') count = optionNumber(o, ctx.errors, 1) ?? 1;
      else if (key === 'annotate') annotate = ['t', 'true', '1', 'yes'].includes(o.value.text.toLowerCase());
      else if (key === 'format') format = o;
      else if (key === 'data') data = o;
      else if (key === 'splunk_server' || key === 'splunk_server_group') {
        if (!['local', '*', SERVER].includes(o.value.text.toLowerCase()))
          ctx.errors.push(
            diagnostic(
              'unsupported',
              `\`makeresults ${key}=${o.value.text}\`: Nexus runs every search on its one search head`,
              o.value.span,
              [`use \`${key}=local\` or leave it out`],
            ),
          );
      } else
        unknownOption(
          o,
          'makeresults',
          ['count', 'annotate', 'splunk_server', 'splunk_server_group', 'format', 'data'],
          ctx.errors,
        );
    }
    if ((format === undefined) !== (data === undefined)) {
      const given = format ?? data;
      ctx.errors.push(
        diagnostic(
          'semantic',
          format ? '`format=` needs `data=` with the rows' : '`data=` needs `format=csv` or `format=json`',
          given?.span ?? c.span,
        ),
      );
      return undefined;
    }
    const inline = format && data ? readData(format.value.text.toLowerCase(), data, ctx.errors) : undefined;
    if (format && !inline) return undefined;
    const rows = inline ? inline.rows.length : count;
    const generated: State = {
      rel: { kind: 'values', count: rows, timeMs: ctx.options.nowMs },
      scope: Scope.closed([{ name: '_time', type: 'time' }]),
    };
    if (!inline && !annotate) return generated;
    const columns: { name: string; expr: Expr; type: ScalarType }[] = [];
    const time = { name: '_time', expr: col('_time', 'time'), type: 'time' } as const;
    if (annotate) {
      columns.push(
        ...ANNOTATED.map((name) => ({
          name,
          expr: name === 'splunk_server' ? lit(SERVER) : lit(null),
          type: 'string' as const,
        })),
      );
      columns.splice(1, 0, time);
    } else columns.push(time);
    if (inline) {
      const at = col(ROW, 'number');
      for (const name of inline.names) {
        const cells = inline.rows.map((r) => r.get(name) ?? null);
        // `_time` given as epoch seconds in text (CSV) is a time like `eval _time=<number>` makes.
        if (name === '_time' && cells.every((v) => v === null || (v !== '' && Number.isFinite(Number(v)))))
          cells.forEach((v, i) => (cells[i] = v === null ? null : Number(v)));
        const type = typeOf(cells);
        const expr = call('model_value', [at, lit(JSON.stringify(cells)), lit(type)], type);
        const column = { name, expr, type };
        const i = columns.findIndex((x) => x.name === name);
        if (i >= 0) columns[i] = column;
        else columns.push(column);
      }
    }
    return {
      rel: {
        kind: 'project',
        input: inline ? withPositions(generated.rel, ROW) : generated.rel,
        columns: columns.map(({ name, expr }) => ({ name, expr })),
        keepRaw: false,
      },
      scope: Scope.closed(columns.map(({ name, type }) => ({ name, type }))),
    };
  },
  lower: (c, s, ctx) => notFirst(c, s, ctx.errors),
};

/** A column's type: numbers when every value given is a JSON number, several values when one is a list. */
function typeOf(cells: readonly Cell[]): ScalarType {
  if (cells.some((v) => Array.isArray(v))) return 'mv';
  const given = cells.filter((v) => v !== null);
  return given.length > 0 && given.every((v) => typeof v === 'number') ? 'number' : 'string';
}

/** The rows of `data` in `format`; undefined after a diagnostic at the data. */
function readData(format: string, data: CommandOption, errors: Diagnostic[]): InlineData | undefined {
  const at = data.value.span;
  const fail = (message: string): undefined => {
    errors.push(diagnostic('semantic', `\`makeresults data=\`: ${message}`, at));
    return undefined;
  };
  let read: InlineData | string;
  if (format === 'csv') {
    const csv = parseCsv(data.value.text);
    if (!csv.ok) return fail(`line ${csv.line} of the CSV: ${csv.message}`);
    const { header, rows } = csv.table;
    read = { names: header, rows: rows.map((r) => new Map(header.map((h, i) => [h, r[i] ?? null]))) };
  } else read = jsonRows(data.value.text);
  if (typeof read === 'string') return fail(read);
  const reserved = read.names.find((n) => reservedNames.has(n) || n.startsWith('__'));
  if (reserved !== undefined) return fail(`\`${reserved}\` is reserved and cannot be a field`);
  if (read.rows.length === 0) return fail('the data has no rows');
  return read;
}

/** The results of JSON `text` (an array of objects, or one object), or what is wrong with it. */
function jsonRows(text: string): InlineData | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return `not valid JSON (${err instanceof Error ? err.message : String(err)})`;
  }
  const objects = Array.isArray(value) ? value : [value];
  const names: string[] = [];
  const seen = new Set<string>();
  const rows: Map<string, Cell>[] = [];
  for (const [i, o] of objects.entries()) {
    if (o === null || typeof o !== 'object' || Array.isArray(o))
      return `result ${i + 1} of the JSON is not an object (each result is an object of fields)`;
    const row = new Map<string, Cell>();
    for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
      if (k === '') return `result ${i + 1} of the JSON has a field without a name`;
      if (!seen.has(k)) {
        seen.add(k);
        names.push(k);
      }
      row.set(k, cell(v));
    }
    rows.push(row);
  }
  return { names, rows };
}

/** A JSON value as a field value: text, a number, a list of texts, or nothing. */
function cell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v))
    return v.filter((x) => x !== null).map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
  return JSON.stringify(v);
}
