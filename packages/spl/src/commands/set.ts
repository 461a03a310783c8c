// `set union|diff|intersect [search …] [search …]`: set operations over the results of two subsearches.

import type { GenericCommand } from '../ast.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { concatAll } from '../plan/append.ts';
import { toStr } from '../plan/coerce.ts';
import { planAll, subsearchArgs } from '../plan/datasets.ts';
import type { State } from '../plan/index.ts';
import type { CommandModule } from './types.ts';

type SetOp = 'union' | 'diff' | 'intersect';
const ops: readonly SetOp[] = ['union', 'diff', 'intersect'];

/** Hidden columns: which subsearch a row came from, and how many subsearches have the row. */
const side = '_set_side';
const sides = '_set_sides';

/** A value that is never null and tells a missing field from an empty one (rows match on every field). */
const keyOf = (e: Expr): Expr =>
  call('coalesce', [call('concat', [lit('='), toStr(e)], 'string'), lit('')], 'string');

/**
 * The rows of the two subsearches as sets: two rows are the same result when every field is equal (a field
 * missing in both counts as equal), as the Search Reference says. `union`: each distinct row once;
 * `intersect`: the rows both return; `diff`: the rows only one of them returns. Rows keep the order of the
 * first subsearch, then the second.
 */
export function setOperation(op: SetOp, a: State, b: State): State {
  const tagged = [a, b].map((s, i): State => ({
    rel: { kind: 'compute', input: s.rel, name: side, expr: lit(i) },
    scope: s.scope.with(side, 'number'),
  }));
  const all = concatAll(tagged);
  const columns = all.scope.columns.filter((c) => c.name !== side);
  const keys = columns.map((c) => keyOf(all.scope.resolve(c.name)));
  let rel: Rel = all.rel;
  if (op !== 'union') {
    rel = {
      kind: 'window',
      input: rel,
      partition: keys,
      aggregates: [{ name: sides, fn: 'dc', arg: col(side, 'number'), type: 'number' }],
    };
    rel = {
      kind: 'filter',
      input: rel,
      predicate: call('eq', [col(sides, 'number'), lit(op === 'intersect' ? 2 : 1)], 'bool'),
    };
  }
  rel = { kind: 'dedup', input: rel, keys, count: 1, keepEmpty: false };
  const raw = all.scope.raw;
  return {
    rel: {
      kind: 'project',
      input: rel,
      columns: columns.map((c) => ({ name: c.name, expr: all.scope.resolve(c.name) })),
      keepRaw: raw,
    },
    scope: all.scope.project(columns, raw),
  };
}

function operation(c: GenericCommand): SetOp | undefined {
  const [first] = c.args;
  const word = first?.kind === 'generic-word' ? first.text.toLowerCase() : undefined;
  return ops.find((o) => o === word);
}

export const set: CommandModule<'generic'> = {
  name: 'set',
  kind: 'generic',
  status: 'partly',
  generating: true,
  doc: {
    summary: 'Union, difference or intersection of the results of two subsearches.',
    syntax: '| set (union | diff | intersect) [ <subsearch> ] [ <subsearch> ]',
    example:
      '| set diff [search index=main | stats count BY host | fields host] [search index=audit | stats count BY host | fields host]',
    differences: [
      'Raw events are compared on `_time`, `index`, `host`, `source`, `sourcetype` and `_raw`, not on every extracted field.',
    ],
  },
  source(c, ctx) {
    const op = operation(c);
    const subs = subsearchArgs(c);
    const [first] = c.args;
    if (!op) {
      ctx.errors.push(
        diagnostic(
          'semantic',
          '`set` needs an operation: `union`, `diff` or `intersect`',
          first?.span ?? c.name.span,
        ),
      );
      return undefined;
    }
    const extra = c.args.slice(1).find((a) => a.kind !== 'generic-subsearch');
    if (subs.length !== 2 || extra) {
      ctx.errors.push(
        diagnostic(
          'semantic',
          `\`set ${op}\` takes exactly two subsearches, found ${String(subs.length)}`,
          extra?.span ?? c.name.span,
          ['for example `| set diff [search index=a | fields host] [search index=b | fields host]`'],
        ),
      );
      return undefined;
    }
    const states = planAll(subs, (p) => ctx.planPipeline(p));
    const [a, b] = states ?? [];
    return a && b ? setOperation(op, a, b) : undefined;
  },
};
