// Informational functions (Search Reference 9.4): isnull, isnotnull, isnum, isint, isstr, isbool, typeof, …

import { call, lit } from '../ir/types.ts';
import { toStr } from '../plan/coerce.ts';
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
  evalFn(
    p,
    'isbool',
    [1, 1],
    'isbool(<value>)',
    'True when the value is a Boolean (a comparison, `true()`); field values never are.',
    ([x], at) => lit(x?.type === 'bool', at),
  ),
  evalFn(
    p,
    'isarray',
    [1, 1],
    'isarray(<value>)',
    'True when the value is a JSON array (`"[1, 2, 3]"`).',
    ([x], at) =>
      x?.type === 'number' || x?.type === 'bool' || x?.type === 'time'
        ? lit(false, at)
        : call('json_is', [toStr(x ?? lit(null)), lit('array')], 'bool', at),
  ),
  evalFn(
    p,
    'isobject',
    [1, 1],
    'isobject(<value>)',
    'True when the value is a JSON object (`"{"a": 1}"`).',
    ([x], at) =>
      x?.type === 'number' || x?.type === 'bool' || x?.type === 'time'
        ? lit(false, at)
        : call('json_is', [toStr(x ?? lit(null)), lit('object')], 'bool', at),
  ),
  evalFn(
    p,
    'typeof',
    [1, 1],
    'typeof(<value>)',
    '"Number", "String", "Boolean", or "Invalid" for null; a field value that is a number is a Number.',
    ([x], at) => {
      switch (x?.type) {
        case 'number':
        case 'time':
          return lit('Number', at);
        case 'bool':
          return lit('Boolean', at);
        case 'string':
          return call(
            'if',
            [call('isnull', [x ?? lit(null)], 'bool', at), lit('Invalid'), lit('String')],
            'string',
            at,
          );
        case undefined:
        case 'null':
          return lit('Invalid', at);
        default:
          return call('typeof', [x ?? lit(null)], 'string', at);
      }
    },
  ),
];
