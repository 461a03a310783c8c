// What `predict` and `x11` share: their input must be a plain series of results, and their output is the
// input with the models' fields (IR `SeriesModel`).

import type { GenericCommand } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { TimeSeriesModel } from '../ir/types.ts';
import type { State } from './index.ts';
import { reservedNames, Scope } from './scope.ts';

/**
 * Whether `s` is a series a model can read (results with named fields: not raw events, not a split-by
 * `timechart`'s series map); reports it at the command otherwise (`example` shows how to make one).
 */
export function plainSeries(c: GenericCommand, s: State, errors: Diagnostic[], example: string): boolean {
  if (!s.scope.raw && s.scope.seriesType === undefined) return true;
  errors.push(
    diagnostic(
      'unsupported',
      s.scope.raw
        ? `\`${c.name.name}\` over raw events is not supported: make a series first`
        : `\`${c.name.name}\` after a split-by \`timechart\` is not supported yet`,
      c.name.span,
      [`for example \`${example}\``],
    ),
  );
  return false;
}

/** `s` with the models' outputs (numbers) after its fields, and `future` rows more. */
export function withModels(s: State, models: readonly TimeSeriesModel[], future: number): State {
  const outputs = [
    ...new Set(
      models.flatMap((m) => [
        m.prediction,
        ...(m.upper ? [m.upper.name] : []),
        ...(m.lower ? [m.lower.name] : []),
      ]),
    ),
  ];
  const columns = s.scope.columns.filter((x) => !reservedNames.has(x.name) && !outputs.includes(x.name));
  return {
    rel: {
      kind: 'series-model',
      input: s.rel,
      models,
      future,
      time: future > 0 && columns.some((x) => x.name === '_time') ? '_time' : null,
      columns,
    },
    scope: Scope.closed([...columns, ...outputs.map((name) => ({ name, type: 'number' as const }))]),
  };
}
