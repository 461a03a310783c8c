// Multivalue eval functions (Search Reference 9.4): split, mvcount, mvindex, mvjoin, mvappend, mvdedup, mvfind, mvfilter, …

import { diagnostic } from '../diagnostics.ts';
import type { EvalExpr } from '../ast.ts';
import { assertNever } from '../ast.ts';
import { call, lit } from '../ir/types.ts';
import { requireBool, toMv, toNumber, toStr } from '../plan/coerce.ts';
import { parseSpan } from '../time.ts';
import type { EvalFunction } from './types.ts';
import { evalFn } from './types.ts';

const p = 'multivalue' as const;

/** The field names an eval expression reads. */
export function fieldsOf(e: EvalExpr, out = new Set<string>()): Set<string> {
  switch (e.kind) {
    case 'eval-field':
      out.add(e.name);
      break;
    case 'eval-string':
    case 'eval-number':
      break;
    case 'eval-binary':
      fieldsOf(e.left, out);
      fieldsOf(e.right, out);
      break;
    case 'eval-unary':
      fieldsOf(e.operand, out);
      break;
    case 'eval-call':
      e.args.forEach((a) => fieldsOf(a, out));
      break;
    case 'eval-in':
      fieldsOf(e.operand, out);
      e.values.forEach((v) => fieldsOf(v, out));
      break;
    case 'eval-group':
      fieldsOf(e.inner, out);
      break;
    default:
      assertNever(e, 'eval expression');
  }
  return out;
}

export const multivalueFunctions: readonly EvalFunction[] = [
  evalFn(
    p,
    'split',
    [2, 2],
    'split(<str>, <delim>)',
    'A multivalue field of the parts of the string.',
    ([s, sep], at) => call('split', [toStr(s ?? lit(null)), toStr(sep ?? lit(''))], 'mv', at),
  ),
  evalFn(p, 'mvcount', [1, 1], 'mvcount(<mv>)', 'The number of values; null for a null field.', ([x], at) =>
    call('mvcount', [toMv(x ?? lit(null))], 'number', at),
  ),
  evalFn(
    p,
    'mvindex',
    [2, 3],
    'mvindex(<mv>, <start>, <end>)',
    'The value at `start` (0-based; negative counts from the end), or the values from `start` to `end` inclusive.',
    ([x, start, end], at) =>
      end === undefined
        ? call('mvindex', [toMv(x ?? lit(null)), toNumber(start ?? lit(0))], 'string', at)
        : call('mvindex', [toMv(x ?? lit(null)), toNumber(start ?? lit(0)), toNumber(end)], 'mv', at),
  ),
  evalFn(
    p,
    'mvjoin',
    [2, 2],
    'mvjoin(<mv>, <delim>)',
    'The values joined by the delimiter.',
    ([x, sep], at) => call('mvjoin', [toMv(x ?? lit(null)), toStr(sep ?? lit(' '))], 'string', at),
  ),
  evalFn(
    p,
    'mvappend',
    [1, 64],
    'mvappend(<values>)',
    'A multivalue field of all the values of all the arguments.',
    (args, at) => call('mvappend', args.map(toMv), 'mv', at),
  ),
  evalFn(
    p,
    'mvdedup',
    [1, 1],
    'mvdedup(<mv>)',
    'The values without duplicates, in their first order.',
    ([x], at) => call('mvdedup', [toMv(x ?? lit(null))], 'mv', at),
  ),
  evalFn(
    p,
    'mvfind',
    [2, 2],
    'mvfind(<mv>, <regex>)',
    'The index (0-based) of the first value that matches; null when none does.',
    ([x, re], at) => call('mvfind', [toMv(x ?? lit(null)), toStr(re ?? lit(null))], 'number', at),
  ),
  {
    page: p,
    name: 'mvfilter',
    arity: [1, 1],
    signature: 'mvfilter(<predicate>)',
    doc: 'The values of the one field the predicate reads for which it is true.',
    // `mvfilter(<predicate over one field>)`: the values of that field for which the predicate holds.
    lowerCall: (e, ctx, lowerEval) => {
      const [predicate] = e.args;
      const names = predicate ? [...fieldsOf(predicate)] : [];
      const [name] = names;
      if (!predicate || e.args.length !== 1 || names.length !== 1 || name === undefined) {
        ctx.diagnostics.push(
          diagnostic(
            'semantic',
            '`mvfilter` takes one Boolean expression that reads exactly one field',
            e.span,
          ),
        );
        return lit(null, e.span);
      }
      const list = toMv(ctx.scope.resolve(name));
      const test = lowerEval(predicate, { ...ctx, scope: ctx.scope.with(name, 'string') });
      return call('mvfilter', [list, requireBool(test, '`mvfilter`', e.span, ctx), lit(name)], 'mv', e.span);
    },
  },
  evalFn(
    p,
    'mvrange',
    [2, 3],
    'mvrange(<start>, <end>, <step>)',
    'The numbers from `start` up to, not including, `end`, by `step` (1 by default), or epoch times by a time span such as "7d" (months and years by the calendar, in UTC); at most 10,000 values.',
    ([start, end, step], at, ctx) => {
      if (step?.kind === 'literal' && typeof step.value === 'string') {
        const span = parseSpan(step.value);
        if (span === undefined) {
          ctx.diagnostics.push(
            diagnostic(
              'semantic',
              `\`mvrange\` takes a number or a time span such as "7d" as its step, found "${step.value}"`,
              step.span ?? at,
            ),
          );
          return lit(null, at);
        }
        const months = { mon: 1, q: 3, y: 12 }[span.unit as string];
        if (months !== undefined)
          return call(
            'mvrange_months',
            [toNumber(start ?? lit(null)), toNumber(end ?? lit(null)), lit(span.count * months)],
            'mv',
            at,
          );
        const seconds = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 }[span.unit as string] ?? 1;
        return call(
          'mvrange',
          [toNumber(start ?? lit(null)), toNumber(end ?? lit(null)), lit(span.count * seconds)],
          'mv',
          at,
        );
      }
      return call(
        'mvrange',
        [toNumber(start ?? lit(null)), toNumber(end ?? lit(null)), toNumber(step ?? lit(1))],
        'mv',
        at,
      );
    },
  ),
  evalFn(p, 'mvsort', [1, 1], 'mvsort(<mv>)', 'The values sorted lexicographically.', ([x], at) =>
    call('mvsort', [toMv(x ?? lit(null))], 'mv', at),
  ),
  evalFn(
    p,
    'mvzip',
    [2, 3],
    'mvzip(<mv_left>, <mv_right>, <delim>)',
    'The values of both paired in order and joined by `delim` (a comma by default), as many as the shorter has.',
    ([x, y, delim], at) =>
      call('mvzip', [toMv(x ?? lit(null)), toMv(y ?? lit(null)), toStr(delim ?? lit(','))], 'mv', at),
  ),
  evalFn(
    p,
    'mv_to_json_array',
    [1, 2],
    'mv_to_json_array(<mv>, <infer_types>)',
    'The values as a JSON array of strings; with `infer_types` true, numbers, true and false stay unquoted.',
    ([x, infer], at, ctx) => {
      if (infer !== undefined && (infer.kind !== 'literal' || typeof infer.value !== 'boolean')) {
        ctx.diagnostics.push(
          diagnostic(
            'semantic',
            '`mv_to_json_array` takes true() or false() as its second argument',
            infer.span ?? at,
          ),
        );
        return lit(null, at);
      }
      return call('mv_to_json_array', [toMv(x ?? lit(null)), lit(infer?.value === true)], 'string', at);
    },
  ),
  {
    page: p,
    name: 'mvmap',
    arity: [2, 2],
    signature: 'mvmap(<mv>, <expression>)',
    doc: 'The expression for each value of the field, which the expression reads by the field name.',
    lowerCall: (e, ctx, lowerEval) => {
      const [target, expression] = e.args;
      if (target?.kind !== 'eval-field' || expression === undefined || e.args.length !== 2) {
        ctx.diagnostics.push(
          diagnostic('semantic', '`mvmap` takes a field name and an expression over it', e.span),
        );
        return lit(null, e.span);
      }
      const list = toMv(ctx.scope.resolve(target.name, target.span));
      const value = lowerEval(expression, { ...ctx, scope: ctx.scope.with(target.name, 'string') });
      return call('mvmap', [list, toStr(value), lit(target.name)], 'mv', e.span);
    },
  },
  evalFn(
    p,
    'commands',
    [1, 1],
    'commands(<value>)',
    'The commands of a search string, in order, as a multivalue (`search` for the text before the first pipe; quoted strings and bracketed subsearches are skipped).',
    ([x], at) => call('search_commands', [toStr(x ?? lit(null))], 'mv', at),
  ),
];
