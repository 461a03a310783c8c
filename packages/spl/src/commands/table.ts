// `table`: keeps the listed fields, in that order, as a table.

import { tableBody } from '../parser/commands.ts';
import { expandPatterns } from '../plan/helpers.ts';
import type { CommandModule } from './types.ts';

export const table: CommandModule<'table'> = {
  name: 'table',
  kind: 'table',
  status: 'partly',
  grammar: { mode: 'args', body: tableBody },
  doc: {
    summary: 'Keeps the listed fields, in that order, as a table.',
    syntax: 'table <field>…',
    example: 'index=main | table _time, host',
    differences: [
      'Over raw events, a wildcard (`table host src*`, `table *`) also matches the structured fields, whose names only the events hold: every matching field any result has becomes a column (empty where a result lacks it). Those fields come together, in name order, where the first such wildcard stands (Splunk’s page does not give their order); internal fields starting with `_` only for a pattern that starts with `_`. After a command that changes structured fields in a way the search cannot list by name (`fillnull`, `replace`, `join`, `extract` …), such a wildcard is not supported yet.',
    ],
  },
  lower(c, s, ctx) {
    const columns = expandPatterns(c.fields, s.scope, ctx.errors);
    return {
      rel: { kind: 'project', input: s.rel, columns, keepRaw: false },
      scope: s.scope.project(
        columns.map((x) => ({ name: x.name, type: x.expr.type === 'null' ? 'any' : x.expr.type })),
        false,
      ),
    };
  },
};
