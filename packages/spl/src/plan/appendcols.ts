// Lowers `appendcols [override=<bool>] [subsearch]`: the subsearch's results pasted onto the current ones
// row by row (the first with the first, …).

import type { AppendcolsCommand } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, Paste, Rel, ScalarType } from '../ir/types.ts';
import { call, col } from '../ir/types.ts';
import { resultType, toMv, unify } from './coerce.ts';
import { truthy } from './helpers.ts';
import type { State } from './index.ts';
import { withoutSeries } from './pivot.ts';
import { plannerColumnPrefix } from './scope.ts';

/**
 * Splunk's `appendcols`: the external fields of the subsearch's n-th result (not those starting with `_`)
 * are merged into the n-th current result, each side in its own order. A field both have keeps the
 * current value, unless `override=true`, where the subsearch's value wins (a result without the field
 * keeps the other's). Subsearch results beyond the current ones follow with only their fields. At most
 * `maxout` subsearch results are used (50,000 by default, as the appendcols page of the Search Reference
 * says, where `append` stops at 10,000); `maxtime`/`timeout` bound time only.
 */
export const appendcolsMaxRows = 50_000;

export function appendcols(c: AppendcolsCommand, s: State, subsearch: State, errors: Diagnostic[]): State {
  if (!withoutSeries(c.name, [s, subsearch], errors)) return s;
  let sub = subsearch;
  let override = false;
  let maxout = appendcolsMaxRows;
  for (const o of c.options) {
    const k = o.key.name.toLowerCase();
    if (k === 'override') override = truthy(o.value.text);
    else if (k === 'maxout') maxout = Number(o.value.text);
    // `extendtimerange` widens the range of the commands after this one (extendedRange in append.ts).
    else if (k !== 'maxtime' && k !== 'timeout' && k !== 'extendtimerange') {
      errors.push(diagnostic('semantic', `\`appendcols\` has no option \`${o.key.name}\``, o.key.span));
    }
  }
  // A subsearch of events: their structured fields, known only when the search runs, ride along as one
  // JSON column; a field read later by name looks there too (see Scope.withJoinedFields).
  let pasted: string | undefined;
  if (sub.scope.raw) {
    if (!s.scope.raw) {
      errors.push(
        diagnostic(
          'unsupported',
          'an `appendcols` subsearch that returns raw events, after a command that made the results, is not supported yet',
          c.subsearch.span,
          ['end the subsearch with `table`, `fields`, or `stats` so the appended fields are known'],
        ),
      );
      return s;
    }
    pasted = `${plannerColumnPrefix}appendcols_${c.span.start}`;
    const json = call('fields_json', [], 'any', c.subsearch.span);
    sub = {
      rel: { kind: 'compute', input: sub.rel, name: pasted, expr: json },
      scope: sub.scope.with(pasted, 'any'),
    };
  }
  const raw = s.scope.raw;
  const leftNames = s.scope.columns.map((x) => x.name);
  const rightNames = sub.scope.columns.map((x) => x.name).filter((n) => !n.startsWith('_') || n === pasted);
  // Over raw events, a subsearch field may also be a structured field of the event.
  const onLeft = (n: string): boolean => leftNames.includes(n) || (raw && n !== pasted);
  const sides = new Map<string, { left?: Expr; right?: Expr }>();
  for (const n of leftNames) sides.set(n, { left: s.scope.resolve(n) });
  for (const n of rightNames) {
    const right = sub.scope.resolve(n);
    if (!onLeft(n)) {
      sides.set(n, { right });
      continue;
    }
    const left = s.scope.resolve(n);
    // One type for both values: lists when either is one, else Splunk's branch types.
    const [l, r] =
      (left.type === 'mv') !== (right.type === 'mv') ? [toMv(left), toMv(right)] : unify([left, right]);
    sides.set(n, { ...(l ? { left: l } : {}), ...(r ? { right: r } : {}) });
  }
  const typeOf = (x: { left?: Expr; right?: Expr }): ScalarType => {
    const t = resultType([x.left, x.right].filter((e): e is Expr => e !== undefined));
    return t === 'null' ? 'any' : t;
  };
  const columns: Paste['columns'] = [...sides].map(([name, x]) => ({
    name,
    type: typeOf(x),
    from: x.left && x.right ? 'both' : x.left ? 'left' : 'right',
  }));
  const side = (state: State, which: 'left' | 'right'): Rel => ({
    kind: 'project',
    input: state.rel,
    columns: [...sides].flatMap(([name, x]) => {
      const e = x[which];
      return e ? [{ name, expr: e }] : [];
    }),
    keepRaw: which === 'left' && raw,
  });
  const right = side(sub, 'right');
  return {
    rel: {
      kind: 'paste',
      left: side(s, 'left'),
      right: maxout > 0 ? { kind: 'take', input: right, limit: maxout } : right,
      override,
      columns,
      raw,
    },
    scope: pasted
      ? s.scope
          .project(
            columns.map((x) => ({ name: x.name, type: x.type })),
            raw,
          )
          .withJoinedFields(col(pasted, 'any'), override, c.subsearch.span)
      : s.scope.project(
          columns.map((x) => ({ name: x.name, type: x.type })),
          raw,
        ),
  };
}
