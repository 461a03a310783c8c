// Trig and Hyperbolic functions (Search Reference 9.4): acos … tanh, atan2, hypot.

import type { EvalFunction } from './types.ts';

export const trigFunctions: readonly EvalFunction[] = [];
