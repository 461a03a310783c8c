// Lowers `join [type=inner|left] [max=N] <fields> [subsearch]`: the first N matching subsearch rows per result.

import type { JoinCommand, JoinComparison } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, Rel, ScalarType } from '../ir/types.ts';
import { call, col, lit, seriesColumn } from '../ir/types.ts';
import { patternReplacement, plannerColumnPrefix, Scope } from './scope.ts';
import { matchingFields } from './runtime-fields.ts';
import { toMv, toNumber, toStr } from './coerce.ts';
import { truthy, writeExtractedFields } from './helpers.ts';
import type { State } from './index.ts';
import { withoutSeries } from './pivot.ts';

/** Splunk's cap on the rows of a join's subsearch. */
export const joinMaxRows = 50_000;

/**
 * Splunk's `join`: for each result, the first row of the subsearch (newest first for events) with equal
 * values of the join fields (case-sensitive) — or its first `max` such rows, each giving a result (`max=0`:
 * all of them); `type=inner` (the default) drops results without a match. `usetime=true`: only subsearch
 * rows at or before the result's time (`earlier=true`, the default) or at or after it, to the second.
 * Fields of the subsearch overwrite same-named fields of a matched result unless `overwrite=false`.
 */
export function join(c: JoinCommand, input: State, subsearch: State, errors: Diagnostic[]): State {
  // Fields extracted from the events' text (or renamed by a wildcard) are written into their JSON first: the
  // joined event's `_raw` replaces the event's own, and the extracted fields are the event's, not the text's.
  const s = (input.scope.raw && input.scope.namesExtracted && writeExtractedFields(input)) || input;
  let sub = subsearch;
  // Series (names known only when the search runs) join as their maps: merged where a row matched. Series
  // of different value types (numbers on one side, text on the other) cannot share one map.
  const seriesTypes = new Set([s.scope.seriesType, sub.scope.seriesType].filter((t) => t !== undefined));
  if (seriesTypes.size > 1 && !withoutSeries(c.name, [s, sub], errors)) return s;
  if (s.scope.raw && sub.scope.seriesType !== undefined && !withoutSeries(c.name, [sub], errors)) return s;
  let type: 'inner' | 'left' = 'inner';
  let overwrite = true;
  // Analysis checked it is a whole number; 0 = every match.
  let max = 1;
  let usetime = false;
  let earlier = true;
  for (const o of c.options) {
    const k = o.key.name.toLowerCase();
    const v = o.value.text.toLowerCase();
    if (k === 'type') type = v === 'left' || v === 'outer' ? 'left' : 'inner';
    else if (k === 'overwrite') overwrite = truthy(v);
    else if (k === 'max') max = Number(v);
    else if (k === 'usetime') usetime = truthy(v);
    else if (k === 'earlier') earlier = truthy(v);
    // An alias without `where` is ignored (Search Reference, join: "or the alias is ignored").
    else if (!['maxtime', 'timeout', 'extendtimerange', 'left', 'right'].includes(k)) {
      errors.push(diagnostic('unsupported', `\`join ${o.key.name}=\` is not supported yet`, o.span));
    }
  }
  // A subsearch of events: their structured fields, known only when the search runs, ride along as one
  // JSON column; a field read later by name looks there first (see Scope.withJoinedFields).
  let joined: { name: string; sub: State } | undefined;
  if (sub.scope.raw) {
    if (!s.scope.raw) {
      errors.push(
        diagnostic(
          'unsupported',
          'a `join` subsearch that returns raw events, after a command that made the results, is not supported yet',
          c.subsearch?.span ?? c.span,
          ['end the subsearch with `table`, `fields`, or `stats` so the joined fields are known'],
        ),
      );
      return s;
    }
    const name = `${plannerColumnPrefix}join_${c.span.start}`;
    const json = call('fields_json', [], 'any', c.subsearch?.span ?? c.span);
    joined = {
      name,
      sub: { rel: { kind: 'compute', input: sub.rel, name, expr: json }, scope: sub.scope.with(name, 'any') },
    };
    sub = joined.sub;
  }
  const usetimeOption = c.options.find((o) => o.key.name.toLowerCase() === 'usetime');
  if (usetime && [s, sub].some((x) => x.scope.columns.find((col) => col.name === '_time')?.type !== 'time')) {
    errors.push(
      diagnostic(
        'semantic',
        '`join usetime=true` compares the `_time` of the results and of the subsearch: both need one',
        usetimeOption?.span ?? c.span,
      ),
    );
    return s;
  }
  const keys = c.fields.map((f) => f.pattern);
  if (keys.length === 0 || keys.some((k) => k.includes('*'))) {
    errors.push(diagnostic('unsupported', '`join` needs the join fields listed by name', c.name.span));
    return s;
  }
  const rightNames = sub.scope.columns.map((col) => col.name);
  const leftNames = s.scope.columns.map((col) => col.name);
  const typeOf = (e: Expr): ScalarType => (e.type === 'null' ? 'any' : e.type);
  // Join keys compare as text when the two sides type them differently.
  const keyType = (k: string): ScalarType => {
    const a = typeOf(s.scope.resolve(k));
    const b = typeOf(sub.scope.resolve(k));
    return a === b ? a : 'string';
  };
  const names = [...new Set([...keys, ...leftNames, ...rightNames])];
  const columns = names.map((name) => {
    const inLeft = keys.includes(name) || leftNames.includes(name) || (s.scope.raw && name !== joined?.name);
    const inRight = rightNames.includes(name);
    const from: 'left' | 'right' | 'both' = inLeft && inRight ? 'both' : inRight ? 'right' : 'left';
    const left = typeOf(s.scope.resolve(name));
    const right = typeOf(sub.scope.resolve(name));
    // An event's own field of the same name (text, if it exists at all) takes the subsearch's type.
    const leftIsEventField = !keys.includes(name) && !leftNames.includes(name);
    const type: ScalarType = keys.includes(name)
      ? keyType(name)
      : from === 'right' || (from === 'both' && leftIsEventField)
        ? right
        : from === 'left' || left === right
          ? left
          : 'string';
    return { name, type, from };
  });
  const typeFor = new Map(columns.map((c) => [c.name, c.type]));
  const side = (state: State, sideNames: readonly string[], keepRaw: boolean): Rel => ({
    kind: 'project',
    input: state.rel,
    columns: [...new Set([...keys, ...sideNames])].map((name) => {
      const e = state.scope.resolve(name);
      const want = typeFor.get(name);
      const expr =
        want === 'string' && e.type !== 'string'
          ? toStr(e)
          : want === 'number' && e.type !== 'number'
            ? toNumber(e)
            : want === 'mv' && e.type !== 'mv'
              ? toMv(e)
              : e;
      return { name, expr };
    }),
    keepRaw,
  });
  const right: Rel = { kind: 'take', input: side(sub, rightNames, false), limit: joinMaxRows };
  const raw = s.scope.raw;
  return {
    rel: {
      kind: 'join',
      left: side(
        s,
        [...new Set([...leftNames, ...rightNames.filter((n) => raw && n !== joined?.name)])],
        raw,
      ),
      right,
      keys,
      type,
      ...(max === 1 ? {} : { max }),
      ...(usetime ? { time: { earlier } } : {}),
      overwrite,
      columns,
      raw,
    },
    scope: joined
      ? s.scope
          .project(
            columns.map((c) => ({ name: c.name, type: c.type })),
            raw,
          )
          .withJoinedFields(col(joined.name, 'any'), overwrite, c.subsearch?.span ?? c.span)
      : s.scope.project(
          columns.map((c) => ({ name: c.name, type: c.type })),
          raw,
        ),
  };
}

/** A comparison seen from the other side: `R.t>L.t` is `L.t<R.t`. */
const flipped: Readonly<Record<JoinComparison, JoinComparison>> = {
  '=': '=',
  '!=': '!=',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
};

/**
 * Splunk's alias form `join [type=…] [max=N] left=L right=R where L.a=R.b [AND …] [subsearch]`: a result
 * matches a subsearch row when every condition's fields are equal (case-sensitive; as text when the two
 * sides type them differently), as the field-list form matches them, and every other comparison (`L.t<R.t`,
 * `!=`, `<=`, `>`, `>=`) holds. Every field of each side comes out
 * named with its alias (`L.a`, `R.b`), so no name is shared and nothing is overwritten; `type` and `max`
 * work as in the field-list form. Both sides need known fields (raw events' names are known only when the
 * search runs).
 */
export function joinAliased(c: JoinCommand, s: State, sub: State, errors: Diagnostic[]): State {
  const at = c.where ?? c.span;
  const option = (k: string): string | undefined =>
    c.options.find((o) => o.key.name.toLowerCase() === k)?.value.text;
  const leftAlias = option('left');
  const rightAlias = option('right');
  if (leftAlias === undefined || rightAlias === undefined || leftAlias === rightAlias) {
    errors.push(
      diagnostic(
        'semantic',
        '`join … where` needs two different aliases, `left=<left-alias> right=<right-alias>`',
        at,
        ['for example `join left=L right=R where L.pid=R.pid [ … ]`'],
      ),
    );
    return s;
  }
  if (c.fields.length > 0) {
    errors.push(
      diagnostic(
        'semantic',
        '`join` takes either a field list or `where` conditions, not both',
        c.fields[0]?.span ?? at,
      ),
    );
    return s;
  }
  if (c.notCondition || !c.conditions?.length) {
    errors.push(
      diagnostic(
        'unsupported',
        `\`join … where\` supports comparisons \`${leftAlias}.<field>=${rightAlias}.<field>\` (also \`!=\`, \`<\`, \`<=\`, \`>\`, \`>=\`) joined with \`AND\` only so far`,
        c.notCondition ?? at,
      ),
    );
    return s;
  }
  // Each condition as (left field, right field), written either way round.
  const split = (name: string): [string, string] | undefined => {
    const dot = name.indexOf('.');
    return dot > 0 && dot < name.length - 1 ? [name.slice(0, dot), name.slice(dot + 1)] : undefined;
  };
  const pairs: { left: string; right: string; op: JoinComparison }[] = [];
  for (const cond of c.conditions) {
    const a = split(cond.a.name);
    const b = split(cond.b.name);
    // Written the other way round, the comparison turns (`R.t>L.t` is `L.t<R.t`).
    const pair =
      a?.[0] === leftAlias && b?.[0] === rightAlias
        ? { left: a[1], right: b[1], op: cond.op }
        : a?.[0] === rightAlias && b?.[0] === leftAlias
          ? { left: b[1], right: a[1], op: flipped[cond.op] }
          : undefined;
    if (!pair) {
      errors.push(
        diagnostic(
          'semantic',
          `each \`join\` condition compares a field of \`${leftAlias}\` with one of \`${rightAlias}\`: \`${leftAlias}.<field>=${rightAlias}.<field>\``,
          cond.span,
        ),
      );
      return s;
    }
    pairs.push(pair);
  }
  if ([s, sub].some((x) => x.scope.seriesType !== undefined)) {
    errors.push(
      diagnostic(
        'unsupported',
        '`join … where` over series (whose names are known only when the search runs) is not supported yet',
        at,
        ['end the search and the subsearch with `table` or `stats`, so the fields are known'],
      ),
    );
    return s;
  }
  let type: 'inner' | 'left' = 'inner';
  let max = 1;
  for (const o of c.options) {
    const k = o.key.name.toLowerCase();
    const v = o.value.text.toLowerCase();
    if (k === 'type') type = v === 'left' || v === 'outer' ? 'left' : 'inner';
    else if (k === 'max') max = Number(v);
    else if (k === 'usetime' && truthy(v))
      errors.push(diagnostic('unsupported', '`join usetime=true` with aliases is not supported yet', o.span));
    else if (
      !['left', 'right', 'overwrite', 'usetime', 'earlier', 'maxtime', 'timeout', 'extendtimerange'].includes(
        k,
      )
    )
      errors.push(diagnostic('unsupported', `\`join ${o.key.name}=\` is not supported yet`, o.span));
  }
  const typeOf = (e: Expr): ScalarType => (e.type === 'null' ? 'any' : e.type);
  // The keys under hidden names on both sides, of one type (text when the sides differ); the other
  // comparisons' fields likewise. Without an equality every row of each side meets every row of the other
  // (one constant key): the subsearch's rows are at most join's limit.
  const hidden = pairs.map((p, i) => {
    const l = s.scope.resolve(p.left);
    const r = sub.scope.resolve(p.right);
    const same = typeOf(l) === typeOf(r);
    // Numbers with numbers and times with times compare as they are.
    const numeric = ['number', 'time'].some((t) => l.type === t && r.type === t);
    return {
      name: `${plannerColumnPrefix}join_key${i}`,
      op: p.op,
      numeric,
      left: same ? l : toStr(l),
      right: same ? r : toStr(r),
    };
  });
  const equal = hidden.filter((k) => k.op === '=');
  const keys =
    equal.length > 0 ? equal : [{ name: `${plannerColumnPrefix}join_all`, left: lit(0), right: lit(0) }];
  const compare = hidden.flatMap((k) =>
    k.op === '=' ? [] : [{ name: k.name, op: k.op, numeric: k.numeric }],
  );
  const compared = hidden.filter((k) => k.op !== '=');
  // The known fields, and over raw events the virtual ones (`tag`, field aliases, calculated fields), read
  // by name.
  const namesOf = (state: State): string[] => {
    const known = state.scope.fields.map((f) => f.name);
    return state.scope.raw ? [...new Set([...known, ...state.scope.virtualNames])] : known;
  };
  const prefixed = (state: State, alias: string) =>
    namesOf(state).map((name) => {
      const expr = state.scope.resolve(name);
      return { name: `${alias}.${name}`, type: typeOf(expr), expr };
    });
  // Raw events' structured fields, named only when the search runs: a map of `<alias>.<name>` → values,
  // the series of the joined rows (each side's, merged where a row matched).
  const runtime = (state: State, alias: string): Expr | null | undefined =>
    state.scope.raw
      ? matchingFields(state.scope, '*', patternReplacement(`${alias}.*`), namesOf(state), [], at, (why) => {
          errors.push(diagnostic('unsupported', `\`join … where\` over raw events ${why}`, at));
          return undefined;
        })
      : null;
  const leftMap = runtime(s, leftAlias);
  const rightMap = runtime(sub, rightAlias);
  if (leftMap === undefined || rightMap === undefined) return s;
  const leftCols = prefixed(s, leftAlias);
  const rightCols = prefixed(sub, rightAlias);
  const side = (
    cols: typeof leftCols,
    keyOf: (k: (typeof keys)[number]) => Expr,
    state: State,
    map: Expr | null,
  ): Rel => ({
    kind: 'project',
    input: state.rel,
    columns: [
      ...[...keys, ...compared].map((k) => ({ name: k.name, expr: keyOf(k) })),
      ...cols.map((x) => ({ name: x.name, expr: x.expr })),
      ...(map ? [{ name: seriesColumn, expr: map }] : []),
    ],
    keepRaw: false,
  });
  const series: 'left' | 'right' | 'both' | undefined =
    leftMap && rightMap ? 'both' : leftMap ? 'left' : rightMap ? 'right' : undefined;
  const columns = [
    ...leftCols.map((x) => ({ name: x.name, type: x.type, from: 'left' as const })),
    ...rightCols.map((x) => ({ name: x.name, type: x.type, from: 'right' as const })),
    ...(series ? [{ name: seriesColumn, type: 'mv' as const, from: series }] : []),
  ];
  const right: Rel = {
    kind: 'take',
    input: side(rightCols, (k) => k.right, sub, rightMap),
    limit: joinMaxRows,
  };
  const known = [...leftCols, ...rightCols].map((x) => ({ name: x.name, type: x.type }));
  return {
    rel: {
      kind: 'join',
      left: side(leftCols, (k) => k.left, s, leftMap),
      right,
      keys: keys.map((k) => k.name),
      type,
      ...(max === 1 ? {} : { max }),
      ...(compare.length > 0 ? { compare } : {}),
      overwrite: true,
      columns,
      raw: false,
    },
    scope: series ? Scope.series(known, 'mv') : Scope.closed(known),
  };
}
