// Lowers `convert`: each conversion becomes a computed field, in place or under its `AS` name.

import type { ConvertCommand } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic, nearest } from '../diagnostics.ts';
import type { Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { strftimeFormat } from '../strftime.ts';
import { toNumber, toStr } from './coerce.ts';
import type { State } from './index.ts';
import { fieldPatternRegExp, plannerColumnPrefix } from './scope.ts';

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

/** Marks `auto()`, which looks at every value of the field (see {@link auto}). */
const autoConverter: Converter = (x) => x;

/**
 * `auto(f)` (Search Reference, convert: "if not all values of a particular field can be converted using a
 * known conversion type, the field is left untouched"): when every value of `f` in the results is a number,
 * each becomes its number; otherwise `f` is left as it is. One column holds one type, so a converted value
 * stays text, the number's (`007` → `7`, `1.50` → `1.5`); the conversion tried is `num()`'s.
 */
function auto(s: State, value: Expr, to: string): State {
  if (value.type === 'number') {
    return {
      rel: { kind: 'compute', input: s.rel, name: to, expr: value },
      scope: s.scope.with(to, 'number'),
    };
  }
  const number = toNumber(value);
  const flag = `${plannerColumnPrefix}auto_${to}`;
  const convertible = call(
    'if',
    [
      call('or', [call('isnull', [value], 'bool'), call('isnotnull', [number], 'bool')], 'bool'),
      lit(1),
      lit(0),
    ],
    'number',
  );
  const all = call('eq', [col(flag, 'number'), lit(1)], 'bool');
  const expr = call('if', [all, call('tostring', [number], 'string'), toStr(value)], 'string');
  const rel: Rel = {
    kind: 'compute',
    input: {
      kind: 'window',
      input: s.rel,
      partition: [],
      aggregates: [{ name: flag, fn: 'min', arg: convertible, type: 'number' }],
    },
    name: to,
    expr,
  };
  const scope = s.scope.with(to, 'string');
  // The flag column goes again.
  const columns = scope.columns.map((x) => ({ name: x.name, expr: scope.resolve(x.name) }));
  return { rel: { kind: 'project', input: rel, columns, keepRaw: scope.raw }, scope };
}

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
    const fn =
      name === 'auto' ? autoConverter : Object.hasOwn(converters, name) ? converters[name] : undefined;
    if (!fn) {
      const known = ['auto', ...Object.keys(converters)];
      errors.push(
        diagnostic(
          'semantic',
          `\`convert\` has no function \`${conv.fn.name}\``,
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
      const value = state.scope.resolve(from, conv.field.span);
      if (fn === autoConverter) {
        state = auto(state, value, to);
        continue;
      }
      const expr = fn(value, converted.format, timeZone);
      state = {
        rel: { kind: 'compute', input: state.rel, name: to, expr },
        scope: state.scope.with(to, expr.type === 'null' ? 'any' : expr.type),
      };
    }
  }
  return state;
}
