// Lowers `convert`: each conversion becomes a computed field, in place or under its `AS` name.

import type { ConvertCommand } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic, nearest } from '../diagnostics.ts';
import type { Expr } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import { strftimeFormat } from '../strftime.ts';
import { toNumber, toStr } from './coerce.ts';
import type { State } from './index.ts';
import { fieldPatternRegExp } from './scope.ts';

/** Splunk's default `timeformat` for `ctime()` and `mktime()`. */
const defaultTimeFormat = '%m/%d/%Y %H:%M:%S';

type Converter = (x: Expr, format: string, tz: string) => Expr;

/** Values a conversion cannot read stay as they were (so a second `convert` is harmless). */
const keep = (converted: Expr, x: Expr): Expr => call('coalesce', [toStr(converted), toStr(x)], 'string');

const converters: Record<string, Converter> = {
  ctime: (x, format, tz) => keep(call('strftime', [toNumber(x), lit(format), lit(tz)], 'string'), x),
  mktime: (x, format, tz) => call('strptime', [toStr(x), lit(format), lit(tz)], 'number'),
  num: (x) => toNumber(x),
  rmcomma: (x) => toNumber(call('replace', [toStr(x), lit(','), lit('')], 'string')),
  rmunit: (x) =>
    toNumber(
      call(
        'replace',
        [toStr(x), lit('^\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?).*$'), lit('\\1')],
        'string',
      ),
    ),
  dur2sec: (x) => call('dur2sec', [toStr(x)], 'number'),
  mstime: (x) => call('mstime', [toStr(x)], 'number'),
  memk: (x) => call('memk', [toStr(x)], 'number'),
  none: (x) => x,
};

/**
 * `convert [timeformat=…] ctime(f) [AS g] …`. Wildcard fields expand over the fields known at this point.
 *
 * @example convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime)  // firstTime = strftime(firstTime, …)
 */
export function convert(c: ConvertCommand, s: State, timeZone: string, errors: Diagnostic[]): State {
  let format = defaultTimeFormat;
  for (const o of c.options) {
    if (o.key.name.toLowerCase() === 'timeformat') format = o.value.text;
  }
  const converted = strftimeFormat(format);
  if (!converted.ok) {
    errors.push(diagnostic('unsupported', converted.message, c.options[0]?.value.span ?? c.span));
    return s;
  }
  let state = s;
  for (const conv of c.conversions) {
    const name = conv.fn.name.toLowerCase();
    const fn = Object.hasOwn(converters, name) ? converters[name] : undefined;
    if (!fn) {
      const known = Object.keys(converters);
      errors.push(
        diagnostic(
          name === 'auto' ? 'unsupported' : 'semantic',
          name === 'auto'
            ? '`auto()` is not supported yet (it converts a field only when every value is numeric)'
            : `\`convert\` has no function \`${conv.fn.name}\``,
          conv.fn.span,
          nearest(name, known).map((n) => `did you mean \`${n}\`?`),
        ),
      );
      continue;
    }
    const pattern = conv.field.pattern;
    let targets: { from: string; to: string }[];
    if (!pattern.includes('*')) {
      targets = [{ from: pattern, to: conv.alias?.pattern ?? pattern }];
    } else if (state.scope.raw) {
      errors.push(
        diagnostic(
          'unsupported',
          `the wildcard \`${pattern}\` over structured fields of raw events is not supported yet`,
          conv.field.span,
        ),
      );
      continue;
    } else {
      const re = fieldPatternRegExp(pattern);
      const parts = (conv.alias?.pattern ?? pattern).split('*');
      targets = state.scope.fields.flatMap((col) => {
        const m = re.exec(col.name);
        if (!m) return [];
        const to = parts.reduce((acc, part, i) => acc + (i > 0 ? (m[i] ?? '') : '') + part, '');
        return [{ from: col.name, to }];
      });
    }
    for (const { from, to } of targets) {
      const expr = fn(state.scope.resolve(from, conv.field.span), converted.format, timeZone);
      state = {
        rel: { kind: 'compute', input: state.rel, name: to, expr },
        scope: state.scope.with(to, expr.type === 'null' ? 'any' : expr.type),
      };
    }
  }
  return state;
}
