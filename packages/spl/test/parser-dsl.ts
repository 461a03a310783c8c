// A builder DSL for expected parser trees (without spans), and the helper that strips spans from real ones.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import type {
  AggregationArg,
  Command,
  EvalBinaryOp,
  EvalExpr,
  GenericArg,
  SearchCompareOp,
  SearchExpr,
  SortKey,
} from '../src/ast.ts';
import { parse } from '../src/parser/index.ts';

/** A node with every `span` removed, recursively. */
export type Unspanned<T> = T extends readonly (infer U)[]
  ? Unspanned<U>[]
  : T extends object
    ? { [K in keyof T as K extends 'span' ? never : K]: Unspanned<T[K]> }
    : T;

/** Removes every `span` property, so trees compare by shape and content only. */
export function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'span')
        .map(([k, v]) => [k, strip(v)]),
    );
  }
  return value;
}

type S = Unspanned<SearchExpr>;
type E = Unspanned<EvalExpr>;
type C = Unspanned<Command>;

export const id = (name: string, quoted = false) => ({ kind: 'ident' as const, name, quoted });
export const v = (text: string, quoted = false) => ({ kind: 'search-value' as const, text, quoted });

// ----- search language -----
export const t = (
  text: string,
  o: { quoted?: boolean; term?: boolean; caseSensitive?: boolean } = {},
): S => ({
  kind: 'search-term',
  value: v(text, o.quoted ?? false),
  term: o.term ?? false,
  caseSensitive: o.caseSensitive ?? false,
});
export const q = (text: string): S => t(text, { quoted: true });
export const cmp = (
  field: string,
  op: SearchCompareOp,
  value: string,
  o: { quoted?: boolean; fieldQuoted?: boolean; caseSensitive?: boolean } = {},
): S => ({
  kind: 'search-compare',
  field: id(field, o.fieldQuoted ?? false),
  op,
  value: v(value, o.quoted ?? false),
  caseSensitive: o.caseSensitive ?? false,
});
export const inList = (field: string, ...values: ReturnType<typeof v>[]): S => ({
  kind: 'search-in',
  field: id(field),
  values,
});
export const time = (which: 'earliest' | 'latest', text: string): S => ({
  kind: 'search-time',
  which,
  value: v(text),
});
export const and = (...operands: S[]): S => ({ kind: 'search-and', operands });
export const or = (...operands: S[]): S => ({ kind: 'search-or', operands });
export const not = (operand: S): S => ({ kind: 'search-not', operand });
export const grp = (inner: S): S => ({ kind: 'search-group', inner });
export const sub = (...commands: C[]): S => ({
  kind: 'search-subsearch',
  pipeline: { kind: 'pipeline', commands },
});

// ----- eval language -----
export const f = (name: string, quoted = false): E => ({ kind: 'eval-field', name, quoted });
export const s = (value: string): E => ({ kind: 'eval-string', value });
export const n = (raw: string): E => ({ kind: 'eval-number', value: Number(raw), raw });
export const bin = (op: EvalBinaryOp, left: E, right: E): E => ({ kind: 'eval-binary', op, left, right });
export const un = (op: 'NOT' | '-' | '+', operand: E): E => ({ kind: 'eval-unary', op, operand });
export const call = (name: string, ...args: E[]): E => ({ kind: 'eval-call', name: id(name), args });
export const ein = (operand: E, values: E[], negated = false): E => ({
  kind: 'eval-in',
  operand,
  values,
  negated,
});
export const eg = (inner: E): E => ({ kind: 'eval-group', inner });

// ----- commands -----
export const search = (expr?: S, implicit = true): C => ({
  kind: 'search',
  name: id('search'),
  implicit,
  ...(expr === undefined ? {} : { expr }),
});
export const where = (expr: E): C => ({ kind: 'where', name: id('where'), expr });
export const evalc = (...pairs: [string, E][]): C => ({
  kind: 'eval',
  name: id('eval'),
  assignments: pairs.map(([target, expr]) => ({
    kind: 'eval-assignment' as const,
    target: id(target),
    expr,
  })),
});
export const opt = (key: string, value: string, quoted = false) => ({
  kind: 'option' as const,
  key: id(key),
  value: { kind: 'option-value' as const, text: value, quoted },
});
export const fp = (pattern: string, quoted = false) => ({ kind: 'field-pattern' as const, pattern, quoted });
export const aggField = (field: string): Unspanned<AggregationArg> => ({
  kind: 'agg-field',
  field: fp(field),
});
export const aggEval = (expr: E): Unspanned<AggregationArg> => ({ kind: 'agg-eval', expr });
export const agg = (fn: string, arg?: Unspanned<AggregationArg> | string, alias?: string) => ({
  kind: 'aggregation' as const,
  fn: id(fn),
  ...(arg === undefined ? {} : { arg: typeof arg === 'string' ? aggField(arg) : arg }),
  ...(alias === undefined ? {} : { alias: id(alias) }),
});
export const stats = (
  aggregations: ReturnType<typeof agg>[],
  by: string[] = [],
  options: ReturnType<typeof opt>[] = [],
): C => ({ kind: 'stats', name: id('stats'), options, aggregations, by: by.map((b) => id(b)) });
export const key = (
  field: string,
  direction: SortKey['direction'] = 'asc',
  coerce: SortKey['coerce'] = null,
): Unspanned<SortKey> => ({ kind: 'sort-key', field: id(field), direction, coerce });
export const sort = (keys: Unspanned<SortKey>[], o: { limit?: number; reverse?: boolean } = {}): C => ({
  kind: 'sort',
  name: id('sort'),
  keys,
  reverse: o.reverse ?? false,
  ...(o.limit === undefined ? {} : { limit: { value: o.limit } }),
});
export const head = (o: { count?: number; expr?: E; options?: ReturnType<typeof opt>[] } = {}): C => ({
  kind: 'head',
  name: id('head'),
  options: o.options ?? [],
  ...(o.count === undefined ? {} : { count: { value: o.count } }),
  ...(o.expr === undefined ? {} : { expr: o.expr }),
});
export const table = (...fields: string[]): C => ({
  kind: 'table',
  name: id('table'),
  fields: fields.map((x) => fp(x)),
});
export const fields = (mode: 'keep' | 'remove', ...names: string[]): C => ({
  kind: 'fields',
  name: id('fields'),
  mode,
  fields: names.map((x) => fp(x)),
});
export const rename = (...pairs: [ReturnType<typeof fp>, ReturnType<typeof fp>][]): C => ({
  kind: 'rename',
  name: id('rename'),
  renames: pairs.map(([from, to]) => ({ kind: 'rename-pair' as const, from, to })),
});
export const makeresults = (...options: ReturnType<typeof opt>[]): C => ({
  kind: 'makeresults',
  name: id('makeresults'),
  options,
});
export const w = (text: string, quoted = false): Unspanned<GenericArg> => ({
  kind: 'generic-word',
  text,
  quoted,
});
export const gGroup = (...args: Unspanned<GenericArg>[]): Unspanned<GenericArg> => ({
  kind: 'generic-group',
  args,
});
export const gSub = (...commands: C[]): Unspanned<GenericArg> => ({
  kind: 'generic-subsearch',
  pipeline: { kind: 'pipeline', commands },
});
export const generic = (name: string, ...args: Unspanned<GenericArg>[]): C => ({
  kind: 'generic',
  name: id(name),
  args,
});

/** The span-less commands of `text`, asserting that it parses without errors. */
export function commandsOf(text: string): unknown {
  const r = parse(text);
  assert.deepEqual(r.errors, [], `unexpected errors for ${text}`);
  return strip(r.ast?.commands ?? []);
}

/** The span-less search expression of a one-command query. */
export function searchOf(text: string): unknown {
  const r = parse(text);
  assert.deepEqual(r.errors, [], `unexpected errors for ${text}`);
  const c = r.ast?.commands[0];
  assert.ok(c?.kind === 'search', `not a search: ${text}`);
  return strip(c.expr);
}

/** The span-less expression of `| where <expr>`. */
export function whereOf(expr: string): unknown {
  const r = parse(`| where ${expr}`);
  assert.deepEqual(r.errors, [], `unexpected errors for ${expr}`);
  const c = r.ast?.commands[0];
  assert.ok(c?.kind === 'where', `not a where: ${expr}`);
  return strip(c.expr);
}

// ----- typed commands beyond the compiled ones -----
type Of<K extends Command['kind']> = Unspanned<Extract<Command, { kind: K }>>;

/** A typed command node: `cmd('dedup', { fields: [fp('a')], … })`; `name` defaults to the kind. */
export function cmd<K extends Command['kind']>(
  kind: K,
  props: Omit<Of<K>, 'kind' | 'name'>,
  name: string = kind,
): { kind: K; name: ReturnType<typeof id> } & Omit<Of<K>, 'kind' | 'name'> {
  return { kind, name: id(name), ...props };
}
export const count = (value: number) => ({ value });
export const subq = (...commands: C[]) => ({
  kind: 'subsearch' as const,
  pipeline: { kind: 'pipeline' as const, commands },
});
export const ov = (text: string, quoted = false) => ({ kind: 'option-value' as const, text, quoted });
export const conv = (fn: string, field: string, alias?: string) => ({
  kind: 'convert-function' as const,
  fn: id(fn),
  field: fp(field),
  ...(alias === undefined ? {} : { alias: fp(alias) }),
});
export const lf = (field: string, alias?: string) => ({
  kind: 'lookup-field' as const,
  field: id(field),
  ...(alias === undefined ? {} : { alias: id(alias) }),
});
export const ret = (field: string, o: { alias?: string; valueOnly?: boolean } = {}) => ({
  kind: 'return-item' as const,
  field: id(field),
  valueOnly: o.valueOnly ?? false,
  ...(o.alias === undefined ? {} : { alias: id(o.alias) }),
});
/** One `<from> WITH <to>` of `replace`; `quoted` marks quoted values, as `[from, to]`. */
export const rp = (from: string, to: string, quoted: [boolean, boolean] = [false, false]) => ({
  kind: 'replace-pair' as const,
  from: ov(from, quoted[0]),
  to: ov(to, quoted[1]),
});

/** Table-driven syntax-error rows: each query gives exactly this one `syntax` error, spanning [start, end). */
export function syntaxErrorRows(rows: readonly (readonly [string, string, number, number])[]): void {
  for (const [text, message, start, end] of rows) {
    test(`error: ${text}`, () => {
      const r = parse(text);
      assert.deepEqual(
        r.errors.map((e) => ({ code: e.code, message: e.message, span: e.span })),
        [{ code: 'syntax', message, span: { start, end } }],
      );
    });
  }
}
