// JSON functions (Search Reference 9.4): json, json_object, json_array, json_valid, json_keys, json_extract, …

import { diagnostic } from '../diagnostics.ts';
import type { Expr } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import { toStr } from '../plan/coerce.ts';
import type { EvalFunction } from './types.ts';
import { evalFn } from './types.ts';

const p = 'json' as const;

/** JSON text made by a JSON function: nested as JSON, not as a string. */
const jsonMade = (e: Expr): boolean =>
  e.kind === 'call' && (e.fn === 'json_object' || e.fn === 'json_array' || e.fn === 'json');

/** A value as JSON builders take it: JSON text from JSON functions is marked so it nests. */
const member = (e: Expr): Expr => (jsonMade(e) ? call('json', [e], 'string', e.span) : e);

const notYet = (name: string, signature: string, doc: string): EvalFunction => ({
  page: p,
  name,
  arity: [1, 128],
  signature,
  doc,
  notYet: 'not implemented yet',
});

export const jsonFunctions: readonly EvalFunction[] = [
  evalFn(p, 'json', [1, 1], 'json(<value>)', 'The value when it is valid JSON, else null.', ([x], at) =>
    call('json', [toStr(x ?? lit(null))], 'string', at),
  ),
  evalFn(
    p,
    'json_object',
    [0, 128],
    'json_object(<members>)',
    'A JSON object of key, value pairs; numbers stay numbers, JSON from other JSON functions nests.',
    (args, at, ctx) => {
      if (args.length % 2 !== 0) {
        ctx.diagnostics.push(diagnostic('semantic', '`json_object` takes key, value pairs', at));
        return lit(null, at);
      }
      return call(
        'json_object',
        args.map((a, i) => (i % 2 === 0 ? toStr(a) : member(a))),
        'string',
        at,
      );
    },
  ),
  evalFn(
    p,
    'json_array',
    [0, 128],
    'json_array(<values>)',
    'A JSON array of the values; numbers stay numbers, JSON from other JSON functions nests.',
    (args, at) => call('json_array', args.map(member), 'string', at),
  ),
  evalFn(p, 'json_valid', [1, 1], 'json_valid(<json>)', 'True when the value is valid JSON.', ([x], at) =>
    call('json_valid', [toStr(x ?? lit(null))], 'bool', at),
  ),
  evalFn(
    p,
    'json_keys',
    [1, 1],
    'json_keys(<json>)',
    "The keys of a JSON object's top level, as a JSON array; null for anything else.",
    ([x], at) => call('json_keys', [toStr(x ?? lit(null))], 'string', at),
  ),
  evalFn(
    p,
    'json_array_to_mv',
    [1, 2],
    'json_array_to_mv(<json_array>, <boolean>)',
    'The elements of a JSON array as a multivalue field: strings without their quotes (with them when the second argument is true), other values as JSON text.',
    ([x, keep], at, ctx) => {
      if (keep !== undefined && !(keep.kind === 'literal' && typeof keep.value === 'boolean')) {
        ctx.diagnostics.push(
          diagnostic(
            'semantic',
            '`json_array_to_mv` takes `true()` or `false()` as its second argument',
            keep.span ?? at,
          ),
        );
        return lit(null, at);
      }
      return call('json_array_to_mv', [toStr(x ?? lit(null)), lit(keep?.value === true)], 'mv', at);
    },
  ),
  evalFn(
    p,
    'json_extract',
    [1, 2],
    'json_extract(<json>, <paths>)',
    'The value at a path (`a.b.c`); strings without quotes, objects and arrays as JSON; the whole document without a path.',
    ([x, path], at, ctx) => {
      if (path === undefined) return call('json', [toStr(x ?? lit(null))], 'string', at);
      if (
        path.kind !== 'literal' ||
        typeof path.value !== 'string' ||
        /[{}]/.test(path.value) ||
        path.value === ''
      ) {
        ctx.diagnostics.push(
          diagnostic(
            'unsupported',
            '`json_extract` needs one literal path of keys such as "user.name" (array indexes are not supported yet)',
            path.span ?? at,
          ),
        );
        return lit(null, at);
      }
      return call('spath', [toStr(x ?? lit(null)), path], 'string', at);
    },
  ),
  evalFn(
    p,
    'json_extract_exact',
    [2, 2],
    'json_extract_exact(<json>, <keys>)',
    'The value of a top-level key, read literally (a key may contain dots).',
    ([x, key], at) => call('json_extract', [toStr(x ?? lit(null)), toStr(key ?? lit(null))], 'string', at),
  ),
  evalFn(
    p,
    'json_has_key_exact',
    [2, 2],
    'json_has_key_exact(<json>, <key>)',
    'True when the JSON object has the top-level key, read literally.',
    ([x, key], at) => call('json_has_key', [toStr(x ?? lit(null)), toStr(key ?? lit(null))], 'bool', at),
  ),
  notYet(
    'json_append',
    'json_append(<json>, <path_value_pairs>)',
    'The JSON array at each path with the values appended.',
  ),
  notYet('json_delete', 'json_delete(<json>, <keys>)', 'The JSON object without the keys.'),
  notYet('json_entries', 'json_entries(<value>)', 'The key and value of each member of a JSON object.'),
  notYet(
    'json_extend',
    'json_extend(<json>, <path_value_pairs>)',
    'The JSON array at each path extended with the values of arrays.',
  ),
  notYet(
    'json_set',
    'json_set(<json>, <path_value_pairs>)',
    'The JSON object with the values set at the paths.',
  ),
  notYet(
    'json_set_exact',
    'json_set_exact(<json>, <key_value_pairs>)',
    'The JSON object with the values set at the keys, read literally.',
  ),
];
