// `fields`: keeps (or with `-` removes) fields.

import { seriesColumn } from '../ir/types.ts';
import { fieldsBody } from '../parser/commands.ts';
import { expandPatterns } from '../plan/helpers.ts';
import { dropSeries, seriesPatterns } from '../plan/pivot.ts';
import { fieldPatternRegExp } from '../plan/scope.ts';
import type { CommandModule } from './types.ts';

export const fields: CommandModule<'fields'> = {
  name: 'fields',
  kind: 'fields',
  status: 'partly',
  grammar: { mode: 'args', body: fieldsBody },
  doc: {
    summary: 'Keeps (or with `-` removes) fields.',
    syntax: 'fields [+|-] <field>…',
    example: 'index=main | fields - _raw',
    differences: [
      'Keeping with a wildcard over raw events (`fields host src*`) keeps the matching structured fields as `table` does (every matching field any result has, in name order, where the first such wildcard stands), with `_time` and `_raw`. Removing with a wildcard over raw events (`fields - date_*`) removes the matching structured fields from the events shown and from what later commands read; `transaction` after it is not supported yet.',
    ],
  },
  lower(c, s, ctx) {
    const { errors } = ctx;
    if (c.mode === 'keep') {
      const listed = expandPatterns(c.fields, s.scope, errors);
      // Internal fields stay unless removed explicitly.
      const internal = ['_time', '_raw']
        .filter((n) => s.scope.has(n) && !listed.some((x) => x.name === n))
        .map((n) => ({ name: n, expr: s.scope.resolve(n) }));
      const columns = [...listed, ...internal];
      return {
        rel: { kind: 'project', input: s.rel, columns, keepRaw: false },
        scope: s.scope.project(
          columns.map((x) => ({ name: x.name, type: x.expr.type === 'null' ? 'any' : x.expr.type })),
          false,
        ),
      };
    }
    const removed = c.fields.map((f) => fieldPatternRegExp(f.pattern));
    const kept = s.scope.columns.filter(
      (x) => x.name === seriesColumn || !removed.some((r) => r.test(x.name)),
    );
    const literalNames = c.fields.filter((f) => !f.pattern.includes('*')).map((f) => f.pattern);
    // Over raw events a wildcard also removes the structured fields it matches, known when the search runs
    // (internal `_` fields are structured fields too: `fields - _*` removes those as well).
    const wildcards = s.scope.raw
      ? c.fields.filter((f) => f.pattern.includes('*')).map((f) => f.pattern)
      : [];
    const dropped = dropSeries(s.scope, seriesPatterns(c.fields, s.scope));
    const columns = kept.map((x) => ({
      name: x.name,
      expr: x.name === seriesColumn && dropped ? dropped : s.scope.resolve(x.name),
    }));
    const scope = s.scope.project(kept, s.scope.raw, literalNames);
    return {
      rel: { kind: 'project', input: s.rel, columns, keepRaw: s.scope.raw },
      scope: wildcards.length > 0 ? scope.withDroppedMatching(wildcards) : scope,
    };
  },
};
