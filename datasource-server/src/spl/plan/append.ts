// Lowers `append [subsearch]`: the subsearch's results (at most maxout, 10,000) after the current ones.

import type { AppendCommand } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Column, Expr, Rel, ScalarType } from '../ir/types.ts';
import { toStr } from './coerce.ts';
import type { State } from './index.ts';

/** Splunk's default cap on a subsearch's results. */
export const subsearchMaxRows = 10_000;

/**
 * Both sides get the union of their fields (the current ones first); a field missing on one side is
 * null there, and a field with different types on the two sides becomes text.
 */
export function append(c: AppendCommand, s: State, sub: State, errors: Diagnostic[]): State {
  let maxout = subsearchMaxRows;
  for (const o of c.options) {
    const k = o.key.name.toLowerCase();
    if (k === 'maxout') maxout = Number(o.value.text);
    else if (k !== 'maxtime' && k !== 'timeout' && k !== 'extendtimerange') {
      errors.push(diagnostic('semantic', `\`append\` has no option \`${o.key.name}\``, o.key.span));
    }
  }
  const typeOf = (t: ScalarType): ScalarType => (t === 'null' ? 'any' : t);
  const names = [...new Set([...s.scope.columns, ...sub.scope.columns].map((c) => c.name))];
  // A field typed differently on the two sides (a count here, an event's text there) becomes text.
  const columns: Column[] = names.map((name) => {
    const [a, b] = [s.scope.resolve(name).type, sub.scope.resolve(name).type].filter((t) => t !== 'null');
    return { name, type: a === undefined ? 'any' : b === undefined || a === b ? typeOf(a) : 'string' };
  });
  const raw = s.scope.raw && sub.scope.raw;
  const side = (state: State, limit?: number): Rel => {
    const exprs = columns.map((col): { name: string; expr: Expr } => {
      const e = state.scope.resolve(col.name);
      return { name: col.name, expr: col.type === 'string' && e.type !== 'string' ? toStr(e) : e };
    });
    const input: Rel = limit === undefined ? state.rel : { kind: 'take', input: state.rel, limit };
    return { kind: 'project', input, columns: exprs, keepRaw: raw };
  };
  return {
    rel: { kind: 'union', inputs: [side(s), side(sub, maxout > 0 ? maxout : undefined)], columns, raw },
    scope: s.scope.project(columns, raw),
  };
}
