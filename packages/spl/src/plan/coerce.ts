// Splunk's coercions for the planner: numbers from field strings, strings for concatenation, branch types.

import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { SearchExpr } from '../ast.ts';
import type { Expr, ScalarType } from '../ir/types.ts';
import { call } from '../ir/types.ts';
import type { Scope } from './scope.ts';

export interface ExprContext {
  readonly scope: Scope;
  readonly diagnostics: Diagnostic[];
  /** The search's fixed `now()`, epoch ms. */
  readonly nowMs: number;
  /** The request's time zone, for `strftime` and `relative_time`. */
  readonly timeZone: string;
  /** Lowers a search expression over this scope (`searchmatch`); absent where no search can be read. */
  readonly search?: (e: SearchExpr) => Expr;
}

export const isNumeric = (t: ScalarType): boolean => t === 'number' || t === 'time' || t === 'bool';

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
export function comparable(left: Expr, right: Expr): [Expr, Expr] {
  if (isNumeric(left.type) || isNumeric(right.type)) return [toNumber(left), toNumber(right)];
  return [left, right];
}

export function requireBool(e: Expr, what: string, at: Span, ctx: ExprContext): Expr {
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
export function unify(exprs: readonly Expr[]): Expr[] {
  const types = new Set(exprs.map((e) => e.type).filter((t) => t !== 'null'));
  // A list on one branch makes every branch a list (null an empty one, a value a list of one): ClickHouse
  // has no common type of an array and a scalar, and a one-value list shows as that value.
  if (types.has('mv')) return exprs.map(toMv);
  if (types.size <= 1) return [...exprs];
  if ([...types].every((t) => t === 'number' || t === 'bool')) return exprs.map(toNumber);
  return exprs.map(toStr);
}

export function resultType(exprs: readonly Expr[]): ScalarType {
  return exprs.find((e) => e.type !== 'null')?.type ?? 'null';
}

/**
 * A single-value function's view of an argument: Splunk's functions outside the multivalue family read the
 * first value of a multivalue field (a list, or a structured field that holds one). Other values stay.
 */
export function firstValue(e: Expr): Expr {
  if (e.type === 'mv') return call('mv_first', [e], 'string', e.span);
  if (e.kind === 'field') return call('mv_first', [e], e.type, e.span);
  return e;
}

/** A multivalue view of any value: lists stay, one value becomes a list of one, null an empty list. */
export function toMv(e: Expr): Expr {
  return e.type === 'mv'
    ? e
    : call('to_mv', [e.type === 'any' || e.type === 'null' ? e : toStr(e)], 'mv', e.span);
}
