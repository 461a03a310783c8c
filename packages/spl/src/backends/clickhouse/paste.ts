// Prints `appendcols` (IR `Paste`): both sides numbered in their own order, joined on the number.

import type { Paste } from '../../ir/types.ts';
import type { Layer, SelectItem } from './print.ts';
import { joinedLayer, orderSql, render } from './print.ts';
import { quoteIdent as q } from './quote.ts';
import type { LayerPrinter } from './transaction.ts';

/** What printing a paste needs of the printer. */
export interface PastePrinter extends LayerPrinter {
  carryFields(of: (name: string) => string): SelectItem[];
}

/**
 * `l FULL OUTER JOIN r ON l.n = r.n`, where `n` numbers each side's rows (1, 2, …) in its order: the
 * output follows that number, so the left's rows come in their order and the right's extra rows after them.
 */
export function printPaste(p: PastePrinter, r: Paste): Layer {
  const n = p.hidden();
  const numbered = (rel: Paste['left']): Layer => {
    const side = p.wrap(p.rel(rel));
    const order = side.order.length > 0 ? `ORDER BY ${orderSql(side.order)}` : '';
    side.select = [...side.select, { sql: `row_number() OVER (${order})`, alias: n }];
    return side;
  };
  const left = numbered(r.left);
  const right = numbered(r.right);
  const l = (name: string): string => `l.${q(name)}`;
  const rr = (name: string): string => `r.${q(name)}`;
  const select: SelectItem[] = r.columns.map((c) => {
    if (c.from === 'left') return { sql: l(c.name), alias: c.name };
    if (c.from === 'right') return { sql: rr(c.name), alias: c.name };
    const [first, second] = (r.override ? [rr, l] : [l, rr]).map((side) => side(c.name));
    // A missing value is NULL (join_use_nulls), or an empty list for multivalue fields.
    const sql =
      c.type === 'mv'
        ? `if(notEmpty(${first}), ${first}, ${second})`
        : c.type === 'number'
          ? `coalesce(toFloat64(${first}), toFloat64(${second}))`
          : `coalesce(${first}, ${second})`;
    return { sql, alias: c.name };
  });
  const at = p.hidden();
  select.push({ sql: `coalesce(${l(n)}, ${rr(n)})`, alias: at });
  if (r.raw) select.push(...p.carryFields(l));
  return joinedLayer(left, 'FULL OUTER JOIN', render(right, false), `${l(n)} = ${rr(n)}`, {
    select,
    order: [{ alias: at, descending: false }],
    visible: r.columns.map((c) => ({ name: c.name, type: c.type })),
    raw: r.raw,
  });
}
