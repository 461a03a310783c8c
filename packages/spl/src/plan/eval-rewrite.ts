// Rewrites of eval-language trees before lowering: the calls a command handles itself (`lookup()` in
// `eval`, stats functions inside `eval(…)` aggregations) replaced by fields that hold their results.

import type { EvalCall, EvalExpr } from '../ast.ts';

/** `e` with every call for which `test` holds replaced by `replace(call)`; other calls are walked into. */
export function replaceCalls(
  e: EvalExpr,
  test: (c: EvalCall) => boolean,
  replace: (c: EvalCall) => EvalExpr,
): EvalExpr {
  const walk = (x: EvalExpr): EvalExpr => replaceCalls(x, test, replace);
  switch (e.kind) {
    case 'eval-call':
      return test(e) ? replace(e) : { ...e, args: e.args.map(walk) };
    case 'eval-binary':
      return { ...e, left: walk(e.left), right: walk(e.right) };
    case 'eval-unary':
      return { ...e, operand: walk(e.operand) };
    case 'eval-group':
      return { ...e, inner: walk(e.inner) };
    case 'eval-in':
      return { ...e, operand: walk(e.operand), values: e.values.map(walk) };
    default:
      return e;
  }
}
