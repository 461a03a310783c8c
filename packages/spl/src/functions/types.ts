// The shape of a registered SPL function: name, arity, documentation, Search Reference page and lowering.

import type { EvalCall, EvalExpr } from '../ast.ts';
import type { Span } from '../diagnostics.ts';
import type { AggFn, Expr } from '../ir/types.ts';
import type { ExprContext } from '../plan/coerce.ts';
import { lit } from '../ir/types.ts';
import { checkRegex } from '../plan/re2-syntax.ts';

/** Lowers the already-lowered arguments of a call to an IR expression (problems go to `ctx.diagnostics`). */
export type FunctionLowering = (args: Expr[], at: Span, ctx: ExprContext) => Expr;

/** Lowers a call from its written arguments, for functions that bind names (`mvfilter`, `mvmap`). */
export type CallLowering = (
  call: EvalCall,
  ctx: ExprContext,
  lowerEval: (e: EvalExpr, ctx: ExprContext) => Expr,
) => Expr;

/** The Search Reference 9.4 pages of the evaluation functions. */
export const evalPages = {
  conditional: 'Comparison and Conditional functions',
  conversion: 'Conversion functions',
  crypto: 'Cryptographic functions',
  time: 'Date and Time functions',
  informational: 'Informational functions',
  json: 'JSON functions',
  math: 'Mathematical functions',
  multivalue: 'Multivalue eval functions',
  statistical: 'Statistical eval functions',
  text: 'Text functions',
  trig: 'Trig and Hyperbolic functions',
  bitwise: 'Bitwise functions',
} as const;

/** The Search Reference 9.4 pages of the statistical and charting functions. */
export const statsPages = {
  aggregate: 'Aggregate functions',
  order: 'Event order functions',
  multivalue: 'Multivalue stats and chart functions',
  time: 'Time functions',
} as const;

export type EvalPage = keyof typeof evalPages;

/**
 * The pages whose functions take one value: given a multivalue field they read its first value, as Splunk's
 * single-value functions do. The multivalue, statistical (`min`, `max` …), informational, conditional and
 * JSON functions read every value.
 */
export const singleValuePages: ReadonlySet<EvalPage> = new Set<EvalPage>([
  'text',
  'conversion',
  'math',
  'time',
  'crypto',
  'trig',
  'bitwise',
]);
export type StatsPage = keyof typeof statsPages;

const slug = (title: string): string => title.toLowerCase().replace(/\s+/g, '-');

/** The address of a Search Reference 9.4 page. */
export function pageUrl(
  section: 'evaluation-functions' | 'statistical-and-charting-functions',
  title: string,
): string {
  return `https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/${section}/${slug(title)}`;
}

interface FunctionDocs {
  readonly name: string;
  /** As the Search Reference writes it, e.g. `substr(<str>, <start>, <length>)`. */
  readonly signature: string;
  readonly doc: string;
  /** [min, max] arguments. */
  readonly arity: readonly [number, number];
  /**
   * Why it does not compile: only for functions that depend on Splunk's own infrastructure. Absent for
   * every function that compiles.
   */
  readonly notYet?: string;
}

/** An eval function: compiled by `lower` (from lowered arguments) or `lowerCall` (from the written call). */
export interface EvalFunction extends FunctionDocs {
  readonly page: EvalPage;
  readonly lower?: FunctionLowering;
  readonly lowerCall?: CallLowering;
}

/** A stats/chart function: the IR aggregate it lowers to. */
export interface StatsFunction extends FunctionDocs {
  readonly page: StatsPage;
  readonly agg?: AggFn;
  /** Names with a number (`perc95`): `name` is then the prefix. */
  readonly percentile?: true;
  /** Only where `timechart` gives the span (per_second …). */
  readonly timechartOnly?: true;
  /** Only in `mstats`, over the time series of metrics (rate_avg, rate_sum). */
  readonly mstatsOnly?: true;
}

/** Shorthand for an eval function entry. */
export function evalFn(
  page: EvalPage,
  name: string,
  arity: readonly [number, number],
  signature: string,
  doc: string,
  lower: FunctionLowering,
): EvalFunction {
  return { page, name, arity, signature, doc, lower };
}

/** A regex argument; a literal one is checked against RE2's syntax first (a diagnostic at the bad construct). */
export function checkedRegex(re: Expr | undefined, ctx: ExprContext): Expr {
  if (re === undefined) return lit(null);
  if (re.kind === 'literal' && typeof re.value === 'string' && re.span !== undefined) {
    const problem = checkRegex(re.value, re.span);
    if (problem !== undefined) ctx.diagnostics.push(problem);
  }
  return re;
}
