// Comparison and Conditional functions (Search Reference 9.4): if, case, coalesce, validate, match, like, …

import { diagnostic } from '../diagnostics.ts';
import { call, lit } from '../ir/types.ts';
import { comparable, requireBool, resultType, toStr, unify } from '../plan/coerce.ts';
import { parseSearchString } from '../parser/clauses.ts';
import type { EvalFunction } from './types.ts';
import { checkedRegex, evalFn } from './types.ts';

const p = 'conditional' as const;

export const conditionalFunctions: readonly EvalFunction[] = [
  evalFn(
    p,
    'if',
    [3, 3],
    'if(<predicate>, <true_value>, <false_value>)',
    '`true_value` when the predicate is true, else `false_value`.',
    ([c, a, b], at, ctx) => {
      const cond = requireBool(c ?? lit(null), '`if`', at, ctx);
      const [x, y] = unify([a ?? lit(null), b ?? lit(null)]);
      return call(
        'if',
        [cond, x ?? lit(null), y ?? lit(null)],
        resultType([x ?? lit(null), y ?? lit(null)]),
        at,
      );
    },
  ),
  evalFn(
    p,
    'case',
    [2, 128],
    'case(<condition>, <value>, …)',
    'The value of the first true condition; null when none holds.',
    (args, at, ctx) => {
      if (args.length % 2 !== 0) {
        ctx.diagnostics.push(diagnostic('semantic', '`case` takes condition, value pairs', at));
        return lit(null, at);
      }
      const conds = args.filter((_, i) => i % 2 === 0).map((c) => requireBool(c, '`case`', at, ctx));
      const values = unify(args.filter((_, i) => i % 2 === 1));
      const interleaved = conds.flatMap((c, i) => [c, values[i] ?? lit(null)]);
      return call('case', interleaved, resultType(values), at);
    },
  ),
  evalFn(
    p,
    'validate',
    [2, 128],
    'validate(<condition>, <value>, …)',
    'The value of the first condition that is false; null when all hold.',
    (args, at, ctx) => {
      // validate(c1, v1, …): the value of the first condition that is FALSE; null when all hold.
      if (args.length % 2 !== 0) {
        ctx.diagnostics.push(diagnostic('semantic', '`validate` takes condition, value pairs', at));
        return lit(null, at);
      }
      const conds = args
        .filter((_, i) => i % 2 === 0)
        .map((c) => call('not', [requireBool(c, '`validate`', at, ctx)], 'bool', at));
      const values = unify(args.filter((_, i) => i % 2 === 1));
      return call(
        'case',
        conds.flatMap((c, i) => [c, values[i] ?? lit(null)]),
        resultType(values),
        at,
      );
    },
  ),
  evalFn(p, 'coalesce', [1, 64], 'coalesce(<values>)', 'The first argument that is not null.', (args, at) => {
    const xs = unify(args);
    return call('coalesce', xs, resultType(xs), at);
  }),
  evalFn(p, 'null', [0, 0], 'null()', 'Null.', (_args, at) => lit(null, at)),
  evalFn(p, 'true', [0, 0], 'true()', 'True.', (_args, at) => lit(true, at)),
  evalFn(p, 'false', [0, 0], 'false()', 'False.', (_args, at) => lit(false, at)),
  evalFn(
    p,
    'match',
    [2, 2],
    'match(<str>, <regex>)',
    'True when the string matches the regular expression.',
    ([s, re], at, ctx) => call('match', [toStr(s ?? lit(null)), toStr(checkedRegex(re, ctx))], 'bool', at),
  ),
  evalFn(
    p,
    'like',
    [2, 2],
    'like(<str>, <pattern>)',
    'True when the string matches the SQL LIKE pattern (`%`, `_`).',
    ([s, pat], at) => call('like', [toStr(s ?? lit(null)), toStr(pat ?? lit(null))], 'bool', at),
  ),
  evalFn(
    p,
    'cidrmatch',
    [2, 2],
    'cidrmatch(<cidr>, <ip>)',
    'True when the IP address is in the subnet.',
    ([cidr, ip], at) => call('cidrmatch', [toStr(cidr ?? lit(null)), toStr(ip ?? lit(null))], 'bool', at),
  ),
  evalFn(
    p,
    'in',
    [2, 128],
    'in(<value>, <list>)',
    'True when the value equals one of the list (as `IN` does in `where`).',
    ([x, ...list], at) => {
      const v = x ?? lit(null);
      return list
        .map((item) => {
          const [l, r] = comparable(v, item);
          return call('eq', [l, r], 'bool', item.span ?? at);
        })
        .reduce((acc, t) => call('or', [acc, t], 'bool', at));
    },
  ),
  evalFn(
    p,
    'nullif',
    [2, 2],
    'nullif(<value1>, <value2>)',
    'Null when the two values are equal, else the first.',
    ([a, b], at) => {
      const x = a ?? lit(null);
      const [l, r] = comparable(x, b ?? lit(null));
      return call('if', [call('eq', [l, r], 'bool', at), lit(null), x], x.type, at);
    },
  ),
  evalFn(
    p,
    'lookup',
    [2, 3],
    'lookup(<lookup_table>, <json_object>, <json_array>)',
    '`eval` and `where`: the output columns (`json_array`, else all but the inputs) of the lookup rows whose columns equal the `json_object` values, as a JSON object (several matches: an array per column); null without a match.',
    // `eval` and `where` rewrite their calls into lookups (plan/lookup-function.ts): a call that gets here is elsewhere.
    (_args, at, ctx) => {
      ctx.diagnostics.push(
        diagnostic('unsupported', '`lookup()` is supported in `eval` and `where` only', at),
      );
      return lit(null, at);
    },
  ),
  evalFn(
    p,
    'searchmatch',
    [1, 1],
    'searchmatch(<search_str>)',
    'True when the event matches the search string (a literal), as the `search` command would match it.',
    ([s], at, ctx) => {
      const text = s?.kind === 'literal' && typeof s.value === 'string' ? s.value : undefined;
      const parsed = text === undefined ? undefined : parseSearchString(text, (s?.span ?? at).start + 1);
      if (parsed === undefined || ctx.search === undefined) {
        ctx.diagnostics.push(
          diagnostic(
            'semantic',
            '`searchmatch` needs a search as a literal string, such as "status=404 error"',
            s?.span ?? at,
          ),
        );
        return lit(null, at);
      }
      return ctx.search(parsed);
    },
  ),
];
