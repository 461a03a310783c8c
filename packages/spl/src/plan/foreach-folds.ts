// foreach's folds: where the names or values a template runs over are known only when the search runs
// (series, raw events' fields, a multivalue field's values), the template becomes one fold over them.

import type { Command, EvalAssignment, FieldPattern, ForeachCommand } from '../ast.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, Rel, ScalarType } from '../ir/types.ts';
import { call, col, lit, seriesColumn, seriesEntryColumn } from '../ir/types.ts';
import { parse } from '../parser/index.ts';
import { lowerEval } from './eval.ts';
import { toNumber, toStr } from './coerce.ts';
import type { ExprContext } from './coerce.ts';
import type { State } from './index.ts';
import { patternRegex } from './pivot.ts';
import { finish } from './streaming.ts';
import { fieldPatternRegExp, plannerColumnPrefix } from './scope.ts';
import { writeEveryField } from './helpers.ts';

/** What `<<FIELD>>` reads inside the series map: an entry's value (the variable of `map_apply`). */
const foreachValue = seriesEntryColumn;

export interface Templates {
  field: string;
  matchstr: string;
  segments: [string, string, string];
  item: string;
  iter: string;
}

/** `foreach mode=`: `multifield` (the default), or the values of one field. */
export type Mode = 'multifield' | 'multivalue' | 'json_array' | 'auto_collections';

/**
 * The commands of a filled-in subsearch, parsed at the subsearch's place so positions stay near what the
 * user wrote; undefined after a syntax error.
 */
export function parseAt(filled: string, body: Span, errors: Diagnostic[]): readonly Command[] | undefined {
  const parsed = parse(`${' '.repeat(Math.max(0, body.start - 1))}|${filled}`);
  if (!parsed.ast || parsed.errors.length > 0) {
    errors.push(...parsed.errors.map((d) => within(d, body)));
    return undefined;
  }
  // A field's name is text in the subsearch: it must not turn it into other commands.
  const other = parsed.ast.commands.find((x) => x.kind !== 'eval');
  if (other) {
    errors.push(
      diagnostic('unsupported', '`foreach` supports only `eval` in its subsearch so far', body, [
        'a field name with `|` or `[` changed the subsearch',
      ]),
    );
    return undefined;
  }
  return parsed.ast.commands;
}

/** `d` with its span inside `body` (a placeholder's value may be longer than the placeholder). */
export function within(d: Diagnostic, body: Span): Diagnostic {
  const clamp = (n: number): number => Math.min(Math.max(n, body.start), body.end);
  return { ...d, span: { start: clamp(d.span.start), end: clamp(d.span.end) } };
}

/**
 * The series the wildcards reach: each assignment `<<FIELD>> = <expr of <<FIELD>>>` becomes one update of
 * the matching entries of the series map.
 */
export function eachSeries(
  c: ForeachCommand,
  s: State,
  template: string,
  t: Templates,
  patterns: readonly string[],
  ctx: (s: State, errors: Diagnostic[]) => ExprContext,
  errors: Diagnostic[],
): State {
  const body = c.subsearch.pipeline.span;
  const type = s.scope.seriesType;
  if (type === undefined) return s;
  const unsupported = (why: string, hints: string[] = []): State => {
    errors.push(
      diagnostic(
        'unsupported',
        `\`foreach\` over the series of a split-by (their names are known only when the search runs) ${why}`,
        c.subsearch.span,
        hints,
      ),
    );
    return s;
  };
  const commands = parseAt(template.split(t.field).join(foreachValue), body, errors);
  if (!commands) return s;
  const assigned = commands.flatMap((x) => (x.kind === 'eval' ? x.assignments : []));
  const names = [t.matchstr, ...t.segments].some((x) => template.includes(x));
  // Only fields other than the series assigned (a row total `total=total + '<<FIELD>>'`): a fold too.
  const others = assigned.length > 0 && assigned.every((a) => !a.target.name.includes(foreachValue));
  if (names || others) {
    // Each series read by its name, or one made from what the wildcard matched: one fold over the series.
    let state = s;
    for (const p of patterns) {
      const next = foldSeries(p, state, template, t, body, ctx, unsupported, errors);
      if (!next) return s;
      state = next;
    }
    return state;
  }
  // A known field the patterns do not reach is the same for every series: the update may read it.
  const reached = (name: string): boolean => patterns.some((p) => fieldPatternRegExp(p).test(name));
  const readable = (name: string): boolean =>
    name === foreachValue || (name !== seriesColumn && s.scope.has(name) && !reached(name));
  let state = s;
  for (const command of commands) {
    if (command.kind !== 'eval') return s;
    for (const a of command.assignments) {
      if (a.target.name !== foreachValue) return unsupported(`may only assign \`${t.field}\` so far`);
      const scope = state.scope.with(foreachValue, type);
      const found: Diagnostic[] = [];
      const expr = lowerEval(a.expr, { ...ctx(state, found), scope });
      errors.push(...found.map((d) => within(d, body)));
      if (readsOtherFields(expr, readable))
        return unsupported(`may only read \`${t.field}\` and fields the wildcard does not reach so far`);
      // Multivalue series (`values()`, `list()`) take any value, a single one as a list of one.
      const ok =
        expr.type === 'null' ||
        type === 'mv' ||
        (type === 'number' ? expr.type === 'number' : expr.type !== 'mv');
      if (!ok)
        return unsupported(`must give ${type === 'number' ? 'a number' : 'one value'} for each series`);
      const value = type === 'mv' && expr.type !== 'mv' ? call('to_mv', [expr], 'mv') : expr;
      state = {
        rel: {
          kind: 'compute',
          input: state.rel,
          name: seriesColumn,
          expr: call(
            'map_apply',
            [col(seriesColumn, type), value, ...patterns.map((p) => lit(patternRegex(p)))],
            type,
          ),
        },
        scope: state.scope,
      };
    }
  }
  return state;
}

/** Stand for `<<FIELD>>`, `<<MATCHSTR>>` and `<<MATCHSEGn>>` while the template is parsed (planner names). */
const FIELD = `${plannerColumnPrefix}field__`;
const MATCH = `${plannerColumnPrefix}matchstr__`;
const SEGMENTS = [1, 2, 3].map((n) => `${plannerColumnPrefix}matchseg${n}__`);

/**
 * The `eval` assignments of a filled-in template, in order (each run sees those before it, as `eval` does),
 * or undefined: after a syntax error, or after `none` (the template assigns nothing).
 */
function assignmentsOf(
  filled: string,
  body: Span,
  errors: Diagnostic[],
  none: () => undefined,
): readonly EvalAssignment[] | undefined {
  const commands = parseAt(filled, body, errors);
  if (!commands) return undefined;
  const assignments = commands.flatMap((x) => (x.kind === 'eval' ? x.assignments : []));
  return assignments.length === 0 ? none() : assignments;
}

/** The template with `<<FIELD>>`, `<<MATCHSTR>>` and `<<MATCHSEGn>>` as their stand-ins' names. */
function fillNames(template: string, t: Templates): string {
  let filled = template.split(t.field).join(FIELD).split(t.matchstr).join(MATCH);
  t.segments.forEach((seg, i) => {
    filled = filled.split(seg).join(SEGMENTS[i] ?? '');
  });
  return filled;
}

/**
 * What the stand-ins are in a fold over names (the fold's value, a name `pattern` matches, `re` its regex):
 * `<<FIELD>>` the name, `<<MATCHSEGn>>` what the n-th wildcard matched, `<<MATCHSTR>>` the name from the first
 * wildcard's match to the last's.
 */
function placeholderValues(pattern: string, re: string): Record<string, Expr> {
  const stars = pattern.split('*').length - 1;
  const name = col(foreachValue, 'string');
  const group = (to: string): Expr => call('replace', [name, lit(re), lit(to)], 'string');
  const segments = Object.fromEntries(SEGMENTS.map((x, i) => [x, i < stars ? group(`\\${i + 1}`) : lit('')]));
  // The pattern without its text before the first `*` and after the last, each `*` its match.
  const middle = pattern.split('*').slice(1, -1);
  const between = middle.reduce((acc, x, i) => `${acc}\\${i + 1}${x.replace(/\\/g, '\\\\')}`, '');
  const matchstr = stars === 0 ? lit('') : group(`${between}\\${stars}`);
  return { [FIELD]: name, [MATCH]: matchstr, ...segments };
}

/**
 * `foreach stdev_* [eval anomalies=if('<<MATCHSTR>>' > 'avg_<<MATCHSTR>>' + 3*'<<FIELD>>', anomalies +
 * "<<MATCHSTR>> ", anomalies)]` over series (ESCU's Kubernetes anomaly searches): the names are known only
 * when the search runs, so the subsearch becomes one fold over the matching series in name order, with
 * `<<FIELD>>` the series' name, `<<MATCHSTR>>` what the wildcards matched (from the first to the last) and
 * `<<MATCHSEGn>>` what the n-th matched — in a field name they read the series of that name, in a text they
 * are the text. Assignments (in order) to fields other than series (`anomalies`), read as their values so far.
 * Undefined after a diagnostic.
 */
function foldSeries(
  pattern: string,
  s: State,
  template: string,
  t: Templates,
  body: Span,
  ctx: (s: State, errors: Diagnostic[]) => ExprContext,
  unsupported: (why: string) => State,
  errors: Diagnostic[],
): State | undefined {
  const fail = (why: string): undefined => {
    unsupported(why);
    return undefined;
  };
  const assignments = assignmentsOf(fillNames(template, t), body, errors, () => fail('must assign a field'));
  if (!assignments) return undefined;
  const assignsSeries = (target: string): boolean =>
    [FIELD, MATCH, ...SEGMENTS].some((x) => target.includes(x)) || target === seriesColumn;
  if (assignments.some((a) => assignsSeries(a.target.name)))
    return fail('cannot assign a series in a fold over them yet (one that also sets other fields)');
  const re = fieldPatternRegExp(pattern).source;
  const by = placeholderValues(pattern, re);
  const seriesType = s.scope.seriesType ?? 'any';
  const names = call('map_keys_matching', [col(seriesColumn, seriesType), lit(re), lit('\\0')], 'mv');
  return foldAssignments(s, assignments, names, { ctx, body, errors, rewrite: (e) => substitute(e, by) });
}

/** What a fold needs besides its assignments and list. */
interface FoldContext {
  readonly ctx: (s: State, errors: Diagnostic[]) => ExprContext;
  readonly body: Span;
  readonly errors: Diagnostic[];
  /** Makes a lowered step final (the stand-ins replaced). */
  readonly rewrite: (e: Expr) => Expr;
  readonly extend?: (scope: State['scope']) => State['scope'];
}

/**
 * The fields the `assignments` set, as one fold over `list`: each field's value before the fold, then for
 * each element the assignments in order, each over `extend(scope)` and made final by `rewrite`; an
 * assignment reads the fields set before it in the same run with their new values, the others with those of
 * the run before. One assignment folds its field alone; several fold a tuple of them. Each field's type
 * comes from a first lowering of its step (see {@link foldType}).
 */
function foldAssignments(
  s: State,
  assignments: readonly EvalAssignment[],
  list: Expr,
  fold: FoldContext,
  span?: Span,
): State {
  const targets = [...new Set(assignments.map((a) => a.target.name))];
  const starts = targets.map((t) => {
    const a = assignments.find((x) => x.target.name === t);
    return s.scope.resolve(t, a?.target.span);
  });
  const lowerSteps = (types: readonly ScalarType[]): Expr[] => {
    let scope = fold.extend ? fold.extend(s.scope) : s.scope;
    targets.forEach((t, i) => {
      scope = scope.with(t, types[i] ?? 'any');
    });
    return assignments.map((a) => {
      const found: Diagnostic[] = [];
      const e = lowerEval(a.expr, { ...fold.ctx(s, found), scope });
      fold.errors.push(...found.map((d) => within(d, fold.body)));
      return fold.rewrite(e);
    });
  };
  // Each field's type: that of its last assignment's step, lowered with the types the fields start with.
  const probe = lowerSteps(starts.map((x) => (x.type === 'null' ? 'any' : x.type)));
  const types = targets.map((t) => {
    const i = assignments.map((a) => a.target.name).lastIndexOf(t);
    return foldType(probe[i] ?? lit(null));
  });
  const steps = lowerSteps(types);
  const [only] = assignments;
  const [type = 'string'] = types;
  if (assignments.length === 1 && only) {
    const target = only.target.name;
    const step = castTo(type, steps[0] ?? lit(null));
    const expr = call('fold', [list, castTo(type, starts[0] ?? lit(null)), step, lit(target)], type, span);
    return { rel: { kind: 'compute', input: s.rel, name: target, expr }, scope: s.scope.with(target, type) };
  }
  // Several: the fields' values so far are the accumulator's places; a step reads a field set earlier in
  // the same run as that assignment's step.
  const acc = `${plannerColumnPrefix}foreach_acc`;
  const place = (t: string): number => targets.indexOf(t);
  const current: (Expr | undefined)[] = targets.map(() => undefined);
  const final: Expr[] = targets.map((t, i) => call('fold_acc', [lit(acc), lit(i + 1)], types[i] ?? 'string'));
  assignments.forEach((a, n) => {
    const i = place(a.target.name);
    const step = replaceColumns(steps[n] ?? lit(null), (name) => {
      const j = place(name);
      return j < 0 ? undefined : (current[j] ?? final[j]);
    });
    current[i] = castTo(types[i] ?? 'string', step);
  });
  const tuple = call(
    'fold_many',
    [
      list,
      ...targets.map((_, i) => castTo(types[i] ?? 'string', starts[i] ?? lit(null))),
      ...targets.map((_, i) => current[i] ?? final[i] ?? lit(null)),
      ...types.map((x) => lit(x)),
      lit(targets.length),
      lit(acc),
    ],
    'any',
    span,
  );
  const folded = `${plannerColumnPrefix}foreach_fold`;
  let rel: Rel = { kind: 'compute', input: s.rel, name: folded, expr: tuple };
  // The tuple is no field: read by its name, left out of the scope, and dropped at the end.
  let scope = s.scope;
  targets.forEach((t, i) => {
    const type_ = types[i] ?? 'string';
    rel = {
      kind: 'compute',
      input: rel,
      name: t,
      expr: call('fold_get', [col(folded, 'any'), lit(i + 1)], type_),
    };
    scope = scope.with(t, type_);
  });
  return finish(rel, scope, s.scope);
}

/** `e` with each column `by` gives a replacement for replaced (texts and other names left as they are). */
function replaceColumns(e: Expr, by: (name: string) => Expr | undefined): Expr {
  switch (e.kind) {
    case 'column':
      return by(e.name) ?? e;
    case 'call':
      return { ...e, args: e.args.map((x) => replaceColumns(x, by)) };
    default:
      return e;
  }
}

/** The type a fold over fields carries: a list, a number, or else text (from its step's type). */
function foldType(step: Expr): ScalarType {
  return step.type === 'mv' ? 'mv' : step.type === 'number' ? 'number' : 'string';
}

/** `e` as a fold's value of `type` (see {@link foldType}). */
function castTo(type: ScalarType, e: Expr): Expr {
  if (type === 'mv') return e.type === 'mv' ? e : call('to_mv', [e], 'mv');
  return type === 'number' ? toNumber(e) : toStr(e);
}

/**
 * A wildcard over raw events: the names of their structured fields are known only when the search runs,
 * so the subsearch becomes one fold over the event's fields whose names match, in name order (Splunk's
 * order). Its assignments (in order) set fields other than `<<FIELD>>`, each reading the field's value as
 * `<<FIELD>>` (or `'<<FIELD>>'`) and the assigned field's value so far: `foreach a* [eval all=mvappend(all,
 * '<<FIELD>>')]`. Undefined after a diagnostic.
 */
export function eachStructured(
  p: FieldPattern,
  input: State,
  template: string,
  t: Templates,
  body: Span,
  ctx: (s: State, errors: Diagnostic[]) => ExprContext,
  errors: Diagnostic[],
): State | undefined {
  const unsupported = (why: string, hints: string[] = []): undefined => {
    errors.push(
      diagnostic(
        'unsupported',
        `\`foreach ${p.pattern}\` over raw events (the names of their fields are known only when the search runs) ${why}`,
        p.span,
        [
          ...hints,
          'or list the fields by name, or use `table`, `fields` or `stats` first so the fields are known',
        ],
      ),
    );
    return undefined;
  };
  const re = fieldPatternRegExp(p.pattern);
  // Fields removed, renamed by a wildcard, extracted, filled, merged or replaced before: written into the
  // events' JSON first, which the fold then reads as it is.
  const s = writeEveryField(input) ?? input;
  const changes = s.scope.structuredChanges();
  if (
    changes.dropped.length > 0 ||
    changes.droppedPatterns.length > 0 ||
    changes.renamed ||
    s.scope.extractions.length > 0 ||
    s.scope.fills.length > 0
  )
    return unsupported(
      'cannot follow earlier `fields -`, wildcard `rename`, `spath`, `xmlkv` or `fillnull` yet',
    );
  // Known fields the pattern reaches ran as text before (foreach); a structured field of the same name is
  // hidden by them.
  const known = s.scope.fields.map((f) => f.name).filter((n) => re.test(n));
  const placeholders = [t.matchstr, ...t.segments].some((x) => template.includes(x));
  if (placeholders || known.length > 0)
    return foldNamed(p, s, template, t, body, known, ctx, unsupported, errors);
  const assignments = assignmentsOf(template.split(t.field).join(foreachValue), body, errors, () =>
    unsupported('must assign a field'),
  );
  if (!assignments) return undefined;
  if (assignments.some((a) => a.target.name === foreachValue))
    return unsupported(`cannot assign \`${t.field}\` yet`);
  // A step that writes the field's name into a text needs the names: the fold over them.
  let scope = s.scope.with(foreachValue, 'any');
  for (const a of assignments) {
    const start = s.scope.resolve(a.target.name, a.target.span);
    scope = scope.with(a.target.name, start.type === 'null' ? 'any' : start.type);
  }
  const named = assignments.some((a) => mentionsName(lowerEval(a.expr, { ...ctx(s, []), scope })));
  if (named) return foldNamed(p, s, template, t, body, known, ctx, unsupported, errors);
  const values = call('field_values', [lit(re.source)], 'mv', p.span);
  return foldAssignments(
    s,
    assignments,
    values,
    { ctx, body, errors, rewrite: (e) => e, extend: (sc) => sc.with(foreachValue, 'any') },
    p.span,
  );
}

/**
 * A wildcard over raw events whose template uses the names (`<<MATCHSTR>>`, `<<MATCHSEGn>>`, `<<FIELD>>` in a
 * text), or that also reaches known fields: one fold over the names of the event's structured fields that
 * match (in name order; those of known fields left out), with `<<FIELD>>` the name and the placeholders
 * what the wildcards matched — in a field name they read the event's field of that name (its first value),
 * in a text they are the text. Assignments (in order) to fields other than `<<FIELD>>`. Undefined after a
 * diagnostic.
 */
function foldNamed(
  p: FieldPattern,
  s: State,
  template: string,
  t: Templates,
  body: Span,
  known: readonly string[],
  ctx: (s: State, errors: Diagnostic[]) => ExprContext,
  unsupported: (why: string) => undefined,
  errors: Diagnostic[],
): State | undefined {
  const assignments = assignmentsOf(fillNames(template, t), body, errors, () =>
    unsupported('must assign a field'),
  );
  if (!assignments) return undefined;
  if (assignments.some((a) => [FIELD, MATCH, ...SEGMENTS].some((x) => a.target.name.includes(x))))
    return unsupported(`cannot assign \`${t.field}\` yet`);
  const re = fieldPatternRegExp(p.pattern);
  const internal = p.pattern.startsWith('_');
  const matching = call(
    'fields_matching',
    [lit(re.source), lit('\\0'), lit(JSON.stringify(known)), lit('[]'), lit(internal)],
    'mv',
    p.span,
  );
  const all = call(
    'fields_matching',
    [lit('^(.*)$'), lit('\\0'), lit(JSON.stringify(known)), lit('[]'), lit(true)],
    'mv',
    p.span,
  );
  const by = placeholderValues(p.pattern, re.source);
  const read = (name: Expr): Expr => call('mv_first', [call('map_get', [all, name], 'mv')], 'string');
  const names = call('map_keys_matching', [matching, lit(re.source), lit('\\0')], 'mv', p.span);
  const rewrite = (e: Expr): Expr => substitute(e, by, read);
  return foldAssignments(s, assignments, names, { ctx, body, errors, rewrite }, p.span);
}

/** True when `e` has the placeholder's replacement inside a text (a field name used as a string). */
function mentionsName(e: Expr): boolean {
  switch (e.kind) {
    case 'literal':
      return typeof e.value === 'string' && e.value.includes(foreachValue);
    case 'call':
      return e.args.some(mentionsName);
    default:
      return false;
  }
}

/** True when `e` reads a column that is not `readable`, a structured field or a subsearch. */
function readsOtherFields(e: Expr, readable: (name: string) => boolean): boolean {
  switch (e.kind) {
    case 'column':
      return !readable(e.name);
    case 'field':
    case 'in-rel':
    case 'scalar':
      return true;
    case 'literal':
      return false;
    case 'call':
      return e.args.some((x) => readsOtherFields(x, readable));
  }
}

/** Stand for `<<ITEM>>` and `<<ITER>>` while the template is parsed: names the planner keeps for itself. */
const ITEM = `${plannerColumnPrefix}item__`;
const ITER = `${plannerColumnPrefix}iter__`;

/**
 * `foreach mode=multivalue <field> [eval …]`, `mode=json_array` and `mode=auto_collections` (Search
 * Reference, foreach: "Each value in a single multivalue field", "A single field representing a JSON array";
 * auto_collections: per event, a JSON array's elements where the field's one value is one, else its
 * values): the template runs once per
 * value of the field (the elements of its JSON array), in order, with `<<ITEM>>` the value and `<<ITER>>`
 * its place; each run sees what the runs before it set. The field's values are known only when the search
 * runs, so the template becomes one fold over them: `eval` assignments (in order), to fields other than the one
 * iterated, each read as its value so far. `<<ITEM>>` in a text is the value's text; as a name it is the value.
 * Undefined after a diagnostic.
 */
export function eachItem(
  c: ForeachCommand,
  mode: Exclude<Mode, 'multifield'>,
  s: State,
  template: string,
  t: Templates,
  ctx: (s: State, errors: Diagnostic[]) => ExprContext,
  errors: Diagnostic[],
): State {
  const body = c.subsearch.pipeline.span;
  const [f, second] = c.fields;
  if (!f || second || f.pattern.includes('*')) {
    errors.push(
      diagnostic('semantic', `\`foreach mode=${mode}\` iterates over the values of one field`, c.name.span, [
        `\`foreach mode=${mode} <field> [eval …]\``,
      ]),
    );
    return s;
  }
  const unsupported = (why: string): State => {
    errors.push(diagnostic('unsupported', `\`foreach mode=${mode}\` ${why}`, c.subsearch.span));
    return s;
  };
  const filled = template.split(t.item).join(ITEM).split(t.iter).join(ITER);
  let none = false;
  const assignments = assignmentsOf(filled, body, errors, () => {
    none = true;
    return undefined;
  });
  if (none) return unsupported('must assign a field');
  if (!assignments) return s;
  const iterated = (target: string): boolean => target === f.pattern || target === ITEM || target === ITER;
  if (assignments.some((a) => iterated(a.target.name)))
    return unsupported(`cannot assign the field it iterates over, \`${t.item}\` or \`${t.iter}\``);
  const field = s.scope.resolve(f.pattern, f.span);
  const list = field.type === 'mv' ? field : call('to_mv', [field], 'mv', f.span);
  const elements = (x: Expr): Expr => call('json_array_to_mv', [toStr(x), lit(false)], 'mv', f.span);
  // auto_collections: each event's own kind, a JSON array's elements where its one value is one, else the
  // values (a single value is one).
  const first = call('mv_first', [list], 'string', f.span);
  const isArray = call(
    'and',
    [
      call('eq', [call('mvcount', [list], 'number'), lit(1)], 'bool'),
      call('json_is', [first, lit('array')], 'bool'),
    ],
    'bool',
  );
  const values =
    mode === 'multivalue'
      ? list
      : mode === 'json_array'
        ? elements(field)
        : call('if', [isArray, elements(first), list], 'mv', f.span);
  // The fold runs over the places 0, 1, … (`<<ITER>>`); `<<ITEM>>` is the value at the place.
  const count = call('coalesce', [call('mvcount', [values], 'number'), lit(0)], 'number');
  const places = call('mvrange', [lit(0), count, lit(1)], 'mv', f.span);
  const iter = toNumber(col(foreachValue, 'string'));
  const item = call('mvindex', [values, iter], 'string', f.span);
  return foldAssignments(
    s,
    assignments,
    places,
    {
      ctx,
      body,
      errors,
      rewrite: (e) => substitute(e, { [ITEM]: item, [ITER]: iter }),
      extend: (scope) => scope.with(ITEM, 'any').with(ITER, 'number'),
    },
    c.span,
  );
}

/**
 * `e` with the columns `by` names replaced, each text holding such a name made with the value's text
 * (`"<<ITEM>>"`), and with `read`, each structured field whose name holds one read by the name it makes.
 */
function substitute(e: Expr, by: Readonly<Record<string, Expr>>, read?: (name: Expr) => Expr): Expr {
  switch (e.kind) {
    case 'column':
      return Object.hasOwn(by, e.name) ? (by[e.name] ?? e) : e;
    case 'field': {
      // A structured field named with the stand-ins: the event's field of the name they make.
      if (!read) return e;
      const name = substitute(lit(e.path, e.span), by);
      return name.kind === 'literal' ? e : read(name);
    }
    case 'literal': {
      const text = e.value;
      if (typeof text !== 'string') return e;
      const names = Object.keys(by).filter((n) => text.includes(n));
      if (names.length === 0) return e;
      const re = new RegExp(`(${names.join('|')})`);
      const parts = text
        .split(re)
        .filter((x) => x !== '')
        .map((x) => (Object.hasOwn(by, x) ? toStr(by[x] ?? lit(null)) : lit(x)));
      return parts.length === 1 && parts[0] ? parts[0] : call('concat', parts, 'string', e.span);
    }
    case 'call':
      return { ...e, args: e.args.map((x) => substitute(x, by, read)) };
    default:
      return e;
  }
}
