// `gentimes`: generates time ranges, one result per interval from `start` to `end`.

import type { CommandOption } from '../ast.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { Scope } from '../plan/scope.ts';
import { strftimeFormat } from '../strftime.ts';
import { resolveTime } from '../time.ts';
import { genericArgs, noMoreWords, optionOf } from './generic-args.ts';
import type { CommandModule, PlanContext } from './types.ts';

/** The most intervals one `gentimes` generates (Splunk has no limit; the list of starts is capped there, as `mvrange` caps). */
export const GENTIMES_MAX = 10_000;

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3_600, d: 86_400 };

/** `starthuman`/`endhuman`, as Splunk prints them (`Sun Oct  1 00:00:00 2017`). */
const HUMAN = '%a %b %e %H:%M:%S %Y';

/**
 * A `start=`/`end=` value in epoch seconds: `MM/DD/YYYY[:HH:MM:SS]` in the request's time zone, or a whole
 * number of days from today's midnight (`-7`); undefined (with a diagnostic) otherwise.
 */
function timeOf(o: CommandOption, ctx: PlanContext): number | undefined {
  const text = o.value.text;
  const days = /^[+-]?\d+$/.test(text) ? Number(text) : undefined;
  const spec =
    days !== undefined
      ? daysFromToday(days)
      : /^\d{1,2}\/\d{1,2}\/\d{4}(:\d{1,2}:\d{2}:\d{2})?$/.test(text)
        ? text
        : undefined;
  const r =
    spec === undefined ? undefined : resolveTime(spec, ctx.options.nowMs, ctx.options.timeZone ?? 'UTC');
  if (!r?.ok) {
    ctx.errors.push(
      diagnostic(
        'semantic',
        `\`${o.key.name}\` must be a date \`MM/DD/YYYY[:HH:MM:SS]\` or a number of days such as \`-7\`, found \`${text}\``,
        o.value.span,
      ),
    );
    return undefined;
  }
  return Math.floor(r.epochMs / 1000);
}

/** The time modifier of midnight `days` days from today (`-7d@d`; today's midnight for 0). */
const daysFromToday = (days: number): string => (days === 0 ? '@d' : `${days > 0 ? '+' : ''}${days}d@d`);

/**
 * `| gentimes start=<time> [end=<time>] [increment=<int>(s|m|h|d)]`: one result per interval of `increment`
 * (1 day by default) from `start` up to `end` (today's midnight by default), oldest first, with `starttime`,
 * `endtime` (the interval's last second) and both as `starthuman`/`endhuman`.
 *
 * @example `| gentimes start=10/1/2017 end=10/5/2017` → four days: `arrayJoin(range(…))` as `starttime`, …
 */
export const gentimes: CommandModule<'generic'> = {
  name: 'gentimes',
  kind: 'generic',
  status: 'supported',
  generating: true,
  options: {
    placement: 'anywhere',
    options: { start: { type: 'string' }, end: { type: 'string' }, increment: { type: 'string' } },
  },
  doc: {
    summary: 'Generates time ranges: one result per interval from `start` to `end`.',
    syntax: '| gentimes start=<MM/DD/YYYY[:HH:MM:SS]|<days>> [end=<…>] [increment=<int>(s|m|h|d)]',
    example: '| gentimes start=-7 increment=1d | table starttime, endtime, starthuman',
    differences: [`At most ${GENTIMES_MAX.toLocaleString('en-US')} intervals (an error beyond).`],
  },
  source(c, ctx) {
    const { options, words } = genericArgs(c, ctx.errors);
    noMoreWords('gentimes', words, ctx.errors, 'only `start=`, `end=` and `increment=`');
    const startOpt = optionOf(options, 'start');
    if (!startOpt) {
      ctx.errors.push(diagnostic('syntax', '`gentimes` needs `start=`', c.name.span));
      return undefined;
    }
    const start = timeOf(startOpt, ctx);
    const endOpt = optionOf(options, 'end');
    const midnight = resolveTime(daysFromToday(0), ctx.options.nowMs, ctx.options.timeZone ?? 'UTC');
    const end = endOpt ? timeOf(endOpt, ctx) : midnight.ok ? Math.floor(midnight.epochMs / 1000) : undefined;
    const incOpt = optionOf(options, 'increment');
    const inc = /^(\d+)([smhd])$/i.exec(incOpt?.value.text ?? '1d');
    const step = inc ? Number(inc[1]) * (UNIT_SECONDS[(inc[2] ?? 'd').toLowerCase()] ?? 0) : 0;
    if (incOpt && !(step > 0)) {
      ctx.errors.push(
        diagnostic(
          'semantic',
          `\`increment\` must be a whole number of s, m, h or d, such as \`1h\`, found \`${incOpt.value.text}\``,
          incOpt.value.span,
        ),
      );
    }
    if (start === undefined || end === undefined || !(step > 0)) return undefined;
    const count = end > start ? Math.ceil((end - start) / step) : 0;
    if (count > GENTIMES_MAX) {
      ctx.errors.push(
        diagnostic(
          'limit',
          `\`gentimes\` would generate ${count} intervals; at most ${GENTIMES_MAX} are allowed`,
          c.span,
          ['use a larger `increment=` or a shorter range'],
        ),
      );
      return undefined;
    }
    const tz = ctx.options.timeZone ?? 'UTC';
    const human = strftimeFormat(HUMAN);
    if (!human.ok) throw new Error(`bug: ${human.message}`);
    const humanOf = (t: Expr): Expr => call('strftime', [t, lit(human.format), lit(tz)], 'string');
    // One row, its list of interval starts expanded into rows (oldest first).
    const list: Rel = {
      kind: 'compute',
      input: { kind: 'values', count: 1, timeMs: ctx.options.nowMs },
      name: '__gentimes',
      expr: call('mvrange', [lit(start), lit(end), lit(step)], 'mv'),
    };
    let rel: Rel = {
      kind: 'expand',
      input: list,
      name: 'starttime',
      list: col('__gentimes', 'mv'),
      limit: 0,
    };
    const startT = call('tonumber', [col('starttime', 'string')], 'number');
    rel = { kind: 'compute', input: rel, name: 'starttime', expr: startT };
    const first = col('starttime', 'number');
    rel = { kind: 'compute', input: rel, name: 'starthuman', expr: humanOf(first) };
    rel = {
      kind: 'compute',
      input: rel,
      name: 'endtime',
      expr: call('add', [first, lit(step - 1)], 'number'),
    };
    rel = { kind: 'compute', input: rel, name: 'endhuman', expr: humanOf(col('endtime', 'number')) };
    const columns = [
      { name: 'starttime', type: 'number' as const },
      { name: 'starthuman', type: 'string' as const },
      { name: 'endtime', type: 'number' as const },
      { name: 'endhuman', type: 'string' as const },
    ];
    rel = {
      kind: 'project',
      input: rel,
      columns: columns.map((c2) => ({ name: c2.name, expr: col(c2.name, c2.type) })),
      keepRaw: false,
    };
    return { rel, scope: Scope.closed(columns) };
  },
  lower(c, s, ctx) {
    ctx.errors.push(
      diagnostic(
        'semantic',
        '`gentimes` is a generating command: it must come first, after a `|`',
        c.name.span,
      ),
    );
    return s;
  },
};
