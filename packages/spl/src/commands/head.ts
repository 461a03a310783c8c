// `head`: the first results (10 by default).

import { bool, int } from '../analyse/options.ts';
import { diagnostic } from '../diagnostics.ts';
import { headBody } from '../parser/commands.ts';
import { optionNumber, unknownOption } from '../plan/helpers.ts';
import type { CommandModule } from './types.ts';

export const head: CommandModule<'head'> = {
  name: 'head',
  kind: 'head',
  status: 'partly',
  grammar: { mode: 'eval', body: headBody },
  options: { placement: 'anywhere', options: { limit: int, null: bool, keeplast: bool } },
  doc: {
    summary: 'The first results (10 by default).',
    syntax: 'head [<count>]',
    example: 'index=main | head 20',
    differences: ['`head <eval-expression>`, `null=` and `keeplast=` are not supported yet.'],
  },
  lower(c, s, ctx) {
    const { errors } = ctx;
    if (c.expr) {
      errors.push(
        diagnostic('unsupported', '`head` with an eval expression is not supported yet', c.expr.span),
      );
      return s;
    }
    let limit = c.count?.value ?? 10;
    for (const o of c.options) {
      if (o.key.name === 'limit') limit = optionNumber(o, errors) ?? limit;
      else if (o.key.name === 'null' || o.key.name === 'keeplast') {
        errors.push(diagnostic('unsupported', `\`head ${o.key.name}=\` is not supported yet`, o.span));
      } else unknownOption(o, 'head', ['limit', 'null', 'keeplast'], errors);
    }
    return { rel: { kind: 'take', input: s.rel, limit }, scope: s.scope };
  },
};
