// `sort`: orders the results by fields; keeps 10,000 rows unless told otherwise (`sort 0` keeps all).

import { int } from '../analyse/options.ts';
import type { Rel } from '../ir/types.ts';
import { sortBody } from '../parser/stats.ts';
import type { CommandModule } from './types.ts';

export const sort: CommandModule<'sort'> = {
  name: 'sort',
  kind: 'sort',
  status: 'supported',
  grammar: { mode: 'args', body: sortBody },
  options: { placement: 'leading', options: { limit: int } },
  doc: {
    summary: 'Orders the results; `-` sorts descending.',
    syntax: 'sort [<limit>] [+|-]<field>…',
    example: 'index=main | sort - _time',
  },
  lower(c, s) {
    const keys = c.keys.map((k) => ({
      expr: s.scope.resolve(k.field.name, k.field.span),
      descending: (k.direction === 'desc') !== c.reverse,
      mode: k.coerce === 'num' || k.coerce === 'str' || k.coerce === 'ip' ? k.coerce : ('auto' as const),
    }));
    // Splunk's sort keeps 10,000 rows unless told otherwise; `sort 0` keeps all.
    const limit = c.limit?.value ?? 10_000;
    const sorted: Rel = { kind: 'sort', input: s.rel, keys };
    return { rel: limit === 0 ? sorted : { kind: 'take', input: sorted, limit }, scope: s.scope };
  },
};
