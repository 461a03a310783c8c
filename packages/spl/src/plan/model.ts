// Commands that fit a model on all their input at once (kmeans, cluster): the model is computed in one row
// from the collected input (IR `collect`), then joined to every row of the input, all in one statement.

import type { Expr, Rel, ScalarType } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import type { State } from './index.ts';
import type { Scope } from './scope.ts';

/** The hidden column both sides of the join share. */
const modelKey = '__model_key';

/**
 * The one-row model `name` = `model` over `collected` (an aggregate whose column `count` counts the rows it
 * collected): no row when nothing was collected, and the search stops with `message` when more than `max`
 * rows were.
 */
export function modelRow(
  collected: Rel,
  count: string,
  max: number,
  message: string,
  name: string,
  model: Expr,
): Rel {
  const n = col(count, 'number');
  const tooMany = call('gt', [n, lit(max)], 'bool');
  return {
    kind: 'project',
    input: {
      kind: 'filter',
      input: collected,
      predicate: call('check', [call('gt', [n, lit(0)], 'bool'), tooMany, lit(message)], 'bool'),
    },
    columns: [
      { name: modelKey, expr: lit(1) },
      { name, expr: model },
    ],
    keepRaw: false,
  };
}

/** Every row of `s` with the model column `name` of `model` (from `modelRow`), in the rows' order. */
export function withModel(s: State, model: Rel, name: string, type: ScalarType = 'any'): State {
  const left = s.scope.with(modelKey, 'number');
  const columns = left.columns.map((x) => ({ ...x, from: 'left' as const }));
  const joined: Rel = {
    kind: 'join',
    left: { kind: 'compute', input: s.rel, name: modelKey, expr: lit(1) },
    right: model,
    keys: [modelKey],
    type: 'inner',
    overwrite: false,
    columns: [...columns, { name, type, from: 'right' }],
    raw: s.scope.raw,
  };
  return without(joined, left.project([...left.columns, { name, type }], s.scope.raw), [modelKey]);
}

/** The rows of `rel` without the (hidden) columns `hidden`, in their order. */
export function without(rel: Rel, scope: Scope, hidden: readonly string[]): State {
  const visible = scope.columns.filter((x) => !hidden.includes(x.name));
  return {
    rel: {
      kind: 'project',
      input: rel,
      columns: visible.map((x) => ({ name: x.name, expr: scope.resolve(x.name) })),
      keepRaw: scope.raw,
    },
    scope: scope.project(visible, scope.raw),
  };
}
