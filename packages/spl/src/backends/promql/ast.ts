// A small PromQL AST: the subset `mstats` compiles to. Printed by `print.ts`, read back by `parse.ts`.

export type MatchOp = '=' | '!=' | '=~' | '!~';

/** `name="value"`; a metric name is the matcher `__name__="cpu.usage"` (printed as a prefix when it can be). */
export interface Matcher {
  readonly name: string;
  readonly op: MatchOp;
  readonly value: string;
}

/** `{…}` or `name{…}`; `offsetMs` shifts it back in time (`offset 1ms`). */
export interface VectorSelector {
  readonly kind: 'vector';
  readonly matchers: readonly Matcher[];
  readonly offsetMs?: number;
}

/** `selector[5m]`: the samples in `(T - rangeMs, T]` (before the offset). */
export interface MatrixSelector {
  readonly kind: 'matrix';
  readonly vector: VectorSelector;
  readonly rangeMs: number;
}

export interface NumberLiteral {
  readonly kind: 'number';
  readonly value: number;
}

export interface Call {
  readonly kind: 'call';
  readonly fn: string;
  readonly args: readonly PromExpr[];
}

export type AggregateOp = 'sum' | 'min' | 'max' | 'count' | 'avg';

/** `sum by (host) (expr)`; `by` empty: one series. */
export interface Aggregation {
  readonly kind: 'aggregate';
  readonly op: AggregateOp;
  readonly by: readonly string[];
  readonly expr: PromExpr;
}

export type BinaryOp = '+' | '-' | '*' | '/' | '^';

export interface Binary {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly lhs: PromExpr;
  readonly rhs: PromExpr;
}

export type PromExpr = VectorSelector | MatrixSelector | NumberLiteral | Call | Aggregation | Binary;

export const vector = (matchers: readonly Matcher[], offsetMs?: number): VectorSelector => ({
  kind: 'vector',
  matchers,
  ...(offsetMs === undefined ? {} : { offsetMs }),
});
export const matrix = (v: VectorSelector, rangeMs: number): MatrixSelector => ({
  kind: 'matrix',
  vector: v,
  rangeMs,
});
export const num = (value: number): NumberLiteral => ({ kind: 'number', value });
export const call = (fn: string, ...args: PromExpr[]): Call => ({ kind: 'call', fn, args });
export const aggregate = (op: AggregateOp, by: readonly string[], expr: PromExpr): Aggregation => ({
  kind: 'aggregate',
  op,
  by,
  expr,
});
export const binary = (op: BinaryOp, lhs: PromExpr, rhs: PromExpr): Binary => ({
  kind: 'binary',
  op,
  lhs,
  rhs,
});

/** Prometheus' identifier rules: metric names may contain `:`, label names may not. */
export const metricNameRe = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
export const labelNameRe = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
