// A pivot's LIMIT (the rows kept, by a statistic) and SORT (the first rows by a field) elements.

import type { Command, SortKey } from '../ast.ts';
import type { State } from './index.ts';
import { nameAt } from './datamodel-pivot-splits.ts';
import type { PivotPlan } from './datamodel-pivot-splits.ts';
import { ident, pattern } from './datamodel-pivot-parse.ts';
import type { Parsed } from './datamodel-pivot-parse.ts';

/** The hidden statistic a LIMIT ranks the rows by, a cell of the statistics until the limit is applied. */
export const LIMIT_STAT = '__pivot_limit';

/**
 * `LIMIT <field> BY top|bottom <n> <stat>` on the one SPLITROW's field: the rows sorted by the hidden
 * statistic (`top`: the largest first), the first `n` kept, the statistic dropped.
 */
export function limitRows(pp: PivotPlan, from: State, limit: Parsed['limits'][number]): State {
  const lower = (s: State, cmd: Command): State => pp.ctx.lowerCommand(cmd, s);
  const key: SortKey = {
    kind: 'sort-key',
    field: { kind: 'ident', name: LIMIT_STAT, quoted: false, span: limit.span },
    direction: limit.dir.text.toLowerCase() === 'top' ? 'desc' : 'asc',
    coerce: null,
    span: limit.span,
  };
  // Ties keep the rows' order (by the row value), as Splunk's stable sort does; it also makes the rows kept
  // the same each time the limited table is read (the COLSUMMARY row reads it again).
  const row = pp.p.rows[0];
  const tie: SortKey[] = row
    ? [{ ...key, field: { ...ident(row.field), name: (row.label ?? row.field).text }, direction: 'asc' }]
    : [];
  let state = lower(from, {
    kind: 'sort',
    name: nameAt(pp, 'sort'),
    span: limit.span,
    keys: [key, ...tie],
    reverse: false,
  });
  state = lower(state, {
    kind: 'head',
    name: nameAt(pp, 'head'),
    span: limit.span,
    count: { value: limit.count, span: limit.span },
    options: [],
  });
  return lower(state, {
    kind: 'fields',
    name: nameAt(pp, 'fields'),
    span: limit.span,
    mode: 'remove',
    fields: [pattern(LIMIT_STAT, limit.span)],
  });
}

/** `SORT <n> <field>`: the rows sorted by the field (ascending), the first `n` kept. */
export function sortRows(pp: PivotPlan, from: State, sort: NonNullable<Parsed['sort']>): State {
  const key: SortKey = {
    kind: 'sort-key',
    field: ident(sort.field),
    direction: 'asc',
    coerce: null,
    span: sort.span,
  };
  return pp.ctx.lowerCommand(
    {
      kind: 'sort',
      name: nameAt(pp, 'sort'),
      span: sort.span,
      keys: [key],
      reverse: false,
      limit: { value: sort.count, span: sort.span },
    },
    from,
  );
}
