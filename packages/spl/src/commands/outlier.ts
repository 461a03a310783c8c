// `outlier`: removes or clips numeric values far outside the interquartile range.

import { bool, number } from '../analyse/options.ts';
import type { CommandOption, FieldPattern, Ident } from '../ast.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import type { Aggregate, Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { toNumber, toStr } from '../plan/coerce.ts';
import { namedFields, optionText, truthy } from '../plan/helpers.ts';
import { fieldList, finish } from '../plan/streaming.ts';
import type { State } from '../plan/index.ts';
import type { CommandModule } from './types.ts';

export const outlier: CommandModule<'generic'> = {
  name: 'outlier',
  kind: 'generic',
  status: 'supported',
  options: {
    placement: 'anywhere',
    options: {
      action: { type: 'enum', values: ['remove', 'transform', 'rm', 'tf'] },
      param: number,
      uselower: bool,
      mark: bool,
    },
  },
  doc: {
    summary:
      'Removes or clips numeric values outside [Q1 − param·IQR, Q3 + param·IQR] (only above the median unless `uselower=true`).',
    syntax: 'outlier [action=remove|transform] [mark=<bool>] [param=<num>] [uselower=<bool>] [<field-list>]',
    example: 'index=main | timechart span=1h avg(bytes) AS bytes | outlier action=transform bytes',
    differences: ['Without a field list it needs the fields to be known: after `stats`, `chart` or `table`.'],
  },
  lower(c, s, ctx) {
    const patterns = fieldList(c, ctx.errors, true);
    if (!patterns) return s;
    const options = c.args.flatMap((a) => (a.kind === 'option' ? [a] : []));
    const action = (optionText(options, 'action') ?? 'transform').toLowerCase();
    return clipOutliers(c.name, patterns, outlierOptions(options, action), s, ctx.errors, c.span);
  },
};

/** What `outlier` (and `anomalydetection method=iqr`) does with an outlying value. */
export interface OutlierOptions {
  /** Drop the results with an outlier (`remove`) rather than clip the value (`transform`). */
  readonly remove: boolean;
  /** The multiple of the interquartile range past the quartiles (2.5 by default). */
  readonly param: number;
  /** Also values below Q1 − param·IQR. */
  readonly useLower: boolean;
  /** A clipped value is prefixed with `000 `. */
  readonly mark: boolean;
}

/** `outlier`'s options from the command's `key=value`s, with `action` already read (`remove`/`rm`, …). */
export function outlierOptions(options: readonly CommandOption[], action: string): OutlierOptions {
  return {
    remove: action === 'remove' || action === 'rm',
    param: Number(optionText(options, 'param') ?? '2.5'),
    useLower: truthy(optionText(options, 'uselower')),
    mark: truthy(optionText(options, 'mark')),
  };
}

/**
 * Clips (or removes the results with) the numeric values of `patterns` outside
 * [Q1 − param·IQR, Q3 + param·IQR], Splunk's nearest-rank quartiles over all results.
 */
export function clipOutliers(
  command: Ident,
  patterns: readonly FieldPattern[],
  o: OutlierOptions,
  s: State,
  errors: Diagnostic[],
  span: Span,
): State {
  const { remove, param, useLower, mark } = o;
  const names = namedFields(
    command,
    patterns,
    s,
    errors,
    `list the fields, for example \`${command.name} bytes\``,
  );
  if (!names || names.length === 0) return s;
  // Splunk's percentiles of each field over all results (nearest rank).
  const values = names.map((n) => toNumber(s.scope.resolve(n)));
  const aggregates = values.flatMap((v, i): Aggregate[] => [
    { name: `__ol${i}_q1`, fn: 'perc', param: 25, arg: v, type: 'number' },
    { name: `__ol${i}_q3`, fn: 'perc', param: 75, arg: v, type: 'number' },
  ]);
  let rel: Rel = { kind: 'window', input: s.rel, partition: [], aggregates };
  const bounds = values.map((v, i) => {
    const q1 = col(`__ol${i}_q1`, 'number');
    const q3 = col(`__ol${i}_q3`, 'number');
    const iqr = call('sub', [q3, q1], 'number');
    const low = call('sub', [q1, call('mul', [lit(param), iqr], 'number')], 'number');
    const high = call('add', [q3, call('mul', [lit(param), iqr], 'number')], 'number');
    const above = call('coalesce', [call('gt', [v, high], 'bool'), lit(false)], 'bool');
    const below = useLower
      ? call('coalesce', [call('lt', [v, low], 'bool'), lit(false)], 'bool')
      : lit(false);
    return { v, low, high, above, below };
  });
  let scope = s.scope;
  if (remove) {
    const any = bounds
      .map((b) => call('or', [b.above, b.below], 'bool'))
      .reduce((a, b) => call('or', [a, b], 'bool'));
    rel = { kind: 'filter', input: rel, predicate: call('not', [any], 'bool') };
    return finish(rel, scope, s.scope);
  }
  names.forEach((name, i) => {
    const b = bounds[i];
    if (!b) return;
    const original = s.scope.resolve(name);
    // Clipped to the bound it crosses; `mark=true` prefixes a clipped value with `000 `.
    const clip = (bound: Expr): Expr =>
      mark ? call('concat', [lit('000 '), toStr(bound)], 'string') : bound;
    const type = mark || original.type !== 'number' ? 'any' : 'number';
    const keep: Expr = type === 'number' ? original : toStr(original);
    const asType = (e: Expr): Expr => (type === 'number' ? e : toStr(e));
    const expr = call(
      'case',
      [b.above, asType(clip(b.high)), b.below, asType(clip(b.low)), lit(true), keep],
      type,
      span,
    );
    rel = { kind: 'compute', input: rel, name, expr };
    scope = scope.with(name, type);
  });
  return finish(rel, scope, s.scope);
}
