// Lowers eval-language expressions (eval, where) to typed IR expressions with Splunk's coercions.

import type { EvalExpr, EvalBinaryOp } from '../ast.ts';
import { assertNever } from '../ast.ts';
import type { Span } from '../diagnostics.ts';
import { diagnostic, nearest } from '../diagnostics.ts';
import type { Expr, IrFn } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import type { ExprContext } from './coerce.ts';
import { comparable, requireBool, toNumber, toStr } from './coerce.ts';
import { functions } from './functions.ts';
import { toMv } from './coerce.ts';

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
      if (name === 'mvfilter') return mvfilter(e, ctx);
      const fn = Object.hasOwn(functions, name) ? functions[name] : undefined;
      if (!fn) {
        ctx.diagnostics.push(
          diagnostic(
            'unsupported',
            `the eval function \`${e.name.name}\` is not supported yet`,
            e.name.span,
            nearest(name, Object.keys(functions)).map((n) => `did you mean \`${n}\`?`),
          ),
        );
        return lit(null, e.span);
      }
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
      return fn.lower(
        e.args.map((a) => lowerEval(a, ctx)),
        e.span,
        ctx,
      );
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

/** The field names an eval expression reads. */
function fieldsOf(e: EvalExpr, out = new Set<string>()): Set<string> {
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

/** `mvfilter(<predicate over one field>)`: the values of that field for which the predicate holds. */
function mvfilter(e: Extract<EvalExpr, { kind: 'eval-call' }>, ctx: ExprContext): Expr {
  const [predicate] = e.args;
  const names = predicate ? [...fieldsOf(predicate)] : [];
  const [name] = names;
  if (!predicate || e.args.length !== 1 || names.length !== 1 || name === undefined) {
    ctx.diagnostics.push(
      diagnostic('semantic', '`mvfilter` takes one Boolean expression that reads exactly one field', e.span),
    );
    return lit(null, e.span);
  }
  const list = toMv(ctx.scope.resolve(name));
  const test = lowerEval(predicate, { ...ctx, scope: ctx.scope.with(name, 'string') });
  return call('mvfilter', [list, requireBool(test, '`mvfilter`', e.span, ctx), lit(name)], 'mv', e.span);
}
