// `fromjson`: expands the top-level keys of the JSON object in a field into fields; the keys are only known
// when the search runs, so a later command that names a field reads it from the object then.

import { str } from '../analyse/options.ts';
import type { Expr } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import { fromjsonBody } from '../parser/commands-misc.ts';
import { toStr } from '../plan/coerce.ts';
import { extractedSeries, optionText } from '../plan/helpers.ts';
import type { CommandModule } from './types.ts';

/**
 * `fromjson <field> [prefix=<string>]`: each top-level key `k` of the object becomes the field `<prefix>k`
 * (its value as text; a nested object or array as its JSON text). A key the object lacks leaves the field
 * as it was.
 *
 * @example `fromjson body prefix=b_ | table b_user` → `JSONExtract…(body, 'user')` as `b_user`
 */
export const fromjson: CommandModule<'fromjson'> = {
  name: 'fromjson',
  kind: 'fromjson',
  status: 'partly',
  grammar: { mode: 'args', body: fromjsonBody },
  options: { placement: 'anywhere', options: { prefix: str } },
  doc: {
    summary: 'Expands the JSON object in a field into fields.',
    syntax: 'fromjson <field> [prefix=<string>]',
    example: 'index=main | eval j="{\\"user\\": \\"ann\\"}" | fromjson j prefix=j_ | table j_user',
    differences: [
      'A field is read from the object when a later command names it; the events shown carry every top-level key (as text) in their fields, over the stored fields.',
      'After a transforming command the keys become fields of the results, every name any result has, shown in name order; a field the results already have keeps its value.',
      'A JSON array or object value stays its JSON text (Splunk makes an array a multivalue field), and a JSON `null` reads as the text `null`.',
    ],
  },
  lower(c, s, ctx) {
    const prefix = optionText(c.options, 'prefix') ?? '';
    const input = toStr(s.scope.resolve(c.field.name, c.field.span));
    const read = (name: string, at?: { start: number; end: number }): Expr | undefined => {
      if (!name.startsWith(prefix)) return undefined;
      const key = name.slice(prefix.length);
      // A top-level key only: spath would read `a.b` or `a{}` as a path into nested values.
      if (key === '' || /[.{}[\]]/.test(key)) return undefined;
      return call('spath', [input, lit(key)], 'string', at);
    };
    const fields = call('json_top_fields', [input, lit(prefix)], 'mv');
    if (!s.scope.raw) return extractedSeries(s, fields, c.name.span, ctx.errors) ?? s;
    return { rel: s.rel, scope: s.scope.withReader(read, c.name.span, fields) };
  },
};
