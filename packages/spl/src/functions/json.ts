// JSON functions (Search Reference 9.4): json, json_object, json_array, json_valid, json_keys, json_extract, …

import { diagnostic } from '../diagnostics.ts';
import type { Span } from '../diagnostics.ts';
import type { ExprContext } from '../plan/coerce.ts';
import type { Expr } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import { toStr } from '../plan/coerce.ts';
import type { EvalFunction } from './types.ts';
import { evalFn } from './types.ts';
import type { JsonStep } from './json-path.ts';
import { exactKey, parseJsonPath } from './json-path.ts';

/** The literal paths of a JSON function as one literal (a JSON list of step lists), or undefined. */
function literalPaths(
  fn: string,
  paths: readonly Expr[],
  at: Span,
  ctx: ExprContext,
  parse: (text: string) => JsonStep[] | undefined,
): Expr | undefined {
  const all: JsonStep[][] = [];
  for (const path of paths) {
    const steps = path.kind === 'literal' && typeof path.value === 'string' ? parse(path.value) : undefined;
    if (steps === undefined) {
      ctx.diagnostics.push(
        diagnostic(
          'semantic',
          `\`${fn}\` needs each path as a literal string such as "user.names{0}"`,
          path.span ?? at,
        ),
      );
      return undefined;
    }
    all.push(steps);
  }
  return lit(JSON.stringify(all));
}

/** `json_set(json, path, value, …)`: the IR call (json, values…, paths). */
function pathValues(
  fn: 'json_set' | 'json_set_exact' | 'json_append' | 'json_extend',
  [x, ...pairs]: Expr[],
  at: Span,
  ctx: ExprContext,
  parse: (text: string) => JsonStep[] | undefined,
): Expr {
  if (pairs.length % 2 !== 0) {
    ctx.diagnostics.push(diagnostic('semantic', `\`${fn}\` takes path, value pairs after the JSON`, at));
    return lit(null, at);
  }
  const paths = pairs.filter((_, i) => i % 2 === 0);
  const values = pairs.filter((_, i) => i % 2 === 1).map(member);
  const steps = literalPaths(fn, paths, at, ctx, parse);
  if (steps === undefined) return lit(null, at);
  const ir = fn === 'json_set_exact' ? 'json_set' : fn;
  return call(ir, [toStr(x ?? lit(null)), ...values, steps], 'string', at);
}

const p = 'json' as const;

/** JSON text made by a JSON function: nested as JSON, not as a string. */
const jsonMade = (e: Expr): boolean =>
  e.kind === 'call' && (e.fn === 'json_object' || e.fn === 'json_array' || e.fn === 'json');

/** A value as JSON builders take it: JSON text from JSON functions is marked so it nests. */
const member = (e: Expr): Expr => (jsonMade(e) ? call('json', [e], 'string', e.span) : e);

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
    [1, 128],
    'json_extract(<json>, <paths>)',
    'The value at a path (`a.b{0}.c`, `{0}` the first element of an array, `{}` every element): strings without quotes, objects and arrays as JSON; with several paths, a JSON array of their values; the whole document without a path.',
    ([x, ...paths], at, ctx) => {
      if (paths.length === 0) return call('json', [toStr(x ?? lit(null))], 'string', at);
      const steps = literalPaths('json_extract', paths, at, ctx, parseJsonPath);
      return steps === undefined
        ? lit(null, at)
        : call('json_paths', [toStr(x ?? lit(null)), steps], 'string', at);
    },
  ),
  evalFn(
    p,
    'json_extract_exact',
    [2, 128],
    'json_extract_exact(<json>, <keys>)',
    'The value of a top-level key, read literally (a key may contain dots); with several literal keys, a JSON array of their values.',
    ([x, ...keys], at, ctx) => {
      const [key] = keys;
      if (keys.length === 1 && key !== undefined)
        return call('json_extract', [toStr(x ?? lit(null)), toStr(key)], 'string', at);
      const steps = literalPaths('json_extract_exact', keys, at, ctx, exactKey);
      return steps === undefined
        ? lit(null, at)
        : call('json_paths', [toStr(x ?? lit(null)), steps], 'string', at);
    },
  ),
  evalFn(
    p,
    'json_has_key_exact',
    [2, 2],
    'json_has_key_exact(<json>, <key>)',
    'True when the JSON object has the top-level key, read literally.',
    ([x, key], at) => call('json_has_key', [toStr(x ?? lit(null)), toStr(key ?? lit(null))], 'bool', at),
  ),
  evalFn(
    p,
    'json_append',
    [3, 127],
    'json_append(<json>, <path_value_pairs>)',
    'The JSON with each value appended to the array at its path (`a.b{0}`); a pair whose path is not an array changes nothing.',
    (args, at, ctx) => pathValues('json_append', args, at, ctx, parseJsonPath),
  ),
  evalFn(
    p,
    'json_delete',
    [2, 128],
    'json_delete(<json>, <keys>)',
    'The JSON without the keys (paths such as `a.b` or `list{0}`); a missing key changes nothing.',
    ([x, ...keys], at, ctx) => {
      const steps = literalPaths('json_delete', keys, at, ctx, parseJsonPath);
      return steps === undefined
        ? lit(null, at)
        : call('json_delete', [toStr(x ?? lit(null)), steps], 'string', at);
    },
  ),
  evalFn(
    p,
    'json_entries',
    [1, 1],
    'json_entries(<value>)',
    'The members of a JSON object as a JSON array of `{"key": …, "value": …}` objects; null for anything else.',
    ([x], at) => call('json_entries', [toStr(x ?? lit(null))], 'string', at),
  ),
  evalFn(
    p,
    'json_extend',
    [3, 127],
    'json_extend(<json>, <path_value_pairs>)',
    'The JSON with the array at each path extended by the elements of its value (a JSON array or a multivalue field); a pair whose path is not an array changes nothing.',
    (args, at, ctx) => pathValues('json_extend', args, at, ctx, parseJsonPath),
  ),
  evalFn(
    p,
    'json_set',
    [3, 127],
    'json_set(<json>, <path_value_pairs>)',
    'The JSON with each value set at its path, missing keys created (numbers stay numbers, JSON from other JSON functions nests).',
    (args, at, ctx) => pathValues('json_set', args, at, ctx, parseJsonPath),
  ),
  evalFn(
    p,
    'json_set_exact',
    [3, 127],
    'json_set_exact(<json>, <key_value_pairs>)',
    'The JSON object with each value set at its top-level key, read literally (a key may contain dots).',
    (args, at, ctx) => pathValues('json_set_exact', args, at, ctx, exactKey),
  ),
];
