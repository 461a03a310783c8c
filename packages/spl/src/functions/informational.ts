// Informational functions (Search Reference 9.4): isnull, isnotnull, isnum, isint, isstr, isbool, typeof, …

import { call, lit } from '../ir/types.ts';
import type { EvalFunction } from './types.ts';
import { evalFn } from './types.ts';

const p = 'informational' as const;

export const informationalFunctions: readonly EvalFunction[] = [
  evalFn(p, 'isnull', [1, 1], 'isnull(<value>)', 'True when the value is null.', ([a], at) =>
    call('isnull', [a ?? lit(null)], 'bool', at),
  ),
  evalFn(p, 'isnotnull', [1, 1], 'isnotnull(<value>)', 'True when the value is not null.', ([a], at) =>
    call('isnotnull', [a ?? lit(null)], 'bool', at),
  ),
  evalFn(p, 'isnum', [1, 1], 'isnum(<value>)', 'True when the value is a number.', ([x], at) =>
    call('isnum', [x ?? lit(null)], 'bool', at),
  ),
  evalFn(p, 'isint', [1, 1], 'isint(<value>)', 'True when the value is an integer.', ([x], at) =>
    call('isint', [x ?? lit(null)], 'bool', at),
  ),
  evalFn(p, 'isstr', [1, 1], 'isstr(<value>)', 'True when the value is a string.', ([x], at) =>
    call('isstr', [x ?? lit(null)], 'bool', at),
  ),
];
