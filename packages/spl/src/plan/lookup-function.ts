// The `lookup()` eval function: `lookup("users", json_object("user", who), json_array("dept"))`. Each call
// in an `eval` or `where` becomes a lookup join before the computation (as the `lookup` command's), with hidden
// output columns, and the call reads them back as a JSON object; the hidden columns are then dropped.

import type { EvalCall, EvalExpr } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic, nearest } from '../diagnostics.ts';
import type { Expr } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { LOOKUP_MAX_MATCHES, lookupNameProblem, lookupTableName } from '../lookups.ts';
import { toStr } from './coerce.ts';
import type { ExprContext } from './coerce.ts';
import { lowerEval } from './eval.ts';
import { replaceCalls } from './eval-rewrite.ts';
import type { PlanOptions, State } from './index.ts';

const isLookup = (e: EvalCall): boolean => e.name.name.toLowerCase() === 'lookup';

/** The literal strings of `json_array("a", "b")` / the literal keys of `json_object("a", x, …)`. */
function builderArgs(
  e: EvalExpr | undefined,
  fn: 'json_object' | 'json_array',
): readonly EvalExpr[] | undefined {
  return e?.kind === 'eval-call' && e.name.name.toLowerCase() === fn ? e.args : undefined;
}
const literal = (e: EvalExpr | undefined): string | undefined =>
  e?.kind === 'eval-string' ? e.value : undefined;

/**
 * The lookups of the `lookup()` calls in `expr`, added to `s`, and `expr` reading their results from
 * hidden columns (named in `hidden`, for the caller to drop). A malformed call is reported and reads null.
 */
export function lookupCalls(
  expr: EvalExpr,
  s: State,
  ctx: ExprContext,
  options: PlanOptions,
  errors: Diagnostic[],
  hidden: string[],
): { state: State; expr: EvalExpr } {
  let state = s;
  const replaced = replaceCalls(expr, isLookup, (c) => {
    const n = hidden.length;
    const result = `__lookup${n}`;
    hidden.push(result);
    const none: EvalExpr = { kind: 'eval-call', name: { ...c.name, name: 'null' }, args: [], span: c.span };
    const [tableArg, inputs, outputsArg] = c.args;
    const table = literal(tableArg);
    const name = table === undefined ? undefined : lookupTableName(table);
    const columns = name === undefined ? undefined : options.lookups?.get(name);
    if (table === undefined || name === undefined || columns === undefined) {
      const known = [...(options.lookups?.keys() ?? [])];
      errors.push(
        diagnostic(
          'semantic',
          table === undefined
            ? '`lookup()` needs the lookup table name as a literal string'
            : name === undefined
              ? lookupNameProblem(table)
              : `unknown lookup table \`${table}\``,
          tableArg?.span ?? c.span,
          table === undefined ? [] : nearest(table, known).map((k) => `did you mean \`${k}\`?`),
        ),
      );
      return none;
    }
    const pairs = builderArgs(inputs, 'json_object');
    const wanted = outputsArg === undefined ? undefined : builderArgs(outputsArg, 'json_array');
    const keyNames = pairs?.filter((_, i) => i % 2 === 0).map(literal) ?? [];
    const outNames = wanted?.map(literal);
    const bad = (e: EvalExpr | undefined, what: string): EvalExpr => {
      errors.push(diagnostic('semantic', `\`lookup()\` needs ${what}`, e?.span ?? c.span));
      return none;
    };
    if (pairs === undefined || pairs.length === 0 || pairs.length % 2 !== 0 || keyNames.includes(undefined))
      return bad(inputs, 'its input as `json_object("<column>", <value>, …)` with literal column names');
    if (outputsArg !== undefined && (outNames === undefined || outNames.includes(undefined)))
      return bad(outputsArg, 'its outputs as `json_array("<column>", …)` with literal column names');
    const keyColumns = keyNames.filter((k): k is string => k !== undefined);
    const outColumns =
      outNames?.filter((k): k is string => k !== undefined) ?? columns.filter((k) => !keyColumns.includes(k));
    const missing = [...keyColumns, ...outColumns].find((k) => !columns.includes(k));
    if (missing !== undefined) return bad(c, `columns of \`${table}\`: it has no column \`${missing}\``);
    const keys = keyColumns.map((column, i) => ({
      column,
      value: toStr(lowerEval(pairs[2 * i + 1] as EvalExpr, { ...ctx, scope: state.scope })),
    }));
    const outputs = outColumns.map((column, i) => ({ column, name: `${result}_${i}` }));
    hidden.push(...outputs.map((o) => o.name));
    let scope = state.scope;
    for (const o of outputs) scope = scope.with(o.name, 'mv');
    const json: Expr = call(
      'lookup_json',
      [...outputs.map((o) => col(o.name, 'mv')), lit(JSON.stringify(outColumns))],
      'string',
      c.span,
    );
    state = {
      rel: {
        kind: 'compute',
        input: {
          kind: 'lookup',
          input: state.rel,
          table: { orgId: options.orgId, name },
          keys,
          outputs,
          maxMatches: LOOKUP_MAX_MATCHES,
        },
        name: result,
        expr: json,
      },
      scope: scope.with(result, 'string'),
    };
    return { kind: 'eval-field', name: result, quoted: false, span: c.span };
  });
  return { state, expr: replaced };
}

/** `s` without the hidden columns of its `lookup()` calls. */
export function dropHidden(s: State, hidden: readonly string[]): State {
  if (hidden.length === 0) return s;
  const kept = s.scope.columns.filter((x) => !hidden.includes(x.name));
  return {
    rel: {
      kind: 'project',
      input: s.rel,
      columns: kept.map((x) => ({ name: x.name, expr: s.scope.resolve(x.name) })),
      keepRaw: s.scope.raw,
    },
    scope: s.scope.project(kept, s.scope.raw, hidden),
  };
}
