// A pivot `FILTER <field> <op> <value>` element as a search expression over the dataset's fields.

import type { SearchCompareOp, SearchExpr } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import { ident } from './datamodel-pivot-parse.ts';
import type { Parsed } from './datamodel-pivot-parse.ts';

const COMPARE: Readonly<Record<string, SearchCompareOp>> = {
  '=': '=',
  '!=': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  is: '=',
  isnot: '!=',
};

/** A pivot filter as a search expression over the dataset's fields. */
export function filterExpr(f: Parsed['filters'][number], errors: Diagnostic[]): SearchExpr | undefined {
  const at = f.span;
  const cmp = (op: SearchCompareOp, text: string, quoted = true): SearchExpr => ({
    kind: 'search-compare',
    field: ident(f.field),
    op,
    value: { kind: 'search-value', text, quoted, span: at },
    caseSensitive: false,
    span: at,
  });
  const not = (e: SearchExpr): SearchExpr => ({ kind: 'search-not', operand: e, span: at });
  const v = f.values[0]?.text ?? '';
  const op = f.op.text.toLowerCase();
  const direct = COMPARE[op];
  if (direct) return cmp(direct, v);
  switch (op) {
    case 'contains':
      return cmp('=', `*${v}*`, false);
    case 'doesnotcontain':
      return not(cmp('=', `*${v}*`, false));
    case 'startswith':
      return cmp('=', `${v}*`, false);
    case 'endswith':
      return cmp('=', `*${v}`, false);
    case 'isnull':
      return not(cmp('=', '*', false));
    case 'isnotnull':
      return cmp('=', '*', false);
    case 'in':
      return { kind: 'search-or', operands: f.values.map((x) => cmp('=', x.text)), span: at };
    default:
      errors.push(
        diagnostic('semantic', `\`pivot FILTER\`: unknown operator \`${f.op.text}\``, f.op.span, [
          'use is, isNot, contains, doesNotContain, startsWith, endsWith, in, isNull, isNotNull, =, !=, <, <=, >, >=',
        ]),
      );
      return undefined;
  }
}
