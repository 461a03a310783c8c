// Small helpers the command lowerings share: option values, Splunk's Booleans, the expression context,
// and a command's field list expanded against the fields known at that point.

import type { CommandOption, FieldPattern, Ident } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { ExprContext } from './coerce.ts';
import type { PlanOptions, State } from './index.ts';
import { fieldPatternRegExp } from './scope.ts';

/** Splunk's true values for Boolean options (`t`, `true`, `1`, `yes`, any case). */
export const truthy = (v: string | undefined): boolean =>
  ['t', 'true', '1', 'yes'].includes((v ?? '').toLowerCase());

/** The value of option `key` (case-insensitive), as written. */
export const optionText = (options: readonly CommandOption[], key: string): string | undefined =>
  options.find((o) => o.key.name.toLowerCase() === key)?.value.text;

/** The context eval expressions are lowered in at this point of the pipeline. */
export const exprContext = (s: State, options: PlanOptions, errors: Diagnostic[]): ExprContext => ({
  scope: s.scope,
  diagnostics: errors,
  nowMs: options.nowMs,
  timeZone: options.timeZone ?? 'UTC',
});

/**
 * The fields a command names (`*` wildcards expand over the fields known here), or — with no list — every
 * known non-internal field. Over raw events the full list of fields is not known ahead, so no list (and a
 * wildcard) is reported unsupported, with `hint`; undefined then.
 */
export function namedFields(
  command: Ident,
  fields: readonly FieldPattern[],
  s: State,
  errors: Diagnostic[],
  hint: string,
): string[] | undefined {
  if (fields.length === 0) {
    if (s.scope.raw) {
      errors.push(
        diagnostic(
          'unsupported',
          `\`${command.name}\` without a field list over raw events is not supported yet`,
          command.span,
          [hint],
        ),
      );
      return undefined;
    }
    return s.scope.fields.map((col) => col.name).filter((n) => !n.startsWith('_'));
  }
  return fields.flatMap((f) => {
    // After a pivot, a name that is not a field is a series: the command handles the map itself.
    if (!f.pattern.includes('*'))
      return s.scope.seriesType !== undefined && !s.scope.has(f.pattern) ? [] : [f.pattern];
    if (s.scope.raw) {
      errors.push(
        diagnostic(
          'unsupported',
          `wildcard fields in \`${command.name}\` over raw events are not supported yet`,
          f.span,
        ),
      );
      return [];
    }
    const re = fieldPatternRegExp(f.pattern);
    return s.scope.fields.map((col) => col.name).filter((n) => re.test(n));
  });
}
