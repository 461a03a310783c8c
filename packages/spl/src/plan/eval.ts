// Lowers eval-language expressions (eval, where) to typed IR expressions with Splunk's coercions.

import type { EvalExpr, EvalBinaryOp } from '../ast.ts';
import { assertNever } from '../ast.ts';
import type { Span } from '../diagnostics.ts';
import { diagnostic, nearest } from '../diagnostics.ts';
import type { Expr, IrFn } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import type { ExprContext } from './coerce.ts';
import { comparable, firstValue, requireBool, toNumber, toStr } from './coerce.ts';
import { functions } from './functions.ts';
import { evalFunction } from '../functions/index.ts';
import { singleValuePages } from '../functions/types.ts';

export type { ExprContext };
export { toNumber, toStr };

const comparisonFns: Partial<Record<EvalBinaryOp, IrFn>> = {
  '=': 'eq',
  '==': 'eq',
  '!=': 'ne',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
};

const arithmeticFns: Partial<Record<EvalBinaryOp, IrFn>> = { '-': 'sub', '*': 'mul', '/': 'div', '%': 'mod' };

const booleanFns: Partial<Record<EvalBinaryOp, IrFn>> = { AND: 'and', OR: 'or', XOR: 'xor' };

/** Lowers an eval expression; problems are added to `ctx.diagnostics` and yield a null literal. */
export function lowerEval(e: EvalExpr, ctx: ExprContext): Expr {
  switch (e.kind) {
    case 'eval-field':
      return ctx.scope.resolve(e.name, e.span);
    case 'eval-string':
      return lit(e.value, e.span);
    case 'eval-number':
      return lit(e.value, e.span);
    case 'eval-group':
      return lowerEval(e.inner, ctx);
    case 'eval-unary': {
      const operand = lowerEval(e.operand, ctx);
      if (e.op === 'NOT') return call('not', [requireBool(operand, '`NOT`', e.span, ctx)], 'bool', e.span);
      if (e.op === '-') return call('neg', [toNumber(operand)], 'number', e.span);
      return toNumber(operand);
    }
    case 'eval-binary':
      return lowerBinary(e.op, lowerEval(e.left, ctx), lowerEval(e.right, ctx), e.span, ctx);
    case 'eval-in': {
      const operand = lowerEval(e.operand, ctx);
      const tests = e.values.map((v) => {
        const [l, r] = comparable(operand, lowerEval(v, ctx));
        return call('eq', [l, r], 'bool', v.span);
      });
      const any = tests.reduce<Expr>((acc, t) => call('or', [acc, t], 'bool', e.span), lit(false));
      return e.negated ? call('not', [any], 'bool', e.span) : any;
    }
    case 'eval-call': {
      const name = e.name.name.toLowerCase();
      const registered = evalFunction(name);
      const fn = registered?.notYet === undefined ? registered : undefined;
      if (!fn) {
        const why = registered?.notYet === undefined ? '' : ` (${registered.notYet})`;
        ctx.diagnostics.push(
          diagnostic(
            'unsupported',
            `the eval function \`${e.name.name}\` is not supported yet${why}`,
            e.name.span,
            nearest(name, Object.keys(functions)).map((n) => `did you mean \`${n}\`?`),
          ),
        );
        return lit(null, e.span);
      }
      // Functions that bind names check their own arguments.
      if (fn.lowerCall) return fn.lowerCall(e, ctx, lowerEval);
      const [min, max] = fn.arity;
      if (e.args.length < min || e.args.length > max) {
        const expected = min === max ? `${min}` : `${min} to ${max}`;
        ctx.diagnostics.push(
          diagnostic(
            'semantic',
            `\`${e.name.name}\` takes ${expected} argument${max === 1 ? '' : 's'}, found ${e.args.length}`,
            e.span,
          ),
        );
        return lit(null, e.span);
      }
      if (!fn.lower) throw new Error(`eval function ${name} has no lowering`);
      const args = e.args.map((a) => lowerEval(a, ctx));
      return fn.lower(singleValuePages.has(fn.page) ? args.map(firstValue) : args, e.span, ctx);
    }
    default:
      return assertNever(e, 'eval expression');
  }
}

function lowerBinary(op: EvalBinaryOp, left: Expr, right: Expr, at: Span, ctx: ExprContext): Expr {
  const cmp = comparisonFns[op];
  if (cmp) {
    const [l, r] = comparable(left, right);
    return call(cmp, [l, r], 'bool', at);
  }
  const arith = arithmeticFns[op];
  if (arith) return call(arith, [toNumber(left), toNumber(right)], 'number', at);
  const bool = booleanFns[op];
  if (bool) {
    return call(
      bool,
      [requireBool(left, `\`${op}\``, at, ctx), requireBool(right, `\`${op}\``, at, ctx)],
      'bool',
      at,
    );
  }
  switch (op) {
    case '+':
      // Splunk's `+` adds numbers and concatenates strings; a field value counts as a number here.
      if (left.type === 'string' || right.type === 'string') {
        return call('concat', [toStr(left), toStr(right)], 'string', at);
      }
      return call('add', [toNumber(left), toNumber(right)], 'number', at);
    case '.':
      return call('concat', [toStr(left), toStr(right)], 'string', at);
    case 'LIKE':
      return call('like', [toStr(left), toStr(right)], 'bool', at);
    default:
      throw new Error(`unhandled operator ${op}`);
  }
}
