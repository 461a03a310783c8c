// `where`: keeps the results for which an eval expression is true.

import { diagnostic } from '../diagnostics.ts';
import { whereBody } from '../parser/commands.ts';
import { lowerEval } from '../plan/eval.ts';
import { dropHidden, lookupCalls } from '../plan/lookup-function.ts';
import type { CommandModule } from './types.ts';

export const where: CommandModule<'where'> = {
  name: 'where',
  kind: 'where',
  status: 'supported',
  grammar: { mode: 'eval', body: whereBody },
  doc: {
    summary: 'Keeps the results for which the expression is true.',
    syntax: 'where <eval-expression>',
    example: '| makeresults | where 1 < 2',
  },
  lower(c, s, ctx) {
    const hidden: string[] = [];
    const looked = lookupCalls(c.expr, s, ctx.expr, ctx.options, ctx.errors, hidden);
    const predicate = lowerEval(looked.expr, { ...ctx.expr, scope: looked.state.scope });
    if (predicate.type !== 'bool' && predicate.type !== 'null') {
      ctx.errors.push(
        diagnostic('semantic', '`where` needs a Boolean expression, such as `x > 1`', c.expr.span),
      );
    }
    return dropHidden(
      { rel: { kind: 'filter', input: looked.state.rel, predicate }, scope: looked.state.scope },
      hidden,
    );
  },
};
