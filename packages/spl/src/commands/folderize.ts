// `folderize`: groups path-like values into folders, at most `maxfolders` of them.

import { str } from '../analyse/options.ts';
import { diagnostic } from '../diagnostics.ts';
import { genericArgs, noMoreWords, optionOf } from './generic-args.ts';
import { rollup } from './rollup.ts';
import type { CommandModule } from './types.ts';

/**
 * `folderize attr=<field> [sep=<string>] [size=<field>] [minfolders=<int>] [maxfolders=<int>]`: the values of
 * `attr` split at `sep` (`::`) and cut to the deepest folders that leave at most `maxfolders` (20), `size`
 * (`totalCount`) summed per folder, largest first.
 *
 * @example `stats count(uri) AS n BY uri | folderize attr=uri sep="/" size=n maxfolders=5` (see `rollup`)
 */
export const folderize: CommandModule<'generic'> = {
  name: 'folderize',
  kind: 'generic',
  status: 'partly',
  options: {
    placement: 'anywhere',
    options: {
      attr: str,
      sep: str,
      size: str,
      minfolders: { type: 'int', min: 1 },
      maxfolders: { type: 'int', min: 1 },
    },
  },
  doc: {
    summary: 'Groups path-like values into folders.',
    syntax: 'folderize attr=<field> [sep=<string>] [size=<field>] [minfolders=<int>] [maxfolders=<int>]',
    example: 'index=main | stats count AS n BY source | folderize attr=source sep="/" size=n maxfolders=5',
    differences: [
      'Every value is cut at one depth, the deepest that leaves at most `maxfolders` folders; `minfolders` is accepted (the deepest such depth already gives the most folders).',
      'After a transforming command only (count the values first, with `stats`).',
    ],
  },
  lower(c, s, ctx) {
    const { options, words } = genericArgs(c, ctx.errors);
    noMoreWords('folderize', words, ctx.errors, 'only options');
    const attr = optionOf(options, 'attr');
    if (!attr) {
      ctx.errors.push(diagnostic('syntax', '`folderize` needs `attr=<field>`', c.name.span));
      return s;
    }
    if (words.length > 0) return s;
    const sep = optionOf(options, 'sep')?.value.text ?? '::';
    if (sep === '') {
      ctx.errors.push(
        diagnostic('semantic', '`sep` needs a separator', optionOf(options, 'sep')?.value.span ?? c.span),
      );
      return s;
    }
    return rollup(
      {
        path: attr.value.text,
        sep,
        size: optionOf(options, 'size')?.value.text ?? 'totalCount',
        max: Number(optionOf(options, 'maxfolders')?.value.text ?? 20),
        top: false,
      },
      s,
      ctx.errors,
      c.name.span,
    );
  },
};
