// Date and Time functions (Search Reference 9.4): now, relative_time, strftime, strptime, time.

import { diagnostic } from '../diagnostics.ts';
import type { Span } from '../diagnostics.ts';
import type { Expr } from '../ir/types.ts';
import type { ExprContext } from '../plan/coerce.ts';
import { call, lit } from '../ir/types.ts';
import { toNumber, toStr } from '../plan/coerce.ts';
import { strftimeFormat } from '../strftime.ts';
import { parseRelativeSteps } from '../time.ts';
import type { EvalFunction } from './types.ts';
import { evalFn } from './types.ts';

const p = 'time' as const;

/**
 * The ClickHouse format of a `strftime`/`strptime` format argument, which must be a literal; undefined (with a
 * diagnostic) when it is not one or uses a specifier ClickHouse cannot print.
 */
function literalFormat(fn: string, fmt: Expr | undefined, at: Span, ctx: ExprContext): string | undefined {
  if (fmt?.kind !== 'literal' || typeof fmt.value !== 'string') {
    ctx.diagnostics.push(
      diagnostic('unsupported', `\`${fn}\` needs a literal format such as "%Y-%m-%d"`, at),
    );
    return undefined;
  }
  const converted = strftimeFormat(fmt.value);
  if (!converted.ok) {
    ctx.diagnostics.push(diagnostic('unsupported', converted.message, fmt.span ?? at));
    return undefined;
  }
  return converted.format;
}

export const timeFunctions: readonly EvalFunction[] = [
  evalFn(
    p,
    'now',
    [0, 0],
    'now()',
    'The time the search started, in epoch seconds (the same for every event).',
    (_args, at, ctx) => lit(ctx.nowMs / 1000, at),
  ),
  evalFn(
    p,
    'relative_time',
    [2, 2],
    'relative_time(<time>, <specifier>)',
    'The time moved by a modifier such as `-1d@d`, in the request time zone.',
    ([t, spec], at, ctx) => {
      if (spec === undefined) return lit(null, at);
      if (spec.kind !== 'literal' || typeof spec.value !== 'string') {
        // Known only when the search runs (`"+".days."d"`): one offset, without a snap.
        return call(
          'relative_time_offset',
          [toNumber(t ?? lit(null)), spec, lit(ctx.timeZone)],
          'number',
          at,
        );
      }
      const steps = parseRelativeSteps(spec.value);
      if (!steps.ok) {
        ctx.diagnostics.push(
          diagnostic('semantic', steps.message.replace('{spec}', spec.value), spec.span ?? at),
        );
        return lit(null, at);
      }
      return call('relative_time', [toNumber(t ?? lit(null)), spec, lit(ctx.timeZone)], 'number', at);
    },
  ),
  evalFn(
    p,
    'strftime',
    [2, 2],
    'strftime(<time>, <format>)',
    'The epoch time formatted (`%Y-%m-%d`, subseconds `%3N`/`%6N`/`%9N`/`%Q` from the stored milliseconds), in the request time zone.',
    ([t, fmt], at, ctx) => {
      const format = literalFormat('strftime', fmt, at, ctx);
      if (format === undefined) return lit(null, at);
      return call('strftime', [toNumber(t ?? lit(null)), lit(format), lit(ctx.timeZone)], 'string', at);
    },
  ),
  evalFn(
    p,
    'strptime',
    [2, 2],
    'strptime(<str>, <format>)',
    'The epoch time of a formatted string, read in the request time zone.',
    ([s, fmt], at, ctx) => {
      const format = literalFormat('strptime', fmt, at, ctx);
      if (format === undefined) return lit(null, at);
      return call('strptime', [toStr(s ?? lit(null)), lit(format), lit(ctx.timeZone)], 'number', at);
    },
  ),
  evalFn(
    p,
    'time',
    [0, 0],
    'time()',
    'The wall-clock time when the event is processed, epoch seconds with microseconds (unlike `now()`).',
    (_args, at) => call('wall_time', [], 'number', at),
  ),
];
