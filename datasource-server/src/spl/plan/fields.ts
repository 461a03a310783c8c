// Lowers the field-shaping commands: mvexpand, makemv and spath.

import type { MakemvCommand, MvexpandCommand, SpathCommand } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import { toMv, toStr } from './coerce.ts';
import { optionText, truthy } from './helpers.ts';
import type { State } from './index.ts';

/** `mvexpand f [limit=N]`: one result per value of `f`; an event without values is kept once. */
export function mvexpand(c: MvexpandCommand, s: State, errors: Diagnostic[]): State {
  if (c.field.pattern.includes('*')) {
    errors.push(
      diagnostic('unsupported', 'wildcard fields in `mvexpand` are not supported yet', c.field.span),
    );
    return s;
  }
  if (c.field.pattern.startsWith('_')) {
    errors.push(
      diagnostic('semantic', '`mvexpand` cannot expand internal fields such as `_raw`', c.field.span),
    );
    return s;
  }
  const limit = Number(optionText(c.options, 'limit') ?? '0');
  const name = c.field.pattern;
  return {
    rel: { kind: 'expand', input: s.rel, name, list: toMv(s.scope.resolve(name, c.field.span)), limit },
    scope: s.scope.with(name, 'string'),
  };
}

/** `makemv delim="," f` or `makemv tokenizer="(\w+)" f`: the field becomes multivalue. */
export function makemv(c: MakemvCommand, s: State, errors: Diagnostic[]): State {
  const name = c.field.pattern;
  const current = toStr(s.scope.resolve(name, c.field.span));
  const tokenizer = optionText(c.options, 'tokenizer');
  if (truthy(optionText(c.options, 'setsv'))) {
    errors.push(diagnostic('unsupported', '`makemv setsv=true` is not supported yet', c.name.span));
    return s;
  }
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
 * every element, `a{2}` for one). Without a path every key would become a field, which needs the keys
 * to be known, so that form is unsupported (JSON events sent as objects already have their fields).
 */
export function spath(c: SpathCommand, s: State, errors: Diagnostic[]): State {
  const path = optionText(c.options, 'path') ?? c.path?.text;
  if (path === undefined) {
    errors.push(
      diagnostic('unsupported', '`spath` without a path is not supported yet', c.name.span, [
        'name the path, for example `spath path=user.name`; JSON events sent as objects already have their fields',
      ]),
    );
    return s;
  }
  const input = toStr(s.scope.resolve(optionText(c.options, 'input') ?? '_raw'));
  const output = optionText(c.options, 'output') ?? path;
  const expr = call('spath', [input, lit(path)], path.includes('{}') ? 'mv' : 'string', c.span);
  return {
    rel: { kind: 'compute', input: s.rel, name: output, expr },
    scope: s.scope.with(output, expr.type),
  };
}
