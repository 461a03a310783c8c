// `fieldformat`: how a field is shown; later commands still see its value unchanged.
//
// How the display reaches the results: the format is kept with the fields (`Scope.withFormat`) while the
// search goes on, so every later command reads the raw value; once the last command is planned, the formatted
// value replaces the field's column in the final results (`applyFormats`, called by the planner for the
// search itself, never for a subsearch or the rows `outputlookup` writes). The columns keep their order.

import { apply } from 'typescript-parsec';
import type { EvalAssignment, Ident } from '../ast.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { P } from '../parser/combinators.ts';
import type { Body } from '../parser/commands.ts';
import { evalBody } from '../parser/commands.ts';
import { lowerEval } from '../plan/eval.ts';
import { exprContext } from '../plan/helpers.ts';
import type { PlanOptions, State } from '../plan/index.ts';
import { reservedNames } from '../plan/scope.ts';
import { keepColumnOrder } from './generic-args.ts';
import type { CommandModule } from './types.ts';

/** `fieldformat <field>=<eval-expression> [, …]`. */
export interface FieldformatCommand {
  readonly kind: 'fieldformat';
  readonly name: Ident;
  readonly span: Span;
  readonly assignments: readonly EvalAssignment[];
}

/** The grammar of `eval`'s assignments, building a `fieldformat` node. */
const fieldformatBody: P<Body<FieldformatCommand>> = apply(
  evalBody,
  (body): Body<FieldformatCommand> =>
    (name, span) => ({ kind: 'fieldformat', name, span, assignments: body(name, span).assignments }),
);

export const fieldformat: CommandModule<'fieldformat'> = {
  name: 'fieldformat',
  kind: 'fieldformat',
  status: 'supported',
  grammar: { mode: 'eval', body: fieldformatBody },
  doc: {
    summary: 'Formats a field for display; later commands see the value unchanged.',
    syntax: 'fieldformat <field>=<eval-expression> [, <field>=<eval-expression>]…',
    example: 'index=main | stats count AS total | fieldformat total=tostring(total, "commas")',
    differences: [
      'The formatted value is what the results carry (a Grafana panel shows it as it is); a transforming command after `fieldformat` drops the format, as the field it formatted is gone.',
    ],
  },
  lower(c, s, ctx) {
    let scope = s.scope;
    for (const a of c.assignments) {
      if (reservedNames.has(a.target.name)) {
        ctx.errors.push(
          diagnostic('semantic', `\`${a.target.name}\` is reserved and cannot be formatted`, a.target.span),
        );
        continue;
      }
      // Checked here (unknown functions, wrong arguments are reported at the command); applied at the end.
      lowerEval(a.expr, { ...ctx.expr, scope });
      scope = scope.withFormat({ name: a.target.name, expr: a.expr });
    }
    return { rel: s.rel, scope };
  },
};

/**
 * The final results with every display format applied to its field, when the field is still there: the
 * format's expression over the final values replaces the column, in its place.
 *
 * @example `stats count AS total | fieldformat total=tostring(total, "commas")` → the last SELECT reads
 *   `formatReadable…(total) AS total` over the stats
 */
export function applyFormats(s: State, options: PlanOptions): State {
  const formats = s.scope.formats.filter((f) => s.scope.has(f.name));
  if (formats.length === 0) return s;
  const order = s.scope.columns;
  let state = s;
  // Problems were reported where the format was written; a field gone since then reads as null.
  const ignored: Diagnostic[] = [];
  for (const f of formats) {
    const expr = lowerEval(f.expr, exprContext(s, options, ignored));
    state = {
      rel: { kind: 'compute', input: state.rel, name: f.name, expr },
      scope: state.scope.with(f.name, expr.type),
    };
  }
  return keepColumnOrder(state, order);
}
