// `extract` (also `kv`): extracts `key=value` fields from the events' text; the keys are only known when the
// search runs, so a later command that names a field reads it from the text then (as `spath` does).

import { bool, int, str } from '../analyse/options.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { toStr } from '../plan/coerce.ts';
import { extractedSeries, truthy } from '../plan/helpers.ts';
import type { FieldReader } from '../plan/scope.ts';
import { genericArgs, optionOf } from './generic-args.ts';
import type { CommandModule } from './types.ts';

/** Pairs are separated by white space, `,` or `;` unless `pairdelim=` says otherwise. */
const DEFAULT_PAIRDELIM = ' \t\r\n,;';
const DEFAULT_KVDELIM = '=';
/** Splunk's default: only the first 10240 characters of an event are read. */
const DEFAULT_MAXCHARS = 10_240;

/** Characters as the inside of a regular expression's `[…]` class. */
const inClass = (chars: string): string =>
  chars
    .replace(/[\\\]^[-]/g, '\\$&')
    .replace(/\t/g, '\\t')
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n');

/**
 * The regular expression finding key `name` in the text: at the start or after a pair delimiter, then a
 * key/value delimiter, then (group 1) a quoted value or the text up to the next pair delimiter.
 * With `cleanKeys`, a `_` of the name also matches the other characters Splunk replaces by `_` in key names.
 */
export function kvPattern(name: string, pairdelim: string, kvdelim: string, cleanKeys: boolean): string {
  const pairs = inClass(pairdelim);
  const other = `[^A-Za-z0-9${pairs}${inClass(kvdelim)}]`;
  const key = [...name]
    .map((ch) => (cleanKeys && ch === '_' ? other : ch.replace(/[.+*?^${}()|[\]\\/-]/g, '\\$&')))
    .join('');
  return `(?:^|[${pairs}])${key}[${inClass(kvdelim)}]("[^"]*"|[^${pairs}"]*)`;
}

/**
 * The regular expression finding every pair (the key in group 1, the value in group 2) as {@link kvPattern}
 * finds one key: at the start or after a pair delimiter, a key without delimiters or quotes.
 */
export function kvPairs(pairdelim: string, kvdelim: string): string {
  const pairs = inClass(pairdelim);
  const kv = inClass(kvdelim);
  return `(?:^|[${pairs}])([^${pairs}${kv}"]+)[${kv}]("[^"]*"|[^${pairs}"]*)`;
}

/** The lambda variable of `mv_add`'s per-value unquoting. */
const MV_VALUE = '__extract_value';

/** A field name a `key=value` pair can give (not an internal field, nothing the delimiters would cut). */
const KEY_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.:-]*$/;

/**
 * How the value of key `name` is read from `text` with these delimiters (a field reader of the scope): the
 * first value (a quoted one without its quotes), or with `mvAdd` every value of a repeated key, in order.
 * Also `REPORT-` transforms with key-value `DELIMS`.
 */
export function kvReader(
  text: Expr,
  pairdelim: string,
  kvdelim: string,
  clean: boolean,
  mvAdd: boolean,
): FieldReader {
  return (name, at) => {
    if (!KEY_NAME.test(name)) return undefined;
    const re = lit(kvPattern(name, pairdelim, kvdelim, clean));
    // A quoted value without its quotes.
    const unquoted = (v: Expr): Expr => call('replace', [v, lit('^"(.*)"$'), lit('\\1')], 'string', at);
    if (!mvAdd) return unquoted(call('rex_group', [text, re, lit(1)], 'string', at));
    // mv_add=true: every value of a repeated key, in order.
    const all = call('rex_groups', [text, re, lit(1), lit(0)], 'mv', at);
    return call('mvmap', [all, unquoted(col(MV_VALUE, 'string')), lit(MV_VALUE)], 'mv', at);
  };
}

/**
 * `extract [pairdelim=<chars>] [kvdelim=<chars>] [limit=<int>] [maxchars=<int>] [clean_keys=<bool>]`: every
 * `key=value` pair of `_raw` becomes the field `key`, the first pair of a key winning (every pair's value, as
 * a multivalue field, with `mv_add=true`). A field named later
 * is looked up in the text when the search runs.
 *
 * @example `extract pairdelim="|" kvdelim=":" | table user` →
 *   `replaceRegexpAll(extractGroups(_raw, '(?:^|[|])user[:]("[^"]*"|[^|"]*)')[1], '^"(.*)"$', '\\1')` as `user`
 */
export const extract: CommandModule<'generic'> = {
  name: 'extract',
  kind: 'generic',
  aliases: ['kv'],
  status: 'partly',
  options: {
    placement: 'anywhere',
    options: {
      pairdelim: str,
      kvdelim: str,
      limit: int,
      maxchars: int,
      clean_keys: bool,
      mv_add: bool,
      reload: bool,
      segment: bool,
    },
  },
  doc: {
    summary: 'Extracts `key=value` fields from the events’ text.',
    syntax:
      'extract [pairdelim=<chars>] [kvdelim=<chars>] [limit=<int>] [maxchars=<int>] [clean_keys=<bool>] [mv_add=<bool>]',
    example: 'index=main | extract pairdelim=",", kvdelim="=" | table host, user',
    differences: [
      'A field is read from the text when a later command names it; the events shown carry every extracted field in their fields (as text, each key’s first value, or every value with `mv_add=true`), over the stored fields, also after commands that act on every field (`fillnull`, `filldown`, `replace`, `join`). A field the text does not have stays as it was (with `mv_add=true` too).',
      'Where Splunk’s page is silent: with `clean_keys` (the default) every character of a key other than a letter or digit becomes `_` (leading `_` and digits are kept); a key must start with a letter, digit or `_`.',
      'Named extractions from `transforms.conf` (`extract <name>`) are not supported; `limit` is accepted but a named key is found wherever it is in the first `maxchars` characters.',
      'After a transforming command (`| makeresults | eval _raw="a=1 b=2" | extract`) the fields found become fields of the results, every name any result has, shown in name order; a field the results already have keeps its value.',
    ],
  },
  lower(c, s, ctx) {
    const { options, words } = genericArgs(c, ctx.errors);
    for (const w of words) {
      ctx.errors.push(
        diagnostic(
          'unsupported',
          `named extractions (\`${c.name.name} ${w.text}\`) from transforms.conf are not supported`,
          w.span,
          ['give the delimiters instead: `extract pairdelim="," kvdelim="="`, or use `rex`'],
        ),
      );
    }
    if (words.length > 0) return s;
    const pairdelim = optionOf(options, 'pairdelim')?.value.text ?? DEFAULT_PAIRDELIM;
    const kvdelim = optionOf(options, 'kvdelim')?.value.text ?? DEFAULT_KVDELIM;
    for (const [key, value] of [
      ['pairdelim', pairdelim],
      ['kvdelim', kvdelim],
    ] as const) {
      if (value === '') {
        const o = optionOf(options, key);
        ctx.errors.push(
          diagnostic(
            'semantic',
            `\`${key}\` needs at least one delimiter character`,
            o?.value.span ?? c.span,
          ),
        );
        return s;
      }
    }
    const cleanKeys = optionOf(options, 'clean_keys')?.value.text;
    const clean = cleanKeys === undefined || truthy(cleanKeys);
    const maxchars = Number(optionOf(options, 'maxchars')?.value.text ?? DEFAULT_MAXCHARS);
    const mvAdd = truthy(optionOf(options, 'mv_add')?.value.text);
    const raw = toStr(s.scope.resolve('_raw'));
    const text = maxchars > 0 ? call('substr', [raw, lit(1), lit(maxchars)], 'string') : raw;
    const fields = call('kv_fields', [text, lit(kvPairs(pairdelim, kvdelim)), lit(clean), lit(mvAdd)], 'mv');
    if (!s.scope.raw) return extractedSeries(s, fields, c.name.span, ctx.errors) ?? s;
    return {
      rel: s.rel,
      scope: s.scope.withReader(kvReader(text, pairdelim, kvdelim, clean, mvAdd), c.name.span, fields),
    };
  },
};
