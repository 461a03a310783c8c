// JSON functions (Search Reference 9.4): json_object, json_array, json_extract, json_valid, …

import type { EvalFunction } from './types.ts';

export const jsonFunctions: readonly EvalFunction[] = [];
