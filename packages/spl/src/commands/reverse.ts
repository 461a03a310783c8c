// `reverse`: reverses the order of the results.

import { diagnostic } from '../diagnostics.ts';
import { reverse as reverseRows } from '../plan/rows.ts';
import type { CommandModule } from './types.ts';

export const reverse: CommandModule<'generic'> = {
  name: 'reverse',
  kind: 'generic',
  status: 'supported',
  doc: { summary: 'Reverses the order of the results.', syntax: 'reverse', example: 'index=main | reverse' },
  lower(c, s, ctx) {
    if (c.args.length === 0) return reverseRows(s);
    ctx.errors.push(
      diagnostic('unsupported', `the \`${c.name.name}\` command is not supported yet`, c.name.span),
    );
    return s;
  },
};
