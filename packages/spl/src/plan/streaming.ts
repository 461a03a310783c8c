// What the streaming commands over result order share (accum, delta, autoregress, trendline, filldown,
// concurrency): their generic arguments read as words and options, lagged and running windows, and the
// projection that drops their helper columns. Every one is a window function over the results' order.

import type { CommandOption, FieldPattern, GenericArg, GenericCommand } from '../ast.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Aggregate, Expr, Rel, ScalarType } from '../ir/types.ts';
import type { Scope } from './scope.ts';
import { reservedNames } from './scope.ts';
import type { State } from './index.ts';

/** A positional word of a generic command. */
export interface Word {
  readonly text: string;
  readonly quoted: boolean;
  readonly span: Span;
}

/** A generic command's arguments in order: words, `key=value` options and `( … )` groups. */
export type Arg =
  | { readonly kind: 'word'; readonly word: Word }
  | { readonly kind: 'option'; readonly option: CommandOption }
  | { readonly kind: 'group'; readonly words: readonly Word[]; readonly span: Span };

/** The arguments of `c`; a subsearch or a nested group is reported (these commands take none). */
export function argsOf(c: GenericCommand, errors: Diagnostic[]): Arg[] {
  const out: Arg[] = [];
  const wordOf = (a: GenericArg): Word | undefined =>
    a.kind === 'generic-word' ? { text: a.text, quoted: a.quoted, span: a.span } : undefined;
  for (const a of c.args) {
    if (a.kind === 'generic-word')
      out.push({ kind: 'word', word: { text: a.text, quoted: a.quoted, span: a.span } });
    else if (a.kind === 'option') out.push({ kind: 'option', option: a });
    else if (a.kind === 'generic-group') {
      const words = a.args.map(wordOf);
      if (words.every((w): w is Word => w !== undefined)) out.push({ kind: 'group', words, span: a.span });
      else errors.push(diagnostic('syntax', `\`${c.name.name}\` takes field names in \`( … )\``, a.span));
    } else errors.push(diagnostic('syntax', `\`${c.name.name}\` takes no subsearch`, a.span));
  }
  return out;
}

/** `as`, in any case. */
export const isAs = (a: Arg | undefined): boolean =>
  a?.kind === 'word' && !a.word.quoted && a.word.text.toLowerCase() === 'as';

/** Reports `name` when no command may assign it; true when it is allowed. */
export function assignable(name: string, at: Span, errors: Diagnostic[]): boolean {
  if (!reservedNames.has(name)) return true;
  errors.push(diagnostic('semantic', `\`${name}\` is reserved and cannot be assigned`, at));
  return false;
}

/**
 * `aggregates` over the rows of `partition` in the results' order: the one row `lag` rows before each row
 * (`{ lag }`), or the last `size` rows up to this one (0 = all so far; with `current: false`, the `size`
 * rows before it), ordered by `positions` if given.
 */
export function windowed(
  input: Rel,
  aggregates: readonly Aggregate[],
  frame:
    | { readonly lag: number }
    | { readonly size: number; readonly positions?: Expr; readonly current?: boolean },
  partition: readonly Expr[] = [],
): Rel {
  return {
    kind: 'window',
    input,
    partition,
    aggregates,
    running:
      'lag' in frame
        ? { size: 0, current: false, lag: frame.lag }
        : {
            size: frame.size,
            current: frame.current ?? true,
            ...(frame.positions ? { positions: frame.positions } : {}),
          },
  };
}

/** One aggregate of `fn` over `arg`, named `name`. */
export function agg(
  name: string,
  fn: Aggregate['fn'],
  arg: Expr,
  type?: ScalarType,
  param?: number,
): Aggregate {
  return {
    name,
    fn,
    arg,
    type: type ?? (arg.type === 'null' ? 'any' : arg.type),
    ...(param === undefined ? {} : { param }),
  };
}

/**
 * `rel` with only the fields of `scope` (the helper columns a lowering added end here): the fields of
 * `before` keep their places, new ones follow.
 */
export function finish(rel: Rel, scope: Scope, before: Scope): State {
  const names = [
    ...before.columns.map((x) => x.name).filter((n) => scope.has(n)),
    ...scope.columns.map((x) => x.name).filter((n) => !before.has(n)),
  ];
  const columns = names.map((name) => {
    const expr = scope.resolve(name);
    return { name, expr, type: expr.type === 'null' ? ('any' as const) : expr.type };
  });
  return {
    rel: {
      kind: 'project',
      input: rel,
      columns: columns.map(({ name, expr }) => ({ name, expr })),
      keepRaw: scope.raw,
    },
    scope: scope.project(columns, scope.raw),
  };
}

/**
 * `<field> [AS <newfield>]`, the positional arguments of `accum`, `delta` and `autoregress`; undefined after
 * a diagnostic at the first argument out of place (`usage` says what the command takes).
 */
export function fieldAs(
  c: GenericCommand,
  words: readonly Arg[],
  errors: Diagnostic[],
  usage: string,
  example: string,
): { field: Word; target?: Word } | undefined {
  const [first, as, target, ...rest] = words;
  const bad =
    rest[0] ??
    (as !== undefined && !isAs(as) ? as : undefined) ??
    (as !== undefined && target === undefined ? as : undefined) ??
    (target !== undefined && target.kind !== 'word' ? target : undefined);
  if (first?.kind === 'word' && bad === undefined) {
    return target?.kind === 'word' ? { field: first.word, target: target.word } : { field: first.word };
  }
  const at =
    bad?.kind === 'word'
      ? bad.word.span
      : bad?.kind === 'group'
        ? bad.span
        : bad?.kind === 'option'
          ? bad.option.span
          : c.name.span;
  errors.push(diagnostic('syntax', `\`${c.name.name}\` takes ${usage}`, at, [`for example \`${example}\``]));
  return undefined;
}

/**
 * `expr` computed once into the helper column `name` (unless it already is a column), so the windows
 * and expressions after it read a column rather than extract a structured field again, and the event's
 * fields need not travel through the window's sort (the printer carries through a layer only the columns
 * used above it, see `demand.ts` in the ClickHouse backend; `finish` drops the helper).
 */
export function materialize(rel: Rel, name: string, expr: Expr): { rel: Rel; value: Expr } {
  if (expr.kind === 'column') return { rel, value: expr };
  const type = expr.type === 'null' ? 'any' : expr.type;
  return { rel: { kind: 'compute', input: rel, name, expr }, value: { kind: 'column', name, type } };
}

/**
 * The field list of `c` (words, wildcards allowed); its options are left to the command (reported here
 * when `options` is false). Undefined after a diagnostic at the first argument that is not a name.
 */
export function fieldList(
  c: GenericCommand,
  errors: Diagnostic[],
  options: boolean,
): FieldPattern[] | undefined {
  const out: FieldPattern[] = [];
  for (const a of argsOf(c, errors)) {
    if (a.kind === 'word') {
      out.push({ kind: 'field-pattern', pattern: a.word.text, quoted: a.word.quoted, span: a.word.span });
    } else if (a.kind === 'group' || !options) {
      const at = a.kind === 'option' ? a.option.span : a.span;
      errors.push(diagnostic('syntax', `\`${c.name.name}\` takes field names`, at));
      return undefined;
    }
  }
  return out;
}
