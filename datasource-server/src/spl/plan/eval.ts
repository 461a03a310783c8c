// Lowers eval-language expressions (eval, where) to typed IR expressions with Splunk's coercions.

import type { EvalExpr, EvalBinaryOp } from '../ast.ts';
import { assertNever } from '../ast.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic, nearest } from '../diagnostics.ts';
import type { Expr, IrFn, ScalarType } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import type { Scope } from './scope.ts';

export interface ExprContext {
  readonly scope: Scope;
  readonly diagnostics: Diagnostic[];
  /** The search's fixed `now()`, epoch ms. */
  readonly nowMs: number;
}

const isNumeric = (t: ScalarType): boolean => t === 'number' || t === 'time' || t === 'bool';

/** Converts to a number where Splunk would (field strings that look numeric; `_time` as epoch seconds). */
export function toNumber(e: Expr): Expr {
  return e.type === 'number' || e.type === 'null' ? e : call('tonumber', [e], 'number', e.span);
}

/** Converts to a string where Splunk would (`.` concatenation, `if` branches of mixed types). */
export function toStr(e: Expr): Expr {
  return e.type === 'string' || e.type === 'any' || e.type === 'null'
    ? e
    : call('tostring', [e], 'string', e.span);
}

/** Coerces both sides of a comparison to one domain: numbers when either side is numeric. */
function comparable(left: Expr, right: Expr): [Expr, Expr] {
  if (isNumeric(left.type) || isNumeric(right.type)) return [toNumber(left), toNumber(right)];
  return [left, right];
}

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

function requireBool(e: Expr, what: string, at: Span, ctx: ExprContext): Expr {
  if (e.type !== 'bool' && e.type !== 'null') {
    ctx.diagnostics.push(
      diagnostic('semantic', `${what} takes Boolean arguments, found a ${describe(e.type)}`, at, [
        'compare a value, for example `x=1`, or use `isnotnull(x)`',
      ]),
    );
  }
  return e;
}

function describe(t: ScalarType): string {
  return t === 'any' ? 'field value' : t;
}

/** A common type for branches (`if`, `coalesce`): equal types stay, mixed ones become strings. */
function unify(exprs: readonly Expr[]): Expr[] {
  const types = new Set(exprs.map((e) => e.type).filter((t) => t !== 'null'));
  if (types.size <= 1) return [...exprs];
  if ([...types].every((t) => t === 'number' || t === 'bool')) return exprs.map(toNumber);
  return exprs.map(toStr);
}

function resultType(exprs: readonly Expr[]): ScalarType {
  return exprs.find((e) => e.type !== 'null')?.type ?? 'null';
}

type FunctionLowering = (args: Expr[], at: Span, ctx: ExprContext) => Expr;

const fixedArity = (
  n: number,
  lower: FunctionLowering,
): { arity: [number, number]; lower: FunctionLowering } => ({
  arity: [n, n],
  lower,
});

/** Eval functions supported so far, by lower-case name; the rest of Splunk's list is reported `unsupported`. */
const functions: Record<string, { arity: [number, number]; lower: FunctionLowering }> = {
  if: fixedArity(3, ([c, a, b], at, ctx) => {
    const cond = requireBool(c ?? lit(null), '`if`', at, ctx);
    const [x, y] = unify([a ?? lit(null), b ?? lit(null)]);
    return call(
      'if',
      [cond, x ?? lit(null), y ?? lit(null)],
      resultType([x ?? lit(null), y ?? lit(null)]),
      at,
    );
  }),
  lower: fixedArity(1, ([a], at) => call('lower', [toStr(a ?? lit(null))], 'string', at)),
  upper: fixedArity(1, ([a], at) => call('upper', [toStr(a ?? lit(null))], 'string', at)),
  len: fixedArity(1, ([a], at) => call('len', [toStr(a ?? lit(null))], 'number', at)),
  isnull: fixedArity(1, ([a], at) => call('isnull', [a ?? lit(null)], 'bool', at)),
  isnotnull: fixedArity(1, ([a], at) => call('isnotnull', [a ?? lit(null)], 'bool', at)),
  tonumber: fixedArity(1, ([a], at) => call('tonumber', [a ?? lit(null)], 'number', at)),
  tostring: fixedArity(1, ([a], at) => call('tostring', [a ?? lit(null)], 'string', at)),
  coalesce: {
    arity: [1, 64],
    lower: (args, at) => {
      const xs = unify(args);
      return call('coalesce', xs, resultType(xs), at);
    },
  },
  null: fixedArity(0, (_args, at) => lit(null, at)),
  true: fixedArity(0, (_args, at) => lit(true, at)),
  false: fixedArity(0, (_args, at) => lit(false, at)),
  now: fixedArity(0, (_args, at, ctx) => lit(ctx.nowMs / 1000, at)),
};

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
