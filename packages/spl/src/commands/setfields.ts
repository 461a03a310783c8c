// `setfields`: sets fields to constant values.

import { diagnostic } from '../diagnostics.ts';
import { lit } from '../ir/types.ts';
import type { State } from '../plan/index.ts';
import { reservedNames } from '../plan/scope.ts';
import { genericArgs, noMoreWords } from './generic-args.ts';
import type { CommandModule } from './types.ts';

/**
 * `setfields <field>="<value>", …`: each field is set to its text (a string), created when missing.
 *
 * @example `setfields ip="10.10.10.10"` → `{p1:String} AS ip`
 */
export const setfields: CommandModule<'generic'> = {
  name: 'setfields',
  kind: 'generic',
  status: 'supported',
  doc: {
    summary: 'Sets fields to constant values.',
    syntax: 'setfields <field>=<string>[, <field>=<string>]…',
    example: 'index=main | setfields ip="10.10.10.10", foo="foo bar" | table host, ip, foo',
  },
  lower(c, s, ctx) {
    const { options, words } = genericArgs(c, ctx.errors);
    noMoreWords('setfields', words, ctx.errors, 'only `<field>="<value>"` pairs');
    if (options.length === 0) {
      ctx.errors.push(
        diagnostic('syntax', '`setfields` needs at least one `<field>="<value>"`', c.name.span),
      );
      return s;
    }
    return options.reduce<State>((st, o) => {
      const name = o.key.name;
      if (reservedNames.has(name)) {
        ctx.errors.push(diagnostic('semantic', `\`${name}\` is reserved and cannot be assigned`, o.key.span));
        return st;
      }
      return {
        rel: { kind: 'compute', input: st.rel, name, expr: lit(o.value.text, o.value.span) },
        scope: st.scope.with(name, 'string'),
      };
    }, s);
  },
};
