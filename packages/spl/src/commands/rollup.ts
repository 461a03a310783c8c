// Rolling paths up into directories, shared by `bucketdir` and `folderize`: every path is cut to the most
// parts that still leave at most a given number of distinct directories, and the results of one directory
// become one, their sizes summed.

import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { toNumber, toStr } from '../plan/coerce.ts';
import type { State } from '../plan/index.ts';
import { Scope } from '../plan/scope.ts';

export interface Rollup {
  /** The field holding the path; replaced by the directory. */
  readonly path: string;
  readonly sep: string;
  /** The numeric field summed per directory. */
  readonly size: string;
  /** Another numeric field summed per directory (bucketdir's `countfield`), when it differs from `size`. */
  readonly count?: string;
  /** The most directories. */
  readonly max: number;
  /** Keep only the `max` largest directories (bucketdir), largest first. */
  readonly top: boolean;
}

/**
 * One result per directory: `path` cut at the depth where the paths give at most `max` directories (a `sep`
 * at the end of a cut path), with `size` (and `count`) summed, largest first.
 *
 * @example `bucketdir pathfield=source sizefield=count maxcount=2` over `/var/log/a`, `/var/log/b`, `/opt/x`
 *   → `/var/log/` (their counts summed) and `/opt/x`
 */
export function rollup(r: Rollup, s: State, errors: Diagnostic[], at: Span): State {
  if (s.scope.raw) {
    errors.push(
      diagnostic('unsupported', 'rolling up paths over raw events is not supported yet', at, [
        'count the paths first, for example `top limit=100 source` or `stats count BY source`',
      ]),
    );
    return s;
  }
  const paths = '__rollup_paths';
  const depth = '__rollup_depth';
  const path = toStr(s.scope.resolve(r.path));
  // Every result sees all the paths, and from them the depth to cut at.
  let rel: Rel = {
    kind: 'window',
    input: s.rel,
    partition: [],
    aggregates: [{ name: paths, fn: 'list', arg: call('to_mv', [path], 'mv'), max: 0, type: 'mv' }],
  };
  rel = {
    kind: 'compute',
    input: rel,
    name: depth,
    expr: call('rollup_depth', [col(paths, 'mv'), lit(r.sep), lit(r.max)], 'number'),
  };
  const dir = call('path_prefix', [path, lit(r.sep), col(depth, 'number')], 'string');
  const sums = [r.size, ...(r.count !== undefined && r.count !== r.size ? [r.count] : [])];
  rel = {
    kind: 'aggregate',
    input: rel,
    groups: [{ name: r.path, expr: dir }],
    aggregates: sums.map((name) => ({
      name,
      fn: 'sum' as const,
      arg: toNumber(s.scope.resolve(name)),
      type: 'number' as const,
    })),
  };
  rel = {
    kind: 'sort',
    input: rel,
    keys: [
      { expr: col(r.size, 'number'), descending: true, mode: 'num' },
      { expr: col(r.path, 'string'), descending: false, mode: 'str' },
    ],
  };
  if (r.top) rel = { kind: 'take', input: rel, limit: r.max };
  return {
    rel,
    scope: Scope.closed([
      { name: r.path, type: 'string' },
      ...sums.map((name) => ({ name, type: 'number' as const })),
    ]),
  };
}
