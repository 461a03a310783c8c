// `uniq`: removes each result that is an exact copy of the result just before it.

import { diagnostic } from '../diagnostics.ts';
import type { Expr } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import { toStr } from '../plan/coerce.ts';
import type { CommandModule } from './types.ts';

/** A value no field holds: a missing value compares equal to another missing one. */
const missing = '\u0000';

export const uniq: CommandModule<'generic'> = {
  name: 'uniq',
  kind: 'generic',
  status: 'supported',
  doc: {
    summary: 'Removes each result that is an exact copy of the result just before it.',
    syntax: 'uniq',
    example: 'index=main | table host sourcetype | uniq',
    differences: [
      'Raw events are compared on `_time`, `index`, `host`, `source`, `sourcetype`, `_raw` and the fields computed so far (structured fields follow from them).',
    ],
  },
  lower(c, s, ctx) {
    const first = c.args[0];
    if (first) {
      ctx.errors.push(diagnostic('syntax', '`uniq` takes no arguments', first.span));
      return s;
    }
    const keys = s.scope.columns.map((x): Expr => {
      const e = s.scope.resolve(x.name);
      return e.type === 'mv' ? e : call('coalesce', [toStr(e), lit(missing)], 'string');
    });
    if (keys.length === 0) return s;
    return {
      rel: { kind: 'dedup', input: s.rel, keys, count: 1, keepEmpty: true, consecutive: true },
      scope: s.scope,
    };
  },
};
