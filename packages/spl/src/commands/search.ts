// `search`: keeps the events that match search terms; as the first command it reads the tenant's events.

import { diagnostic } from '../diagnostics.ts';
import { applyKnowledge } from '../knowledge/apply.ts';
import type { State } from '../plan/index.ts';
import { searchBody } from '../parser/commands.ts';
import { tenantScan, withIndexTime } from '../plan/helpers.ts';
import { Scope } from '../plan/scope.ts';
import { extractTimeModifiers, lowerSearch } from '../plan/search.ts';
import type { CommandModule } from './types.ts';

export const search: CommandModule<'search'> = {
  name: 'search',
  kind: 'search',
  status: 'supported',
  grammar: { mode: 'search', body: searchBody },
  doc: {
    summary: 'Keeps the events that match the search terms.',
    syntax: 'search <terms>',
    example: 'index=main | search status=500',
    differences: [
      '`earliest=`/`latest=` are supported only in the first search of a pipeline.',
      'A subsearch returning a `search` or `query` field (`[| inputlookup iocs.csv | rename ioc AS search | fields search]`) runs first, as in Splunk: its rows (at most 10,000, or `format maxresults=`) become text in its place, as `format` prints them (`search` values as written, `query` values as quoted terms, other fields as `field="value"`), and the search is compiled again. No rows: Splunk inserts `NOT( )`, Nexus `NOT *`, which also matches nothing. The text must be one search expression (no `|`, subsearch or macro; otherwise a 400 at the subsearch) of at most 1,000,000 characters for all such subsearches of a search, at most 20 of them. Diagnostics stand where the query as written has them; one within the inserted text stands at the subsearch. Not supported in a `map` template, in a macro, or with an `erex` inside.',
    ],
  },
  source(c, ctx) {
    // The range was resolved by analysis (which also reported bad modifiers); only strip them here.
    const { rest: filter } = extractTimeModifiers(c.expr, []);
    const { options } = ctx;
    let scanned: State = { rel: tenantScan(options, ctx.range), scope: Scope.rawEvents() };
    if (/_indextime/i.test(ctx.text)) scanned = withIndexTime(scanned);
    if (options.knowledge)
      scanned = applyKnowledge(
        scanned,
        options.knowledge,
        c.name.span,
        {
          nowMs: options.nowMs,
          timeZone: options.timeZone ?? 'UTC',
          orgId: options.orgId,
          ...(options.lookups ? { lookups: options.lookups } : {}),
        },
        ctx.errors,
      );
    return filter
      ? {
          rel: {
            kind: 'filter',
            input: scanned.rel,
            predicate: lowerSearch(filter, {
              scope: scanned.scope,
              diagnostics: ctx.errors,
              subsearch: ctx.subsearch,
              ...(options.knowledge ? { knowledge: options.knowledge } : {}),
            }),
          },
          scope: scanned.scope,
        }
      : scanned;
  },
  lower(c, s, ctx) {
    const { rest, time } = extractTimeModifiers(c.expr, ctx.errors);
    for (const v of [time.earliest, time.latest]) {
      if (v) {
        ctx.errors.push(
          diagnostic(
            'unsupported',
            'time modifiers are only supported in the first search of a pipeline',
            v.span,
          ),
        );
      }
    }
    if (!rest) return s;
    const predicate = lowerSearch(rest, {
      ...ctx.expr,
      subsearch: ctx.subsearch,
      ...(ctx.options.knowledge ? { knowledge: ctx.options.knowledge } : {}),
    });
    return { rel: { kind: 'filter', input: s.rel, predicate }, scope: s.scope };
  },
};
