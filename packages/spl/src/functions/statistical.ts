// Statistical eval functions (Search Reference 9.4): min, max, avg, random over the arguments of one event.

import { call } from '../ir/types.ts';
import { toNumber } from '../plan/coerce.ts';
import type { EvalFunction } from './types.ts';
import { evalFn } from './types.ts';

const p = 'statistical' as const;

export const statisticalFunctions: readonly EvalFunction[] = [
  evalFn(p, 'min', [1, 64], 'min(<values>)', 'The smallest of the numbers; nulls are ignored.', (args, at) =>
    call('least', args.map(toNumber), 'number', at),
  ),
  evalFn(p, 'max', [1, 64], 'max(<values>)', 'The largest of the numbers; nulls are ignored.', (args, at) =>
    call('greatest', args.map(toNumber), 'number', at),
  ),
  evalFn(
    p,
    'avg',
    [1, 64],
    'avg(<values>)',
    'The average of the numeric arguments; nulls are ignored.',
    (args, at) => call('avg_of', args.map(toNumber), 'number', at),
  ),
  evalFn(
    p,
    'random',
    [0, 0],
    'random()',
    'A pseudo-random integer from 0 to 2^31-1, new for each event.',
    (_args, at) => call('random', [], 'number', at),
  ),
];
