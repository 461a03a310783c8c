// The totals row of `addcoltotals` and `addtotals col=true`: one more result with the sum of each field.

import type { FieldPattern, Ident } from '../ast.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import type { Aggregate } from '../ir/types.ts';
import { col, lit, seriesColumn } from '../ir/types.ts';
import { concat } from './append.ts';
import { toNumber } from './coerce.ts';
import { namedFields } from './helpers.ts';
import type { State } from './index.ts';
import { selectSeries, seriesPatterns } from './pivot.ts';
import { Scope, plannerColumnPrefix } from './scope.ts';

export interface ColumnTotalsOptions {
  readonly command: Ident;
  /** The fields to add up (wildcards allowed); none: every field. */
  readonly fields: readonly FieldPattern[];
  /** Fields added up besides the list (`addtotals`' row total). */
  readonly also?: readonly string[];
  /** The field that says `label` in the totals row (absent: none). */
  readonly labelField?: { readonly name: string; readonly span: Span };
  readonly label: string;
  readonly hint: string;
}

/**
 * The results, then one result with the sum of each field's numeric values (empty where a field has none,
 * as for text fields) and `label` in `labelField`. After `chart`/`timechart … by`/`xyseries`/`pivot` the
 * series are added up too, each under its name (`sumMap` over the series map), in one `UNION ALL`.
 *
 * @example `stats count by host | addcoltotals labelfield=host` →
 *   `SELECT host, count … UNION ALL SELECT 'Total' AS host, sumOrNull(count) …` (both over the stats)
 */
export function columnTotals(s: State, o: ColumnTotalsOptions, errors: Diagnostic[]): State | undefined {
  const names = namedFields(o.command, o.fields, s, errors, o.hint);
  if (!names) return undefined;
  const summed = [...new Set([...names, ...(o.also ?? [])])].filter((n) => n !== o.labelField?.name);
  const aggregates = summed.map((name): Aggregate => ({
    name,
    fn: 'sum',
    arg: toNumber(s.scope.resolve(name)),
    type: 'number',
  }));
  // The series in the list (every series without one); multivalue series (`values`, `list`) are not numbers
  // and stay empty.
  const seriesType = s.scope.seriesType;
  if (seriesType !== undefined) {
    const patterns = seriesPatterns(o.fields, s.scope);
    const map =
      o.fields.length === 0
        ? col(seriesColumn, seriesType)
        : patterns.length > 0
          ? selectSeries(s.scope, patterns)
          : undefined;
    if (map) aggregates.push({ name: seriesColumn, fn: 'sum_map', arg: map, type: seriesType });
  }
  // Nothing to add up (only the label, or only multivalue series): the totals row still is one row.
  const rows: Aggregate = { name: `${plannerColumnPrefix}rows`, fn: 'count', type: 'number' };
  let totals: State = {
    rel: {
      kind: 'aggregate',
      input: s.rel,
      groups: [],
      aggregates: aggregates.length > 0 ? aggregates : [rows],
    },
    scope: Scope.closed(aggregates.map((a) => ({ name: a.name, type: a.type }))),
  };
  if (o.labelField) {
    const name = o.labelField.name;
    totals = {
      rel: { kind: 'compute', input: totals.rel, name, expr: lit(o.label, o.labelField.span) },
      scope: totals.scope.with(name, 'string'),
    };
  }
  return concat(s, totals);
}
