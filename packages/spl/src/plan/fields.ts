// Lowers the field-shaping commands: mvexpand, makemv, spath and xmlkv.

import type { Ident, MakemvCommand, MvexpandCommand, SpathCommand, XmlkvCommand } from '../ast.ts';
import type { Extraction } from './scope.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import { toMv, toStr } from './coerce.ts';
import { extractedSeries, optionText, truthy, wildcardFields } from './helpers.ts';
import type { State } from './index.ts';

/**
 * `mvexpand f [limit=N]`: one result per value of `f`; an event without values is kept once. A wildcard
 * (`mvexpand tag_*`) expands each known field it matches in turn.
 */
export function mvexpand(c: MvexpandCommand, s: State, errors: Diagnostic[]): State {
  if (c.field.pattern.startsWith('_')) {
    errors.push(
      diagnostic('semantic', '`mvexpand` cannot expand internal fields such as `_raw`', c.field.span),
    );
    return s;
  }
  // A wildcard expands each known field it matches, one after the other (every combination of values).
  const names = c.field.pattern.includes('*')
    ? wildcardFields(c.name, c.field, s, errors)
    : [c.field.pattern];
  if (!names) return s;
  const limit = Number(optionText(c.options, 'limit') ?? '0');
  return names.reduce(
    (state, name) => ({
      rel: {
        kind: 'expand',
        input: state.rel,
        name,
        list: toMv(state.scope.resolve(name, c.field.span)),
        limit,
      },
      scope: state.scope.with(name, 'string'),
    }),
    s,
  );
}

/**
 * `makemv delim="," f` or `makemv tokenizer="(\w+)" f`: the field becomes multivalue. `setsv=true` (the
 * Search Reference: the values are also combined into a single value set on the same field) changes nothing
 * here: a field has one form, its values, which is what every later command reads in Splunk too.
 */
export function makemv(c: MakemvCommand, s: State): State {
  const name = c.field.pattern;
  const current = toStr(s.scope.resolve(name, c.field.span));
  const tokenizer = optionText(c.options, 'tokenizer');
  let list: Expr;
  if (tokenizer !== undefined) {
    list = call('extract_all', [current, lit(tokenizer)], 'mv', c.span);
  } else {
    // Splunk's default delimiter is a single space; empty values are dropped unless allowempty=true.
    const split = call('split', [current, lit(optionText(c.options, 'delim') ?? ' ')], 'mv', c.span);
    list = truthy(optionText(c.options, 'allowempty'))
      ? split
      : call('mvfilter_nonempty', [split], 'mv', c.span);
  }
  return { rel: { kind: 'compute', input: s.rel, name, expr: list }, scope: s.scope.with(name, 'mv') };
}

/**
 * `spath [input=_raw] [output=<path>] [path=]<path>`: a value from a JSON document (`a.b`, `a{}.b` for
 * every element, `a{2}` for one). Without a path (auto-extract), every key of the document becomes a field;
 * their names are known only when the search runs, so a later command that names a field reads it from the
 * document then (see {@link extractOnRead}).
 */
export function spath(c: SpathCommand, s: State, errors: Diagnostic[]): State {
  const path = optionText(c.options, 'path') ?? c.path?.text;
  const inputName = optionText(c.options, 'input') ?? '_raw';
  if (path === undefined) {
    const output = c.options.find((o) => o.key.name.toLowerCase() === 'output');
    if (output) {
      errors.push(
        diagnostic(
          'semantic',
          '`spath output=` needs a path: without one every key becomes a field',
          output.span,
        ),
      );
      return s;
    }
    return extractOnRead('spath', c.name, inputName, s, errors);
  }
  const input = toStr(s.scope.resolve(inputName));
  const output = optionText(c.options, 'output') ?? path;
  const expr = call('spath', [input, lit(path)], path.includes('{}') ? 'mv' : 'string', c.span);
  return {
    rel: { kind: 'compute', input: s.rel, name: output, expr },
    scope: s.scope.with(output, expr.type),
  };
}

/**
 * `xmlkv [<field>]`: the text of each `<key>value</key>` element of the field (`_raw` by default) becomes
 * the field `key`, read by name when a later command names it (see {@link extractOnRead}).
 * https://help.splunk.com/splunk-enterprise/spl-search-reference/9.3/search-commands/xmlkv
 */
export function xmlkv(c: XmlkvCommand, s: State, errors: Diagnostic[]): State {
  return extractOnRead('xmlkv', c.name, c.field?.name ?? '_raw', s, errors);
}

/**
 * Extraction of fields whose names only the data holds. Over raw events, a field a later command names is
 * looked up in the input first (the value found wins, as the command would have set it), else it is the
 * event's field as before. The names of the extracted fields cannot be listed when the search is planned, so
 * showing the raw events themselves afterwards (with every extracted field) is reported, not approximated;
 * fields the search had already computed keep their values.
 */
function extractOnRead(
  how: Extraction,
  command: Ident,
  inputName: string,
  s: State,
  errors: Diagnostic[],
): State {
  if (!s.scope.raw) {
    const input = toStr(s.scope.resolve(inputName));
    const fields = call(how === 'spath' ? 'spath_fields' : 'xml_fields', [input], 'mv');
    return extractedSeries(s, fields, command.span, errors) ?? s;
  }
  return {
    rel: s.rel,
    scope: s.scope.withExtraction(how, toStr(s.scope.resolve(inputName)), command.span),
  };
}
