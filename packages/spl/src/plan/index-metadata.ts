// What Splunk keeps about its indexes (`eventcount`, `metadata`), computed from the tenant's events.

import type { CommandOption, GenericArg, GenericCommand, SearchExpr } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { TimeRange } from '../analyse/index.ts';
import type { Rel } from '../ir/types.ts';
import type { PlanOptions, State } from './index.ts';
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

/** The tenant's events in `range`, in the indexes its identity may read (the start of every search). */
export const tenantScan = (options: PlanOptions, range: TimeRange): Rel => ({
  kind: 'scan',
  table: 'logs',
  orgId: options.orgId,
  ...(options.indexes ? { indexes: options.indexes } : {}),
  earliestMs: range.earliestMs,
  latestMs: range.latestMs,
});

/**
 * The arguments of a command parsed with the generic grammar, by kind: `key=value` options, words, and
 * the first argument of another kind (a subsearch, a group), which most commands refuse.
 */
export function genericArgs(c: GenericCommand): {
  options: CommandOption[];
  words: GenericWord[];
  other?: GenericArg;
} {
  const other = c.args.find((a) => a.kind !== 'option' && a.kind !== 'generic-word');
  return {
    options: c.args.filter((a): a is CommandOption => a.kind === 'option'),
    words: c.args.filter((a): a is GenericWord => a.kind === 'generic-word'),
    ...(other ? { other } : {}),
  };
}

/** A word argument of a generic command. */
export type GenericWord = Extract<GenericArg, { kind: 'generic-word' }>;

/** The options of `c`; every other argument is reported: `c` takes only options such as `example`. */
export function onlyOptions(c: GenericCommand, example: string, errors: Diagnostic[]): CommandOption[] {
  for (const a of c.args) {
    if (a.kind !== 'option') {
      errors.push(
        diagnostic('semantic', `\`${c.name.name}\` takes only options such as \`${example}\``, a.span),
      );
    }
  }
  return genericArgs(c).options;
}

/** The `index=` options of a generic command, in order. */
export const indexOptionsOf = (options: readonly CommandOption[]): CommandOption[] =>
  options.filter((o) => o.key.name.toLowerCase() === 'index');
