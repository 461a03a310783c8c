// The eval functions the planner lowers, by lower-case name: a view of the function registry (`../functions`).

import { evalFunctionList } from '../functions/index.ts';
import type { EvalFunction } from '../functions/index.ts';

export type { FunctionLowering } from '../functions/index.ts';

/** Eval functions that compile, by lower-case name; the rest of Splunk's list is reported `unsupported`. */
export const functions: Readonly<Record<string, EvalFunction>> = Object.fromEntries(
  evalFunctionList.filter((f) => f.notYet === undefined).map((f) => [f.name, f]),
);
