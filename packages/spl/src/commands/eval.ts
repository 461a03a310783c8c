// `eval`: computes fields from expressions, left to right (a later assignment sees the earlier ones).

import { diagnostic } from '../diagnostics.ts';
import { seriesColumn } from '../ir/types.ts';
import { evalBody } from '../parser/commands.ts';
import { lowerEval } from '../plan/eval.ts';
import { dropHidden, lookupCalls } from '../plan/lookup-function.ts';
import type { State } from '../plan/index.ts';
import { dropSeries } from '../plan/pivot.ts';
import { reservedNames } from '../plan/scope.ts';
import type { CommandModule } from './types.ts';

export const evalCommand: CommandModule<'eval'> = {
  name: 'eval',
  kind: 'eval',
  status: 'supported',
  grammar: { mode: 'eval', body: evalBody },
  doc: {
    summary: 'Computes fields from expressions.',
    syntax: 'eval <field>=<expression> [, <field>=<expression>]…',
    example: '| makeresults | eval x=round(1.5), y=lower("A")',
    differences: ['A Boolean result must be wrapped in `if(…, …, …)`, as Splunk requires at run time.'],
  },
  lower(c, s, ctx) {
    const { errors } = ctx;
    let state: State = s;
    const hidden: string[] = [];
    for (const a of c.assignments) {
      if (reservedNames.has(a.target.name)) {
        errors.push(
          diagnostic('semantic', `\`${a.target.name}\` is reserved and cannot be assigned`, a.target.span),
        );
        continue;
      }
      const looked = lookupCalls(a.expr, state, ctx.expr, ctx.options, errors, hidden);
      state = looked.state;
      const expr = lowerEval(looked.expr, { ...ctx.expr, scope: state.scope });
      const withoutName = state.scope.has(a.target.name)
        ? undefined
        : dropSeries(state.scope, [a.target.name]);
      if (expr.type === 'bool') {
        errors.push(
          diagnostic(
            'semantic',
            'an eval result cannot be Boolean; wrap the condition in `if(…, …, …)`',
            a.expr.span,
          ),
        );
      }
      state = {
        rel: { kind: 'compute', input: state.rel, name: a.target.name, expr },
        scope: state.scope.with(a.target.name, expr.type === 'null' ? 'any' : expr.type),
      };
      // After a pivot, a new field replaces the series of that name (the value was read first).
      if (withoutName) {
        state = {
          rel: { kind: 'compute', input: state.rel, name: seriesColumn, expr: withoutName },
          scope: state.scope,
        };
      }
    }
    return dropHidden(state, hidden);
  },
};
