// Multivalue eval functions (Search Reference 9.4): split, mvcount, mvindex, mvjoin, mvappend, mvdedup, mvfind, mvfilter, …

import { diagnostic } from '../diagnostics.ts';
import type { EvalExpr } from '../ast.ts';
import { assertNever } from '../ast.ts';
import { call, lit } from '../ir/types.ts';
import { requireBool, toMv, toNumber, toStr } from '../plan/coerce.ts';
import type { EvalFunction } from './types.ts';
import { evalFn } from './types.ts';

const p = 'multivalue' as const;

/** The field names an eval expression reads. */
export function fieldsOf(e: EvalExpr, out = new Set<string>()): Set<string> {
  switch (e.kind) {
    case 'eval-field':
      out.add(e.name);
      break;
    case 'eval-string':
    case 'eval-number':
      break;
    case 'eval-binary':
      fieldsOf(e.left, out);
      fieldsOf(e.right, out);
      break;
    case 'eval-unary':
      fieldsOf(e.operand, out);
      break;
    case 'eval-call':
      e.args.forEach((a) => fieldsOf(a, out));
      break;
    case 'eval-in':
      fieldsOf(e.operand, out);
      e.values.forEach((v) => fieldsOf(v, out));
      break;
    case 'eval-group':
      fieldsOf(e.inner, out);
      break;
    default:
      assertNever(e, 'eval expression');
  }
  return out;
}

export const multivalueFunctions: readonly EvalFunction[] = [
  evalFn(
    p,
    'split',
    [2, 2],
    'split(<str>, <delim>)',
    'A multivalue field of the parts of the string.',
    ([s, sep], at) => call('split', [toStr(s ?? lit(null)), toStr(sep ?? lit(''))], 'mv', at),
  ),
  evalFn(p, 'mvcount', [1, 1], 'mvcount(<mv>)', 'The number of values; null for a null field.', ([x], at) =>
    call('mvcount', [toMv(x ?? lit(null))], 'number', at),
  ),
  evalFn(
    p,
    'mvindex',
    [2, 3],
    'mvindex(<mv>, <start>, <end>)',
    'The value at `start` (0-based; negative counts from the end), or the values from `start` to `end` inclusive.',
    ([x, start, end], at) =>
      end === undefined
        ? call('mvindex', [toMv(x ?? lit(null)), toNumber(start ?? lit(0))], 'string', at)
        : call('mvindex', [toMv(x ?? lit(null)), toNumber(start ?? lit(0)), toNumber(end)], 'mv', at),
  ),
  evalFn(
    p,
    'mvjoin',
    [2, 2],
    'mvjoin(<mv>, <delim>)',
    'The values joined by the delimiter.',
    ([x, sep], at) => call('mvjoin', [toMv(x ?? lit(null)), toStr(sep ?? lit(' '))], 'string', at),
  ),
  evalFn(
    p,
    'mvappend',
    [1, 64],
    'mvappend(<values>)',
    'A multivalue field of all the values of all the arguments.',
    (args, at) => call('mvappend', args.map(toMv), 'mv', at),
  ),
  evalFn(
    p,
    'mvdedup',
    [1, 1],
    'mvdedup(<mv>)',
    'The values without duplicates, in their first order.',
    ([x], at) => call('mvdedup', [toMv(x ?? lit(null))], 'mv', at),
  ),
  evalFn(
    p,
    'mvfind',
    [2, 2],
    'mvfind(<mv>, <regex>)',
    'The index (0-based) of the first value that matches; null when none does.',
    ([x, re], at) => call('mvfind', [toMv(x ?? lit(null)), toStr(re ?? lit(null))], 'number', at),
  ),
  {
    page: p,
    name: 'mvfilter',
    arity: [1, 1],
    signature: 'mvfilter(<predicate>)',
    doc: 'The values of the one field the predicate reads for which it is true.',
    // `mvfilter(<predicate over one field>)`: the values of that field for which the predicate holds.
    lowerCall: (e, ctx, lowerEval) => {
      const [predicate] = e.args;
      const names = predicate ? [...fieldsOf(predicate)] : [];
      const [name] = names;
      if (!predicate || e.args.length !== 1 || names.length !== 1 || name === undefined) {
        ctx.diagnostics.push(
          diagnostic(
            'semantic',
            '`mvfilter` takes one Boolean expression that reads exactly one field',
            e.span,
          ),
        );
        return lit(null, e.span);
      }
      const list = toMv(ctx.scope.resolve(name));
      const test = lowerEval(predicate, { ...ctx, scope: ctx.scope.with(name, 'string') });
      return call('mvfilter', [list, requireBool(test, '`mvfilter`', e.span, ctx), lit(name)], 'mv', e.span);
    },
  },
];
