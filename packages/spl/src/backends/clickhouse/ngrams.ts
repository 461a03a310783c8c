// ClickHouse SQL for the n-gram sets `anomalies` compares events by: each event's distinct n-grams of
// characters, hashed to 64 bits so that the windows over the previous events count integers, not strings.

import type { Expr } from '../../ir/types.ts';
import type { FunctionPrinter } from './functions.ts';

function literalOf(e: Expr | undefined): number | boolean {
  if (e?.kind !== 'literal' || (typeof e.value !== 'number' && typeof e.value !== 'boolean'))
    throw new Error('expected a number or Boolean literal argument');
  return e.value;
}

export const ngramPrinters: Record<'ngram_set' | 'set_size', FunctionPrinter> = {
  ngram_set: (e, [s = 'NULL'], { params }) => {
    const n = Math.trunc(Number(literalOf(e.args[1])));
    const max = Math.trunc(Number(literalOf(e.args[3])));
    const first = `substringUTF8(ifNull(${s}, ''), 1, ${max})`;
    // normalize=true: the digits 0–9 are all the same character; where they stand and how many stay.
    const normal =
      literalOf(e.args[2]) === true
        ? `replaceRegexpAll(${first}, ${params.string('[0-9]')}, ${params.string('0')})`
        : first;
    // A space before and after: a value shorter than n (`404`, a user name) still has n-grams, and a
    // value's first and last characters count as such.
    const space = params.string(' ');
    const text = `concat(${space}, ${normal}, ${space})`;
    // Measured on 20,000 log lines over windows of 100 events: counting hashes took half the time of
    // counting the n-gram strings, which uniqExactArray hashes again for every window a string is in.
    return `arrayDistinct(arrayMap(g -> cityHash64(g), ngrams(${text}, ${n})))`;
  },
  set_size: (_e, [x = '[]']) => `length(${x})`,
};
