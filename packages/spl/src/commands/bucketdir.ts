// `bucketdir`: replaces paths by higher directories, so that at most `maxcount` results remain.

import { str } from '../analyse/options.ts';
import { diagnostic } from '../diagnostics.ts';
import { genericArgs, noMoreWords, optionOf } from './generic-args.ts';
import { rollup } from './rollup.ts';
import type { CommandModule } from './types.ts';

/**
 * `bucketdir pathfield=<field> sizefield=<field> [maxcount=<int>] [countfield=<field>] [sep=<char>]`: the
 * paths (`source`) cut to the deepest directories that leave at most `maxcount` (20) results, `sizefield`
 * and `countfield` (`totalCount`) summed per directory, the largest `maxcount` first.
 *
 * @example `top source | bucketdir pathfield=source sizefield=count maxcount=10` (see `rollup`)
 */
export const bucketdir: CommandModule<'generic'> = {
  name: 'bucketdir',
  kind: 'generic',
  status: 'partly',
  options: {
    placement: 'anywhere',
    options: { pathfield: str, sizefield: str, maxcount: { type: 'int', min: 1 }, countfield: str, sep: str },
  },
  doc: {
    summary: 'Replaces a path by a higher directory, grouping results into folders.',
    syntax:
      'bucketdir pathfield=<field> sizefield=<field> [maxcount=<int>] [countfield=<field>] [sep=<char>]',
    example: 'index=main | top limit=100 source | bucketdir pathfield=source sizefield=count maxcount=10',
    differences: [
      'Every path is cut at one depth, the deepest that leaves at most `maxcount` directories; Splunk’s own rule prefers directories with many files and few events, which its documentation does not define.',
      'After a transforming command only (count the paths first, with `top` or `stats`).',
    ],
  },
  lower(c, s, ctx) {
    const { options, words } = genericArgs(c, ctx.errors);
    noMoreWords('bucketdir', words, ctx.errors, 'only options');
    if (words.length > 0) return s;
    const sep = optionOf(options, 'sep')?.value.text ?? '/';
    if (sep === '') {
      ctx.errors.push(
        diagnostic(
          'semantic',
          '`sep` needs a separator character',
          optionOf(options, 'sep')?.value.span ?? c.span,
        ),
      );
      return s;
    }
    const countfield = optionOf(options, 'countfield')?.value.text;
    return rollup(
      {
        path: optionOf(options, 'pathfield')?.value.text ?? 'source',
        sep,
        size: optionOf(options, 'sizefield')?.value.text ?? 'totalCount',
        ...(countfield === undefined ? {} : { count: countfield }),
        max: Number(optionOf(options, 'maxcount')?.value.text ?? 20),
        top: true,
      },
      s,
      ctx.errors,
      c.name.span,
    );
  },
};
