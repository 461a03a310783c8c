// `transpose`: the first N results turned into columns, one row per field.

import { bool, str } from '../analyse/options.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, Rel, ScalarType } from '../ir/types.ts';
import { call, col, lit, seriesColumn } from '../ir/types.ts';
import { toStr } from '../plan/coerce.ts';
import { optionText, materializeFields, plainStructured, truthy } from '../plan/helpers.ts';
import { withoutSeries } from '../plan/pivot.ts';
import { plannerColumnPrefix, Scope } from '../plan/scope.ts';
import { withPositions } from '../plan/streamstats.ts';
import { argsOf, assignable } from '../plan/streaming.ts';
import type { CommandModule } from './types.ts';

const label = '__tp_row';
const value = '__tp_value';
const order = '__tp_order';

export const transpose: CommandModule<'generic'> = {
  name: 'transpose',
  kind: 'generic',
  status: 'partly',
  options: {
    placement: 'anywhere',
    options: { column_name: str, header_field: str, include_empty: bool },
  },
  doc: {
    summary: 'Turns the first N results (5 by default) into columns `row 1` … `row N`, one row per field.',
    syntax: 'transpose [<int>] [column_name=<string>] [header_field=<field>] [include_empty=<bool>]',
    example: 'index=main | stats count BY host | transpose 3',
    differences: [
      'Fields named `_…` are left out.',
      'Over raw events the known fields come first, then the structured ones by name (their values as text); not after a command that renamed structured fields with a wildcard or extracted fields whose names only the data holds.',
    ],
  },
  lower(c, given, ctx) {
    // Over raw events, earlier removals, fills, merges and maps are written into the events' fields first.
    const s = given.scope.raw ? (materializeFields(given) ?? given) : given;
    const args = argsOf(c, ctx.errors);
    const options = args.flatMap((a) => (a.kind === 'option' ? [a.option] : []));
    const words = args.filter((a) => a.kind !== 'option');
    const count = words[0]?.kind === 'word' ? Number(words[0].word.text) : 5;
    const bad = words[1] ?? (Number.isInteger(count) && count >= 1 ? undefined : words[0]);
    if (bad) {
      const at = bad.kind === 'word' ? bad.word.span : bad.kind === 'group' ? bad.span : c.name.span;
      ctx.errors.push(
        diagnostic('syntax', '`transpose` takes the number of results to turn into columns', at),
      );
      return s;
    }
    const raw = s.scope.raw;
    if (raw && !plainStructured(s)) {
      ctx.errors.push(
        diagnostic(
          'unsupported',
          '`transpose` over raw events after a command that renamed their fields with a wildcard or extracted fields whose names only the data holds is not supported yet',
          c.name.span,
          ['run it after `stats`, `chart` or `table`'],
        ),
      );
      return s;
    }
    if (!withoutSeries(c.name, [s], ctx.errors)) return s;
    const columnName = optionText(options, 'column_name') ?? 'column';
    const header = optionText(options, 'header_field');
    const columnOption = options.find((o) => o.key.name.toLowerCase() === 'column_name');
    if (!assignable(columnName, columnOption?.value.span ?? c.name.span, ctx.errors)) return s;
    const fields = s.scope.columns
      .map((x) => x.name)
      .filter((n) => !n.startsWith('_') && n !== header && n !== columnName);
    if (fields.length === 0 && !raw) return s;
    // Each result's name for its column: `row N` in the results' order, or its header field's value.
    // Over raw events the known columns are read by name here, so they are listed (with the events' JSON).
    const input: Rel = raw
      ? {
          kind: 'project',
          input: s.rel,
          columns: s.scope.columns.map((x) => ({ name: x.name, expr: s.scope.resolve(x.name) })),
          keepRaw: true,
        }
      : s.rel;
    const { rel: positioned, positions } = withPositions({ kind: 'take', input, limit: count });
    const name: Expr =
      header === undefined
        ? call('concat', [lit('row '), toStr(positions)], 'string')
        : toStr(s.scope.resolve(header));
    let rel: Rel = { kind: 'compute', input: positioned, name: label, expr: name };
    // Over raw events the structured fields (named only when the search runs) follow the known ones.
    const structured = `${plannerColumnPrefix}transpose_${c.span.start}`;
    if (raw) {
      const map = call('fields_map', [call('fields_json', [], 'any')], 'any');
      rel = { kind: 'compute', input: rel, name: structured, expr: map };
    }
    const includeEmpty = truthy(optionText(options, 'include_empty') ?? 'true');
    const types = fields.map((f) => s.scope.resolve(f).type);
    const valueType: 'number' | 'any' = !raw && types.every((t) => t === 'number') ? 'number' : 'any';
    rel = {
      kind: 'unpivot',
      input: rel,
      key: label,
      columns: fields,
      nameColumn: columnName,
      valueColumn: value,
      valueType,
      ...(raw ? { series: structured } : {}),
      // Search Reference, transpose: `include_empty` (default true) keeps the fields empty in every result.
      ...(includeEmpty ? { keepEmpty: true } : {}),
    };
    // The fields keep their order: a row's place is its field's place.
    const place = fields.flatMap((f, i) => [call('eq', [col(columnName, 'string'), lit(f)], 'bool'), lit(i)]);
    const known = call('case', place, 'number');
    rel = {
      kind: 'compute',
      input: rel,
      name: order,
      expr: raw ? call('coalesce', [known, lit(fields.length)], 'number') : known,
    };
    const keys: { name: string; type: ScalarType }[] = [
      { name: order, type: 'number' },
      { name: columnName, type: 'string' },
    ];
    rel = {
      kind: 'pivot',
      input: rel,
      keys,
      label,
      values: [{ name: value, zero: false }],
      prefix: false,
      sep: ': ',
      last: [],
      valueType,
      column: seriesColumn,
    };
    const scope = Scope.series(keys, valueType);
    const out = [
      { name: columnName, expr: scope.resolve(columnName) },
      { name: seriesColumn, expr: scope.resolve(seriesColumn) },
    ];
    return {
      rel: { kind: 'project', input: rel, columns: out, keepRaw: false },
      scope: Scope.series([{ name: columnName, type: 'string' }], valueType),
    };
  },
};
