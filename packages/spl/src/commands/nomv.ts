// `nomv`: turns a multivalue field into one value, the values joined by newlines.

import { diagnostic } from '../diagnostics.ts';
import { call, lit } from '../ir/types.ts';
import { toMv } from '../plan/coerce.ts';
import type { State } from '../plan/index.ts';
import { genericArgs, keepColumnOrder, noMoreWords } from './generic-args.ts';
import type { CommandModule } from './types.ts';

/**
 * `nomv <field>`: the values of the field joined by `\n` (a missing field stays missing).
 *
 * @example `nomv senders` → `if(empty(x), NULL, arrayStringConcat(x, '\n')) AS senders`
 */
export const nomv: CommandModule<'generic'> = {
  name: 'nomv',
  kind: 'generic',
  status: 'supported',
  options: { placement: 'anywhere', options: {} },
  doc: {
    summary: 'Turns a multivalue field into a single value (the values joined by newlines).',
    syntax: 'nomv <field>',
    example: 'index=main | stats values(host) AS hosts | nomv hosts',
  },
  lower(c, s, ctx) {
    const { words } = genericArgs(c, ctx.errors);
    const [target, ...extra] = words;
    noMoreWords('nomv', extra, ctx.errors, 'one field');
    if (!target) {
      ctx.errors.push(diagnostic('syntax', '`nomv` needs the name of a field', c.name.span));
      return s;
    }
    const name = target.text;
    if (name.startsWith('_')) {
      ctx.errors.push(
        diagnostic('semantic', `\`nomv\` cannot change the internal field \`${name}\``, target.span),
      );
      return s;
    }
    const expr = call('mvjoin', [toMv(s.scope.resolve(name, target.span)), lit('\n')], 'string', c.span);
    const joined: State = {
      rel: { kind: 'compute', input: s.rel, name, expr },
      scope: s.scope.with(name, 'string'),
    };
    return keepColumnOrder(joined, s.scope.columns);
  },
};
