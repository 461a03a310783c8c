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
      'A wildcard over the structured fields of raw events is not supported yet: list them by name.',
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
