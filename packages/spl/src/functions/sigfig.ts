// Splunk's `sigfig(<num>)`: the result of a calculation rounded to the significant figures its operands
// justify. Multiplication and division keep the fewest significant figures of their operands; addition
// and subtraction the fewest decimal places. A number literal counts as written (`1.00` has 3 figures);
// any other operand (a field, a function) by the text of its value.

import type { EvalCall, EvalExpr } from '../ast.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import type { ExprContext } from '../plan/coerce.ts';
import { toNumber, toStr } from '../plan/coerce.ts';
import type { EvalFunction } from './types.ts';

/** Significant figures and decimal places of a number as written: `0.0120` → 3 and 4, `1100` → 2 and 0. */
export function writtenPrecision(raw: string): { figures: number; decimals: number } {
  const t = raw.replace(/^[-+]/, '').replace(/[eE].*$/, '');
  const point = t.indexOf('.');
  const digits = (point >= 0 ? t.replace('.', '') : t.replace(/0+$/, '')).replace(/^0+/, '');
  return { figures: Math.max(1, digits.length), decimals: point >= 0 ? t.length - point - 1 : 0 };
}

interface Precision {
  readonly value: Expr;
  /** Significant figures, or decimal places: whichever the node's operation keeps. */
  readonly figures: Expr;
  readonly decimals: Expr;
}

type Lower = (e: EvalExpr, ctx: ExprContext) => Expr;

function precision(e: EvalExpr, ctx: ExprContext, lowerEval: Lower): Precision {
  if (e.kind === 'eval-group') return precision(e.inner, ctx, lowerEval);
  const value = toNumber(lowerEval(e, ctx));
  const number = e.kind === 'eval-unary' && e.op !== 'NOT' ? e.operand : e;
  if (number.kind === 'eval-number') {
    const w = writtenPrecision(number.raw);
    return { value, figures: lit(w.figures), decimals: lit(w.decimals) };
  }
  if (e.kind === 'eval-binary' && ['*', '/', '+', '-'].includes(e.op)) {
    const l = precision(e.left, ctx, lowerEval);
    const r = precision(e.right, ctx, lowerEval);
    if (e.op === '*' || e.op === '/') {
      const figures = call('least', [l.figures, r.figures], 'number', e.span);
      return { value, figures, decimals: call('sigfig_decimals', [value, figures], 'number', e.span) };
    }
    const decimals = call('least', [l.decimals, r.decimals], 'number', e.span);
    return { value, decimals, figures: call('sigfig_figures', [value, decimals], 'number', e.span) };
  }
  const text = toStr(lowerEval(e, ctx));
  return {
    value,
    figures: call('sigfig_text_figures', [text], 'number', e.span),
    decimals: call('sigfig_text_decimals', [text], 'number', e.span),
  };
}

export const sigfig: EvalFunction = {
  page: 'math',
  name: 'sigfig',
  arity: [1, 1],
  signature: 'sigfig(<num>)',
  doc: 'The result of a calculation rounded to the significant figures of its operands: `*` and `/` keep the fewest significant figures, `+` and `-` the fewest decimal places (`sigfig(1.00*1111)` is 1110).',
  lowerCall: (e: EvalCall, ctx, lowerEval) => {
    const [arg] = e.args;
    if (arg === undefined || e.args.length !== 1) {
      ctx.diagnostics.push(diagnostic('semantic', '`sigfig` takes one number', e.span));
      return lit(null, e.span);
    }
    const p = precision(arg, ctx, lowerEval);
    const inner = arg.kind === 'eval-group' ? arg.inner : arg;
    const additive = inner.kind === 'eval-binary' && (inner.op === '+' || inner.op === '-');
    const decimals = additive ? p.decimals : call('sigfig_decimals', [p.value, p.figures], 'number', e.span);
    return call('round', [p.value, decimals], 'number', e.span);
  },
};
