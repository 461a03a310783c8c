// The function registry: every SPL eval and stats function, registered once. The planner, the editor's
// catalogue and the generated reference (docs/searching/spl-functions.md) read these tables.

import { statsFunctionList } from './aggregations.ts';
import { bitwiseFunctions } from './bitwise.ts';
import { conditionalFunctions } from './conditional.ts';
import { conversionFunctions } from './conversion.ts';
import { cryptoFunctions } from './crypto.ts';
import { informationalFunctions } from './informational.ts';
import { jsonFunctions } from './json.ts';
import { mathFunctions } from './math.ts';
import { multivalueFunctions } from './multivalue.ts';
import { statisticalFunctions } from './statistical.ts';
import { textFunctions } from './text.ts';
import { timeFunctions } from './time.ts';
import { trigFunctions } from './trig.ts';
import type { EvalFunction, StatsFunction } from './types.ts';

export type {
  EvalFunction,
  StatsFunction,
  FunctionLowering,
  CallLowering,
  EvalPage,
  StatsPage,
} from './types.ts';
export { evalPages, statsPages, pageUrl } from './types.ts';

export { statsFunctionList };

/** Every eval function, page by page in the Search Reference's order. */
export const evalFunctionList: readonly EvalFunction[] = [
  ...conditionalFunctions,
  ...conversionFunctions,
  ...cryptoFunctions,
  ...timeFunctions,
  ...informationalFunctions,
  ...jsonFunctions,
  ...mathFunctions,
  ...multivalueFunctions,
  ...statisticalFunctions,
  ...textFunctions,
  ...trigFunctions,
  ...bitwiseFunctions,
];

function byName<T extends { name: string }>(list: readonly T[]): Readonly<Record<string, T>> {
  const out: Record<string, T> = {};
  for (const f of list) {
    if (Object.hasOwn(out, f.name)) throw new Error(`function \`${f.name}\` is registered twice`);
    out[f.name] = f;
  }
  return out;
}

/** Eval functions by lower-case name. */
export const evalFunctions: Readonly<Record<string, EvalFunction>> = byName(evalFunctionList);

/** Stats functions by lower-case name (percentiles by their prefix: `perc`, `p`, `exactperc`, `upperperc`). */
export const statsFunctions: Readonly<Record<string, StatsFunction>> = byName(statsFunctionList);

/** The eval function `name` (lower case), when registered. */
export function evalFunction(name: string): EvalFunction | undefined {
  return Object.hasOwn(evalFunctions, name) ? evalFunctions[name] : undefined;
}

/** The names of the eval functions that compile. */
export const compiledEvalNames = (): string[] =>
  evalFunctionList.filter((f) => f.notYet === undefined).map((f) => f.name);
