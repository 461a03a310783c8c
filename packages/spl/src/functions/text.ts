// Text functions (Search Reference 9.4): len, lower, upper, substr, trim, ltrim, rtrim, replace, urldecode, spath.

import { diagnostic } from '../diagnostics.ts';
import { call, lit } from '../ir/types.ts';
import { toNumber, toStr } from '../plan/coerce.ts';
import { replaceForm } from '../plan/re2-syntax.ts';
import type { EvalFunction } from './types.ts';
import { checkedRegex, evalFn } from './types.ts';

const p = 'text' as const;

const trimLike = (fn: 'trim' | 'ltrim' | 'rtrim', doc: string): EvalFunction =>
  // Splunk trims spaces and tabs unless told which characters.
  evalFn(p, fn, [1, 2], `${fn}(<str>, <trim_chars>)`, doc, ([s, chars], at) =>
    call(fn, [toStr(s ?? lit(null)), toStr(chars ?? lit(' \t'))], 'string', at),
  );

export const textFunctions: readonly EvalFunction[] = [
  evalFn(p, 'len', [1, 1], 'len(<str>)', 'The number of characters.', ([a], at) =>
    call('len', [toStr(a ?? lit(null))], 'number', at),
  ),
  evalFn(p, 'lower', [1, 1], 'lower(<str>)', 'The string in lower case.', ([a], at) =>
    call('lower', [toStr(a ?? lit(null))], 'string', at),
  ),
  evalFn(p, 'upper', [1, 1], 'upper(<str>)', 'The string in upper case.', ([a], at) =>
    call('upper', [toStr(a ?? lit(null))], 'string', at),
  ),
  evalFn(
    p,
    'replace',
    [3, 3],
    'replace(<str>, <regex>, <replacement>)',
    'Replaces every match; `\\1` refers to groups.',
    ([s, re, by], at, ctx) => {
      // A lookahead that reaches the end of the text (`(.*\\)(?=\w+$)`) runs in an equivalent RE2 form.
      const rewritten =
        re?.kind === 'literal' &&
        typeof re.value === 'string' &&
        by?.kind === 'literal' &&
        typeof by.value === 'string'
          ? replaceForm(re.value, by.value)
          : undefined;
      if (rewritten) {
        return call(
          'replace',
          [toStr(s ?? lit(null)), lit(rewritten.pattern), lit(rewritten.replacement)],
          'string',
          at,
        );
      }
      return call(
        'replace',
        [toStr(s ?? lit(null)), toStr(checkedRegex(re, ctx)), toStr(by ?? lit(null))],
        'string',
        at,
      );
    },
  ),
  evalFn(
    p,
    'substr',
    [2, 3],
    'substr(<str>, <start>, <length>)',
    'The characters from `start` (1-based; negative counts from the end).',
    ([s, start, len], at) =>
      call(
        'substr',
        [toStr(s ?? lit(null)), toNumber(start ?? lit(null)), ...(len ? [toNumber(len)] : [])],
        'string',
        at,
      ),
  ),
  trimLike('trim', 'The string without leading and trailing spaces and tabs (or `trim_chars`).'),
  trimLike('ltrim', 'The string without leading spaces and tabs (or `trim_chars`).'),
  trimLike('rtrim', 'The string without trailing spaces and tabs (or `trim_chars`).'),
  evalFn(p, 'urldecode', [1, 1], 'urldecode(<url>)', 'The URL with its escapes decoded.', ([s], at) =>
    call('urldecode', [toStr(s ?? lit(null))], 'string', at),
  ),
  evalFn(
    p,
    'spath',
    [2, 2],
    'spath(<value>, <path>)',
    'The value at the path (`a.b{}.c`, `{N}` 1-based) of a JSON document; a list where the path fans out.',
    ([input, path], at, ctx) => {
      if (path?.kind !== 'literal' || typeof path.value !== 'string' || path.value === '') {
        ctx.diagnostics.push(
          diagnostic('unsupported', '`spath` needs a literal path such as "user.name"', path?.span ?? at),
        );
        return lit(null, at);
      }
      return call(
        'spath',
        [toStr(input ?? lit(null)), path],
        path.value.includes('{}') ? 'mv' : 'string',
        at,
      );
    },
  ),
];
