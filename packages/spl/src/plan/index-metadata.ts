// What Splunk keeps about its indexes (`eventcount`, `metadata`), computed from the tenant's events.

import type { CommandOption, SearchExpr } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { TimeRange } from '../analyse/index.ts';
import type { PlanOptions, State } from './index.ts';
import { tenantScan } from './helpers.ts';
import { Scope } from './scope.ts';
import { lowerSearch } from './search.ts';

/**
 * The tenant's events in `range` (all of them for `eventcount`, which ignores the time range), in the
 * indexes the `index=` options name (wildcards allowed; several are OR-ed). Without `index=`, the indexes
 * a search without `index=` reads.
 */
export function indexEvents(
  indexOptions: readonly CommandOption[],
  range: TimeRange,
  options: PlanOptions,
  errors: Diagnostic[],
): State {
  const scope = Scope.rawEvents();
  const scan = tenantScan(options, range);
  const tests = indexOptions.map((o): SearchExpr => ({
    kind: 'search-compare',
    field: { ...o.key, name: 'index' },
    op: '=',
    value: { kind: 'search-value', text: o.value.text, quoted: o.value.quoted, span: o.value.span },
    caseSensitive: false,
    span: o.span,
  }));
  const [first] = indexOptions;
  if (!first) return { rel: scan, scope };
  const expr: SearchExpr =
    tests.length === 1 && tests[0] ? tests[0] : { kind: 'search-or', operands: tests, span: first.span };
  return {
    rel: { kind: 'filter', input: scan, predicate: lowerSearch(expr, { scope, diagnostics: errors }) },
    scope,
  };
}

/** The `index=` options of a generic command, in order. */
export const indexOptionsOf = (options: readonly CommandOption[]): CommandOption[] =>
  options.filter((o) => o.key.name.toLowerCase() === 'index');
