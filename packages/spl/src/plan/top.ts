// Lowers `top` and `rare`: counts per value combination, their percentage, the N most (least) common.

import type { RareCommand, TopCommand } from '../ast.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { eachValue, truthy, wildcardFields } from './helpers.ts';
import type { State } from './index.ts';
import { Scope } from './scope.ts';

/**
 * `top [N] f… [by g…]`: one row per combination of `f` (per `g` group), with `count` and `percent`,
 * the N (default 10) most common first; `rare` is the same, least common first. Events missing any of
 * the fields are not counted.
 */
export function topRare(c: TopCommand | RareCommand, s: State, errors: Diagnostic[]): State {
  let limit = c.count?.value ?? 10;
  let countField = 'count';
  let percentField = 'percent';
  let showCount = true;
  let showPercent = true;
  let useOther = false;
  let otherStr = 'OTHER';
  for (const o of c.options) {
    const v = o.value.text;
    switch (o.key.name.toLowerCase()) {
      case 'limit':
        limit = Number(v);
        break;
      case 'countfield':
        countField = v;
        break;
      case 'percentfield':
        percentField = v;
        break;
      case 'showcount':
        showCount = truthy(v);
        break;
      case 'showperc':
        showPercent = truthy(v);
        break;
      case 'useother':
        useOther = truthy(v);
        break;
      case 'otherstr':
        otherStr = v;
        break;
      default:
        errors.push(diagnostic('semantic', `\`${c.name.name}\` has no option \`${o.key.name}\``, o.key.span));
    }
  }
  // A wildcard names the fields known here that match it (over raw events they are not known ahead).
  const named: { name: string; span: Span }[] = [];
  for (const f of c.fields) {
    const names = f.pattern.includes('*') ? wildcardFields(c.name, f, s, errors) : [f.pattern];
    if (!names) return s;
    for (const name of names) if (!named.some((n) => n.name === name)) named.push({ name, span: f.span });
  }
  // A multivalue field counts the event under each of its values (see `eachValue`).
  let input = s;
  const expanded = (f: { name: string; span: Span }): { name: string; expr: Expr } => {
    const each = eachValue(input, { kind: 'ident', name: f.name, quoted: false, span: f.span });
    input = each.s;
    return { name: f.name, expr: each.expr };
  };
  const by = c.by.map(expanded);
  const fields = named.map(expanded);
  const groups = [...by, ...fields];
  const total = '__total';
  let rel: Rel = {
    kind: 'aggregate',
    input: input.rel,
    groups,
    aggregates: [{ name: countField, fn: 'count', type: 'number' }],
  };
  const count = col(countField, 'number');
  rel = {
    kind: 'window',
    input: rel,
    partition: by.map((b) => col(b.name, typeOf(b.expr))),
    aggregates: [{ name: total, fn: 'sum', arg: count, type: 'number' }],
  };
  const percent: Expr = call(
    'mul',
    [call('div', [count, col(total, 'number')], 'number'), lit(100)],
    'number',
  );
  rel = { kind: 'compute', input: rel, name: percentField, expr: percent };
  const byKeys = by.map((b) => ({
    expr: col(b.name, typeOf(b.expr)),
    descending: false,
    mode: 'auto' as const,
  }));
  const fieldKeys = fields.map((f) => ({
    expr: col(f.name, typeOf(f.expr)),
    descending: false,
    mode: 'auto' as const,
  }));
  const countKey = { expr: count, descending: c.kind === 'top', mode: 'num' as const };
  // Grouped by the BY values, then by count within each group.
  rel = { kind: 'sort', input: rel, keys: [...byKeys, countKey, ...fieldKeys] };
  if (limit > 0 && useOther) {
    rel = foldOther(rel, { by, fields, countField, percentField, total, limit, otherStr });
    const other = col('__other', 'number');
    rel = {
      kind: 'sort',
      input: rel,
      keys: [...byKeys, { expr: other, descending: false, mode: 'num' }, countKey, ...fieldKeys],
    };
  } else if (limit > 0) {
    rel =
      by.length > 0
        ? {
            kind: 'dedup',
            input: rel,
            keys: by.map((b) => col(b.name, typeOf(b.expr))),
            count: limit,
            keepEmpty: false,
          }
        : { kind: 'take', input: rel, limit };
  }
  // Folding into OTHER makes the fields text.
  const fieldType = (g: { expr: Expr }) => (useOther && limit > 0 ? 'string' : typeOf(g.expr));
  const columns = [
    ...by.map((g) => ({ name: g.name, expr: col(g.name, typeOf(g.expr)) as Expr })),
    ...fields.map((g) => ({ name: g.name, expr: col(g.name, fieldType(g)) as Expr })),
    ...(showCount ? [{ name: countField, expr: count as Expr }] : []),
    ...(showPercent ? [{ name: percentField, expr: col(percentField, 'number') as Expr }] : []),
  ];
  return {
    rel: { kind: 'project', input: rel, columns, keepRaw: false },
    scope: Scope.closed(columns.map((x) => ({ name: x.name, type: typeOf(x.expr) }))),
  };
}

const typeOf = (e: Expr): 'any' | Exclude<Expr['type'], 'null'> => (e.type === 'null' ? 'any' : e.type);

/**
 * `useother=t`: past the first `limit` rows of each BY group, the value combinations fold into one row
 * whose fields read `otherStr`, with their summed count and its percent (a row only when some fold).
 * Adds `__other` (1 on that row), to sort it last in its group.
 */
function foldOther(
  sorted: Rel,
  o: {
    by: readonly { name: string; expr: Expr }[];
    fields: readonly { name: string; expr: Expr }[];
    countField: string;
    percentField: string;
    total: string;
    limit: number;
    otherStr: string;
  },
): Rel {
  const rank = '__rank';
  let rel: Rel = {
    kind: 'window',
    input: sorted,
    partition: o.by.map((b) => col(b.name, typeOf(b.expr))),
    aggregates: [{ name: rank, fn: 'count', type: 'number' }],
    running: { size: 0, current: true },
  };
  const folded = call('gt', [col(rank, 'number'), lit(o.limit)], 'bool');
  for (const f of o.fields) {
    const value = col(f.name, typeOf(f.expr));
    rel = {
      kind: 'compute',
      input: rel,
      name: f.name,
      expr: call('if', [folded, lit(o.otherStr), call('tostring', [value], 'string')], 'string'),
    };
  }
  rel = {
    kind: 'compute',
    input: rel,
    name: '__other',
    expr: call('if', [folded, lit(1), lit(0)], 'number'),
  };
  const count = col(o.countField, 'number');
  rel = {
    kind: 'aggregate',
    input: rel,
    groups: [
      ...o.by.map((b) => ({ name: b.name, expr: col(b.name, typeOf(b.expr)) })),
      ...o.fields.map((f) => ({ name: f.name, expr: col(f.name, 'string') })),
      { name: '__other', expr: col('__other', 'number') },
    ],
    aggregates: [
      { name: o.countField, fn: 'sum', arg: count, type: 'number' },
      { name: o.total, fn: 'max', arg: col(o.total, 'number'), type: 'number' },
    ],
  };
  const percent: Expr = call(
    'mul',
    [call('div', [count, col(o.total, 'number')], 'number'), lit(100)],
    'number',
  );
  return { kind: 'compute', input: rel, name: o.percentField, expr: percent };
}
