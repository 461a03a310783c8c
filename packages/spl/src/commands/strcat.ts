// `strcat`: concatenates fields and quoted strings into a new field. The whole command lives here: its AST
// node, grammar, options, documentation and lowering; `commands/index.ts` registers it.

import { apply } from 'typescript-parsec';
import { bool } from '../analyse/options.ts';
import type { CommandOption, FieldPattern, Ident } from '../ast.ts';
import type { Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import { itemsOf, mixedList, optionsOf } from '../parser/clauses.ts';
import type { P } from '../parser/combinators.ts';
import { fieldPattern, nameTok, whole } from '../parser/combinators.ts';
import type { Body } from '../parser/commands.ts';
import { toStr } from '../plan/coerce.ts';
import { optionText, truthy } from '../plan/helpers.ts';
import { reservedNames } from '../plan/scope.ts';
import type { CommandModule } from './types.ts';

/** `strcat [allrequired=<bool>] <source>… <dest-field>`: sources are fields, or quoted strings taken as text. */
export interface StrcatCommand {
  readonly kind: 'strcat';
  readonly name: Ident;
  readonly span: Span;
  readonly options: readonly CommandOption[];
  /** Field names, or (quoted) literal strings. */
  readonly sources: readonly FieldPattern[];
  /** The last name; absent when the command names nothing. */
  readonly target?: FieldPattern;
}

const strcatBody: P<Body<StrcatCommand>> = whole(
  apply(mixedList(nameTok), (xs): Body<StrcatCommand> => {
    const names = itemsOf(xs).map(fieldPattern);
    const target = names[names.length - 1];
    return (name, span) => ({
      kind: 'strcat',
      name,
      span,
      options: optionsOf(xs),
      sources: names.slice(0, -1),
      ...(target === undefined ? {} : { target }),
    });
  }),
);

export const strcat: CommandModule<'strcat'> = {
  name: 'strcat',
  kind: 'strcat',
  status: 'supported',
  grammar: { mode: 'args', body: strcatBody },
  options: { placement: 'anywhere', options: { allrequired: bool } },
  doc: {
    summary: 'Concatenates fields and quoted strings into a new field.',
    syntax: 'strcat [allrequired=<bool>] <source-field | "string">… <dest-field>',
    example: 'index=main | strcat host "/" sourcetype origin | table origin',
    differences: ['A multivalue source field is concatenated as its text, not value by value.'],
  },
  lower(c, s, ctx) {
    const { target } = c;
    if (target === undefined || c.sources.length === 0) {
      ctx.errors.push(
        diagnostic(
          'semantic',
          '`strcat` needs at least one source and the name of the new field',
          c.name.span,
        ),
      );
      return s;
    }
    if (reservedNames.has(target.pattern)) {
      ctx.errors.push(
        diagnostic('semantic', `\`${target.pattern}\` is reserved and cannot be assigned`, target.span),
      );
      return s;
    }
    // Quoted sources are text; names are fields, read as text (a missing field adds nothing).
    const fields: Expr[] = [];
    const parts = c.sources.map((source): Expr => {
      if (source.quoted) return lit(source.pattern, source.span);
      const value = toStr(s.scope.resolve(source.pattern, source.span));
      fields.push(value);
      return call('coalesce', [value, lit('')], 'string', source.span);
    });
    const joined = parts.reduce((a, b) => call('concat', [a, b], 'string', c.span));
    // allrequired=t: the new field is left out (null) when any source field is missing.
    const missing = fields
      .map((f) => call('isnull', [f], 'bool'))
      .reduce<Expr | undefined>((a, b) => (a ? call('or', [a, b], 'bool') : b), undefined);
    const expr =
      truthy(optionText(c.options, 'allrequired')) && missing
        ? call('if', [missing, lit(null), joined], 'string', c.span)
        : joined;
    return {
      rel: { kind: 'compute', input: s.rel, name: target.pattern, expr },
      scope: s.scope.with(target.pattern, 'string'),
    };
  },
};
