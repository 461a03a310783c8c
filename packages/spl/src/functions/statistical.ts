// Statistical eval functions (Search Reference 9.4): min, max, avg, random over the arguments of one event.

import type { Span } from '../diagnostics.ts';
import type { Expr } from '../ir/types.ts';
import { call } from '../ir/types.ts';
import { toMv, toNumber } from '../plan/coerce.ts';
import type { EvalFunction } from './types.ts';
import { evalFn } from './types.ts';

const p = 'statistical' as const;

/**
 * min/max over the arguments; a multivalue argument gives all its values (the page allows them), a list
 * made in the search or a structured field sent as a list.
 */
function extreme(fn: 'least' | 'greatest', args: readonly Expr[], at: Span): Expr {
  const listed = (a: Expr): boolean => a.type === 'mv' || a.kind === 'field';
  if (!args.some(listed)) return call(fn, args.map(toNumber), 'number', at);
  return call(
    fn === 'least' ? 'mv_least' : 'mv_greatest',
    args.map((a) => (listed(a) ? toMv(a) : toNumber(a))),
    'number',
    at,
  );
}

export const statisticalFunctions: readonly EvalFunction[] = [
  evalFn(
    p,
    'min',
    [1, 64],
    'min(<values>)',
    'The smallest of the numbers, every value of a multivalue argument included; nulls and non-numbers are ignored.',
    (args, at) => extreme('least', args, at),
  ),
  evalFn(
    p,
    'max',
    [1, 64],
    'max(<values>)',
    'The largest of the numbers, every value of a multivalue argument included; nulls and non-numbers are ignored.',
    (args, at) => extreme('greatest', args, at),
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
