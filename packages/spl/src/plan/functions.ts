// The eval functions the planner lowers, by lower-case name, with their arity and Splunk semantics.

import type { Span } from '../diagnostics.ts';
import type { Expr } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import type { ExprContext } from './coerce.ts';
import { requireBool, resultType, toMv, toNumber, toStr, unify } from './coerce.ts';
import { diagnostic } from '../diagnostics.ts';
import { parseRelativeSteps } from '../time.ts';
import { strftimeFormat } from '../strftime.ts';
import { checkRegex } from './rex.ts';

export type FunctionLowering = (args: Expr[], at: Span, ctx: ExprContext) => Expr;

const fixedArity = (
  n: number,
  lower: FunctionLowering,
): { arity: [number, number]; lower: FunctionLowering } => ({
  arity: [n, n],
  lower,
});

/** A regex argument; a literal one is checked against RE2's syntax first (a diagnostic at the construct). */
function checkedRegex(re: Expr | undefined, ctx: ExprContext): Expr {
  if (re === undefined) return lit(null);
  if (re.kind === 'literal' && typeof re.value === 'string' && re.span !== undefined) {
    const problem = checkRegex(re.value, re.span);
    if (problem !== undefined) ctx.diagnostics.push(problem);
  }
  return re;
}

/** Eval functions supported so far, by lower-case name; the rest of Splunk's list is reported `unsupported`. */
export const functions: Record<string, { arity: [number, number]; lower: FunctionLowering }> = {
  if: fixedArity(3, ([c, a, b], at, ctx) => {
    const cond = requireBool(c ?? lit(null), '`if`', at, ctx);
    const [x, y] = unify([a ?? lit(null), b ?? lit(null)]);
    return call(
      'if',
      [cond, x ?? lit(null), y ?? lit(null)],
      resultType([x ?? lit(null), y ?? lit(null)]),
      at,
    );
  }),
  lower: fixedArity(1, ([a], at) => call('lower', [toStr(a ?? lit(null))], 'string', at)),
  upper: fixedArity(1, ([a], at) => call('upper', [toStr(a ?? lit(null))], 'string', at)),
  len: fixedArity(1, ([a], at) => call('len', [toStr(a ?? lit(null))], 'number', at)),
  isnull: fixedArity(1, ([a], at) => call('isnull', [a ?? lit(null)], 'bool', at)),
  isnotnull: fixedArity(1, ([a], at) => call('isnotnull', [a ?? lit(null)], 'bool', at)),
  tonumber: fixedArity(1, ([a], at) => call('tonumber', [a ?? lit(null)], 'number', at)),
  tostring: fixedArity(1, ([a], at) => call('tostring', [a ?? lit(null)], 'string', at)),
  coalesce: {
    arity: [1, 64],
    lower: (args, at) => {
      const xs = unify(args);
      return call('coalesce', xs, resultType(xs), at);
    },
  },
  null: fixedArity(0, (_args, at) => lit(null, at)),
  true: fixedArity(0, (_args, at) => lit(true, at)),
  false: fixedArity(0, (_args, at) => lit(false, at)),
  now: fixedArity(0, (_args, at, ctx) => lit(ctx.nowMs / 1000, at)),
  case: {
    arity: [2, 128],
    lower: (args, at, ctx) => {
      if (args.length % 2 !== 0) {
        ctx.diagnostics.push(diagnostic('semantic', '`case` takes condition, value pairs', at));
        return lit(null, at);
      }
      const conds = args.filter((_, i) => i % 2 === 0).map((c) => requireBool(c, '`case`', at, ctx));
      const values = unify(args.filter((_, i) => i % 2 === 1));
      const interleaved = conds.flatMap((c, i) => [c, values[i] ?? lit(null)]);
      return call('case', interleaved, resultType(values), at);
    },
  },
  validate: {
    arity: [2, 128],
    lower: (args, at, ctx) => {
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
  },
  match: fixedArity(2, ([s, re], at, ctx) =>
    call('match', [toStr(s ?? lit(null)), toStr(checkedRegex(re, ctx))], 'bool', at),
  ),
  like: fixedArity(2, ([s, p], at) =>
    call('like', [toStr(s ?? lit(null)), toStr(p ?? lit(null))], 'bool', at),
  ),
  replace: fixedArity(3, ([s, re, by], at, ctx) =>
    call(
      'replace',
      [toStr(s ?? lit(null)), toStr(checkedRegex(re, ctx)), toStr(by ?? lit(null))],
      'string',
      at,
    ),
  ),
  substr: {
    arity: [2, 3],
    lower: ([s, start, len], at) =>
      call(
        'substr',
        [toStr(s ?? lit(null)), toNumber(start ?? lit(null)), ...(len ? [toNumber(len)] : [])],
        'string',
        at,
      ),
  },
  trim: trimLike('trim'),
  ltrim: trimLike('ltrim'),
  rtrim: trimLike('rtrim'),
  urldecode: fixedArity(1, ([s], at) => call('urldecode', [toStr(s ?? lit(null))], 'string', at)),
  md5: hash('md5'),
  sha1: hash('sha1'),
  sha256: hash('sha256'),
  sha512: hash('sha512'),
  round: {
    arity: [1, 2],
    lower: ([x, n], at) => call('round', [toNumber(x ?? lit(null)), toNumber(n ?? lit(0))], 'number', at),
  },
  abs: numeric1('abs'),
  floor: numeric1('floor'),
  ceil: numeric1('ceil'),
  ceiling: numeric1('ceil'),
  sqrt: numeric1('sqrt'),
  exp: numeric1('exp'),
  ln: numeric1('ln'),
  log: {
    arity: [1, 2],
    lower: ([x, base], at) =>
      call('log', [toNumber(x ?? lit(null)), toNumber(base ?? lit(10))], 'number', at),
  },
  pow: fixedArity(2, ([x, y], at) =>
    call('pow', [toNumber(x ?? lit(null)), toNumber(y ?? lit(null))], 'number', at),
  ),
  pi: fixedArity(0, (_args, at) => lit(Math.PI, at)),
  min: { arity: [1, 64], lower: (args, at) => call('least', args.map(toNumber), 'number', at) },
  max: { arity: [1, 64], lower: (args, at) => call('greatest', args.map(toNumber), 'number', at) },
  isnum: fixedArity(1, ([x], at) => call('isnum', [x ?? lit(null)], 'bool', at)),
  isint: fixedArity(1, ([x], at) => call('isint', [x ?? lit(null)], 'bool', at)),
  isstr: fixedArity(1, ([x], at) => call('isstr', [x ?? lit(null)], 'bool', at)),
  cidrmatch: fixedArity(2, ([cidr, ip], at) =>
    call('cidrmatch', [toStr(cidr ?? lit(null)), toStr(ip ?? lit(null))], 'bool', at),
  ),
  relative_time: fixedArity(2, ([t, spec], at, ctx) => {
    if (spec?.kind !== 'literal' || typeof spec.value !== 'string') {
      ctx.diagnostics.push(
        diagnostic('unsupported', '`relative_time` needs a literal modifier such as "-1d@d"', at),
      );
      return lit(null, at);
    }
    const steps = parseRelativeSteps(spec.value);
    if (!steps.ok) {
      ctx.diagnostics.push(
        diagnostic('semantic', steps.message.replace('{spec}', spec.value), spec.span ?? at),
      );
      return lit(null, at);
    }
    return call('relative_time', [toNumber(t ?? lit(null)), spec, lit(ctx.timeZone)], 'number', at);
  }),
  strftime: fixedArity(2, ([t, fmt], at, ctx) => {
    if (fmt?.kind !== 'literal' || typeof fmt.value !== 'string') {
      ctx.diagnostics.push(
        diagnostic('unsupported', '`strftime` needs a literal format such as "%Y-%m-%d"', at),
      );
      return lit(null, at);
    }
    const converted = strftimeFormat(fmt.value);
    if (!converted.ok) {
      ctx.diagnostics.push(diagnostic('unsupported', converted.message, fmt.span ?? at));
      return lit(null, at);
    }
    return call(
      'strftime',
      [toNumber(t ?? lit(null)), lit(converted.format), lit(ctx.timeZone)],
      'string',
      at,
    );
  }),
  split: fixedArity(2, ([s, sep], at) =>
    call('split', [toStr(s ?? lit(null)), toStr(sep ?? lit(''))], 'mv', at),
  ),
  mvcount: fixedArity(1, ([x], at) => call('mvcount', [toMv(x ?? lit(null))], 'number', at)),
  mvindex: {
    arity: [2, 3],
    lower: ([x, start, end], at) =>
      end === undefined
        ? call('mvindex', [toMv(x ?? lit(null)), toNumber(start ?? lit(0))], 'string', at)
        : call('mvindex', [toMv(x ?? lit(null)), toNumber(start ?? lit(0)), toNumber(end)], 'mv', at),
  },
  mvjoin: fixedArity(2, ([x, sep], at) =>
    call('mvjoin', [toMv(x ?? lit(null)), toStr(sep ?? lit(' '))], 'string', at),
  ),
  mvappend: { arity: [1, 64], lower: (args, at) => call('mvappend', args.map(toMv), 'mv', at) },
  mvdedup: fixedArity(1, ([x], at) => call('mvdedup', [toMv(x ?? lit(null))], 'mv', at)),
  mvfind: fixedArity(2, ([x, re], at) =>
    call('mvfind', [toMv(x ?? lit(null)), toStr(re ?? lit(null))], 'number', at),
  ),
  strptime: fixedArity(2, ([s, fmt], at, ctx) => {
    if (fmt?.kind !== 'literal' || typeof fmt.value !== 'string') {
      ctx.diagnostics.push(
        diagnostic('unsupported', '`strptime` needs a literal format such as "%Y-%m-%d"', at),
      );
      return lit(null, at);
    }
    const converted = strftimeFormat(fmt.value);
    if (!converted.ok) {
      ctx.diagnostics.push(diagnostic('unsupported', converted.message, fmt.span ?? at));
      return lit(null, at);
    }
    return call('strptime', [toStr(s ?? lit(null)), lit(converted.format), lit(ctx.timeZone)], 'number', at);
  }),
};

function numeric1(fn: 'abs' | 'floor' | 'ceil' | 'sqrt' | 'exp' | 'ln'): {
  arity: [number, number];
  lower: FunctionLowering;
} {
  return fixedArity(1, ([x], at) => call(fn, [toNumber(x ?? lit(null))], 'number', at));
}

function trimLike(fn: 'trim' | 'ltrim' | 'rtrim'): { arity: [number, number]; lower: FunctionLowering } {
  return {
    arity: [1, 2],
    // Splunk trims spaces and tabs unless told which characters.
    lower: ([s, chars], at) => call(fn, [toStr(s ?? lit(null)), toStr(chars ?? lit(' \t'))], 'string', at),
  };
}

function hash(algorithm: 'md5' | 'sha1' | 'sha256' | 'sha512'): {
  arity: [number, number];
  lower: FunctionLowering;
} {
  return fixedArity(1, ([s], at) => call('hash', [toStr(s ?? lit(null)), lit(algorithm)], 'string', at));
}
