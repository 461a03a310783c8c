// `tojson`: turns the fields of each result into one JSON object (in `_raw` by default).

import { bool, str } from '../analyse/options.ts';
import type { FieldPattern } from '../ast.ts';
import type { Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import { toMv, toStr } from '../plan/coerce.ts';
import { namedFields, plainStructured, truthy, writeEveryField } from '../plan/helpers.ts';
import { fieldPatternRegExp, reservedNames } from '../plan/scope.ts';
import { optionOf } from './generic-args.ts';
import type { CommandModule } from './types.ts';

const TYPES = ['auto', 'bool', 'json', 'none', 'num', 'str'] as const;
type JsonType = (typeof TYPES)[number];
const isType = (t: string): t is JsonType => (TYPES as readonly string[]).includes(t);

/**
 * `tojson [<type>(<field>)…] [default_type=<type>] [fill_null=<bool>] [include_internal=<bool>]
 * [output_field=<field>]`: each result's fields (the named ones, or every field) as one JSON object, each value
 * typed by its function (`str`, `num`, `bool`, `json`, `auto`, `none`: a number as a number, else a string),
 * multivalue fields as arrays; a field without a value is left out (`null` with `fill_null=true`).
 *
 * @example `tojson str(host) num(bytes)` →
 *   `concat('{', substring(concat(',"host":', toJSONString(host), …), 2), '}') AS _raw`
 */
export const tojson: CommandModule<'generic'> = {
  name: 'tojson',
  kind: 'generic',
  status: 'partly',
  options: {
    placement: 'anywhere',
    options: {
      default_type: { type: 'enum', values: TYPES },
      fill_null: bool,
      include_internal: bool,
      output_field: str,
    },
  },
  doc: {
    summary: 'Turns the fields of each result into a JSON object in `_raw`.',
    syntax:
      'tojson [auto|bool|json|none|num|str(<field>)]… [default_type=<type>] [fill_null=<bool>] [include_internal=<bool>] [output_field=<field>]',
    example: 'index=main | table host, sourcetype | tojson',
    differences: [
      'Over raw events without a field list, every field of the event is written (the structured ones after the others, by name), those an earlier command renamed with a wildcard or extracted (`extract`, `spath` without a path …) as they are then; with a list, wildcards over raw events are not supported yet.',
    ],
  },
  lower(c, s, ctx) {
    const typed: { pattern: FieldPattern; type: JsonType }[] = [];
    const args = c.args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (!a || a.kind === 'option') continue;
      const next = args[i + 1];
      if (a.kind === 'generic-word' && next?.kind === 'generic-group') {
        i++;
        const type = a.text.toLowerCase();
        if (!isType(type)) {
          ctx.errors.push(
            diagnostic(
              'semantic',
              `\`${a.text}\` is not a tojson data type: use ${TYPES.map((t) => `\`${t}\``).join(', ')}`,
              a.span,
            ),
          );
          continue;
        }
        for (const f of next.args) {
          if (f.kind !== 'generic-word') {
            ctx.errors.push(diagnostic('syntax', `\`${a.text}(…)\` takes field names`, f.span));
            continue;
          }
          typed.push({ pattern: pattern(f.text, f.quoted, f.span), type });
        }
        continue;
      }
      if (a.kind === 'generic-word') {
        typed.push({ pattern: pattern(a.text, a.quoted, a.span), type: 'none' });
        continue;
      }
      ctx.errors.push(diagnostic('syntax', '`tojson` takes data type functions such as `str(host)`', a.span));
    }
    const options = args.flatMap((a) => (a.kind === 'option' ? [a] : []));
    const defaultType = (optionOf(options, 'default_type')?.value.text.toLowerCase() ?? 'none') as JsonType;
    const fillNull = truthy(optionOf(options, 'fill_null')?.value.text);
    const internal = truthy(optionOf(options, 'include_internal')?.value.text);
    const output = optionOf(options, 'output_field');
    const outputName = output?.value.text ?? '_raw';
    if (reservedNames.has(outputName)) {
      ctx.errors.push(
        diagnostic(
          'semantic',
          `\`${outputName}\` is reserved and cannot be assigned`,
          output?.value.span ?? c.span,
        ),
      );
      return s;
    }
    // Without a list over raw events: every field, the structured ones (named only when the search runs)
    // from the event's JSON, after the known ones; earlier removals, fills, merges and maps are written into
    // the events' fields first, and so are fields extracted or renamed by a wildcard.
    const whole = typed.length === 0 && s.scope.raw ? (writeEveryField(s) ?? s) : s;
    const everyRaw = typed.length === 0 && whole.scope.raw && plainStructured(whole);
    const listed = everyRaw
      ? whole.scope.fields.map((f) => f.name).filter((n) => !n.startsWith('_'))
      : namedFields(
          c.name,
          typed.map((t) => t.pattern),
          whole,
          ctx.errors,
          'name the fields, for example `tojson str(host) num(bytes)`',
        );
    if (listed === undefined) return s;
    // Without a list, every field but the internal ones (unless include_internal=true).
    const names =
      typed.length > 0
        ? [...new Set(listed)]
        : [
            ...(internal ? whole.scope.fields.map((f) => f.name).filter((n) => n.startsWith('_')) : []),
            ...listed,
          ];
    const typeOf = (name: string): JsonType =>
      [...typed].reverse().find((t) => fieldPatternRegExp(t.pattern.pattern).test(name))?.type ?? defaultType;
    const members = names.map((name) => {
      const value = whole.scope.resolve(name);
      const json = call(
        'json_value',
        [value.type === 'mv' ? toMv(value) : toStr(value), lit(typeOf(name))],
        'string',
      );
      const withNull = fillNull ? call('coalesce', [json, lit('null')], 'string') : json;
      // `,"name":value`, or nothing for a member left out.
      return call(
        'coalesce',
        [call('concat', [lit(`,${JSON.stringify(name)}:`), withNull], 'string'), lit('')],
        'string',
      );
    });
    // The members joined, the first one's comma dropped.
    const structured = everyRaw
      ? [
          call(
            'fields_tojson',
            [call('fields_json', [], 'any'), lit(defaultType), ...names.map((n) => lit(n))],
            'string',
          ),
        ]
      : [];
    const joined = [...members, ...structured].reduce<Expr>(
      (a, b) => call('concat', [a, b], 'string'),
      lit(''),
    );
    const body = call('substr', [joined, lit(2)], 'string');
    const expr: Expr = call(
      'concat',
      [call('concat', [lit('{'), body], 'string'), lit('}')],
      'string',
      c.span,
    );
    return {
      rel: { kind: 'compute', input: whole.rel, name: outputName, expr },
      scope: whole.scope.with(outputName, outputName === '_raw' ? 'any' : 'string'),
    };
  },
};

const pattern = (text: string, quoted: boolean, span: Span): FieldPattern => ({
  kind: 'field-pattern',
  pattern: text,
  quoted,
  span,
});
