// `cofilter`: how many values of one field (users) have each pair of values of another (items) together.

import { diagnostic } from '../diagnostics.ts';
import type { Column, Rel } from '../ir/types.ts';
import { call, col } from '../ir/types.ts';
import { toMv, toStr } from '../plan/coerce.ts';
import { reservedNames, Scope } from '../plan/scope.ts';
import { genericArgs, noMoreWords } from './generic-args.ts';
import type { CommandModule } from './types.ts';

/**
 * `cofilter <field1> <field2>`: one result per pair of `field2` values that some `field1` value has both of:
 * `Item1` and `Item2` (Item1 < Item2, as text), how many `field1` values have each
 * (`Item1_<field1>_count`, `Item2_<field1>_count`) and how many have both (`Pair_count`).
 *
 * @example `cofilter user item` → pairs of items per user (two array joins), counted, joined to each item's count
 */
export const cofilter: CommandModule<'generic'> = {
  name: 'cofilter',
  kind: 'generic',
  status: 'partly',
  options: { placement: 'anywhere', options: {} },
  doc: {
    summary:
      'How many values of one field (users) have each pair of values of another field (items) together, with how many have each item.',
    syntax: 'cofilter <field1> <field2>',
    example: 'index=main | cofilter user action',
    differences: [
      'The output fields are `Item1`, `Item1_<field1>_count`, `Item2`, `Item2_<field1>_count` and `Pair_count` (the Search Reference example’s names for `user` and `item`), one result per pair that occurs, `Item1` before `Item2` as text, sorted by `Item1` then `Item2`.',
    ],
  },
  lower(c, s, ctx) {
    const { words } = genericArgs(c, ctx.errors);
    const [first, second, ...extra] = words;
    noMoreWords('cofilter', extra, ctx.errors, 'two fields');
    if (!first || !second) {
      ctx.errors.push(
        diagnostic('syntax', '`cofilter` needs two fields: `cofilter <field1> <field2>`', c.name.span),
      );
      return s;
    }
    if (extra.length > 0) return s;
    for (const w of [first, second]) {
      if (reservedNames.has(w.text)) {
        ctx.errors.push(diagnostic('semantic', `\`${w.text}\` cannot be compared`, w.span));
        return s;
      }
    }
    const count1 = `Item1_${first.text}_count`;
    const count2 = `Item2_${first.text}_count`;
    // Each field1 value (a user) with the distinct field2 values (items) it has.
    const users: Rel = {
      kind: 'aggregate',
      input: s.rel,
      groups: [{ name: '__cofilter_user', expr: toStr(s.scope.resolve(first.text, first.span)) }],
      aggregates: [
        {
          name: '__cofilter_items',
          fn: 'values',
          arg: s.scope.resolve(second.text, second.span),
          type: 'mv',
        },
      ],
    };
    const items = col('__cofilter_items', 'mv');
    const each = (name: string): Rel => ({ kind: 'expand', input: users, name, list: toMv(items), limit: 0 });
    // How many users have each item.
    const popularity = (name: string, countName: string): Rel => ({
      kind: 'aggregate',
      input: each(name),
      groups: [{ name, expr: col(name, 'string') }],
      aggregates: [{ name: countName, fn: 'count', type: 'number' }],
    });
    const pairs: Rel = {
      kind: 'aggregate',
      input: {
        kind: 'filter',
        input: { kind: 'expand', input: each('Item1'), name: 'Item2', list: toMv(items), limit: 0 },
        predicate: call('lt', [col('Item1', 'string'), col('Item2', 'string')], 'bool'),
      },
      groups: [
        { name: 'Item1', expr: col('Item1', 'string') },
        { name: 'Item2', expr: col('Item2', 'string') },
      ],
      aggregates: [{ name: 'Pair_count', fn: 'count', type: 'number' }],
    };
    const join = (left: Rel, leftColumns: readonly Column[], key: string, countName: string): Rel => ({
      kind: 'join',
      left,
      right: popularity(key, countName),
      keys: [key],
      type: 'left',
      overwrite: false,
      columns: [
        ...leftColumns.map((x) => ({ ...x, from: x.name === key ? ('both' as const) : ('left' as const) })),
        { name: countName, type: 'number', from: 'right' },
      ],
      raw: false,
    });
    const pairColumns: Column[] = [
      { name: 'Item1', type: 'string' },
      { name: 'Item2', type: 'string' },
      { name: 'Pair_count', type: 'number' },
    ];
    const withFirst = join(pairs, pairColumns, 'Item1', count1);
    const withBoth = join(withFirst, [...pairColumns, { name: count1, type: 'number' }], 'Item2', count2);
    const columns: Column[] = [
      { name: 'Item1', type: 'string' },
      { name: count1, type: 'number' },
      { name: 'Item2', type: 'string' },
      { name: count2, type: 'number' },
      { name: 'Pair_count', type: 'number' },
    ];
    return {
      rel: {
        kind: 'sort',
        input: {
          kind: 'project',
          input: withBoth,
          columns: columns.map((x) => ({ name: x.name, expr: col(x.name, x.type) })),
          keepRaw: false,
        },
        keys: [
          { expr: col('Item1', 'string'), descending: false, mode: 'str' },
          { expr: col('Item2', 'string'), descending: false, mode: 'str' },
        ],
      },
      scope: Scope.closed(columns),
    };
  },
};
