// `anomalousvalue`: finds the values that are unusual for their field — numeric values far from the field's
// mean (by the normal distribution), categorical values that are rare — and filters, annotates or summarises.

import { int, number } from '../analyse/options.ts';
import type { CommandOption } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, Rel, ScalarType } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { concatAll } from '../plan/append.ts';
import { toNumber, toStr } from '../plan/coerce.ts';
import { namedFields, optionText } from '../plan/helpers.ts';
import { normalTail } from '../plan/normal.ts';
import type { State } from '../plan/index.ts';
import { Scope } from '../plan/scope.ts';
import { fieldList, finish } from '../plan/streaming.ts';
import type { CommandModule } from './types.ts';

/** The Search Reference's defaults. */
const defaults = {
  pthresh: 0.01,
  minsupcount: 100,
  minsupfreq: 0.05,
  maxanofreq: 0.05,
  minnormfreq: 0.01,
} as const;

/** The most fields one `anomalousvalue` scores (each field's value frequencies are one window). */
const maxFields = 50;

type Settings = { -readonly [K in keyof typeof defaults]: number };

const num = (name: string): Expr => col(name, 'number');
const fn = (f: Parameters<typeof call>[0], args: readonly Expr[], type: ScalarType = 'number'): Expr =>
  call(f, args, type);
const bool = (f: Parameters<typeof call>[0], args: readonly Expr[]): Expr => call(f, args, 'bool');
const and = (...xs: Expr[]): Expr => xs.reduce((a, b) => bool('and', [a, b]));

/** The options, each checked: probabilities and frequencies from 0 to 1, `minsupcount` a whole number. */
function settings(options: readonly CommandOption[], errors: Diagnostic[]): Settings | undefined {
  const out: Settings = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof Settings)[]) {
    const o = options.find((x) => x.key.name.toLowerCase() === key);
    if (!o) continue;
    const n = Number(o.value.text);
    const ok = key === 'minsupcount' ? Number.isInteger(n) && n >= 0 : n >= 0 && n <= 1;
    if (!ok) {
      errors.push(
        diagnostic(
          'semantic',
          key === 'minsupcount'
            ? `\`minsupcount\` must be a whole number ≥ 0, found \`${o.value.text}\``
            : `\`${key}\` must be a number from 0 to 1, found \`${o.value.text}\``,
          o.value.span,
        ),
      );
      return undefined;
    }
    out[key] = n;
  }
  return out;
}

/** The helper columns of field `i`. */
const h = (i: number, what: string): string => `__av${String(i)}_${what}`;

/**
 * Per field `i`, columns on every row: `n` (results with the field), `num` (of them numeric), `mean`, `sd`,
 * `vn` (results with this row's value), `p` (the value's probability), `ano` (whether it is anomalous),
 * `anon` (anomalous results of the field), `use` (whether the field is considered) and `score`.
 */
function scored(s: State, names: readonly string[], o: Settings): Rel {
  const values = names.map((n) => s.scope.resolve(n));
  let rel: Rel = {
    kind: 'window',
    input: s.rel,
    partition: [],
    aggregates: [
      { name: '__av_total', fn: 'count', type: 'number' },
      ...values.flatMap((v, i) => [
        { name: h(i, 'n'), fn: 'count_field' as const, arg: v, type: 'number' as const },
        { name: h(i, 'num'), fn: 'count_field' as const, arg: toNumber(v), type: 'number' as const },
        { name: h(i, 'mean'), fn: 'avg' as const, arg: toNumber(v), type: 'number' as const },
        { name: h(i, 'sd'), fn: 'stdev' as const, arg: toNumber(v), type: 'number' as const },
      ]),
    ],
  };
  values.forEach((v, i) => {
    rel = {
      kind: 'window',
      input: rel,
      partition: [toStr(v)],
      aggregates: [{ name: h(i, 'vn'), fn: 'count_field', arg: v, type: 'number' }],
    };
  });
  // Each stage computes a column per field, all in one step (one SELECT) before the next stage reads them.
  const stage = (name: string, expr: (v: Expr, i: number) => Expr): void => {
    values.forEach((v, i) => {
      rel = { kind: 'compute', input: rel, name: h(i, name), expr: expr(v, i) };
    });
  };
  stage('p', (v, i) => {
    const isNum = bool('eq', [num(h(i, 'num')), num(h(i, 'n'))]);
    // Numeric: the two-sided tail of the normal distribution beyond the value's distance from the mean.
    const numeric = normalTail(toNumber(v), num(h(i, 'mean')), num(h(i, 'sd')));
    // Categorical: the share of the field's results that have this value.
    const categorical = fn('div', [num(h(i, 'vn')), num(h(i, 'n'))]);
    return fn('if', [isNum, numeric, categorical]);
  });
  stage('ano', (v, i) =>
    fn('if', [and(bool('isnotnull', [v]), bool('lt', [num(h(i, 'p')), lit(o.pthresh)])), lit(1), lit(0)]),
  );
  rel = {
    kind: 'window',
    input: rel,
    partition: [],
    aggregates: values.map((_, i) => ({
      name: h(i, 'anon'),
      fn: 'sum',
      arg: num(h(i, 'ano')),
      type: 'number',
    })),
  };
  stage('use', (_, i) => {
    const n = num(h(i, 'n'));
    const anoFreq = fn('div', [num(h(i, 'anon')), n]);
    return and(
      bool('gt', [n, lit(0)]),
      bool('ge', [n, lit(o.minsupcount)]),
      bool('ge', [fn('div', [n, num('__av_total')]), lit(o.minsupfreq)]),
      bool('le', [anoFreq, lit(o.maxanofreq)]),
      bool('ge', [fn('sub', [lit(1), anoFreq]), lit(o.minnormfreq)]),
    );
  });
  // The score: −log10 of the value's probability, only where the value is anomalous in a considered field.
  stage('score', (_, i) =>
    fn('if', [
      and(col(h(i, 'use'), 'bool'), bool('eq', [num(h(i, 'ano')), lit(1)])),
      fn('neg', [fn('log', [num(h(i, 'p')), lit(10)])]),
      lit(null),
    ]),
  );
  return rel;
}

/** The columns of `action=summary`, in order. */
const summaryColumns: readonly { name: string; type: ScalarType }[] = [
  { name: 'fieldname', type: 'string' },
  { name: 'count', type: 'number' },
  { name: 'distinct_count', type: 'number' },
  { name: 'mean', type: 'number' },
  { name: 'stdev', type: 'number' },
  { name: 'isNum', type: 'string' },
  { name: 'anoFreq%', type: 'number' },
  { name: 'supportFreq%', type: 'number' },
  { name: 'use', type: 'string' },
];

/** One summary row per field, each scored on its own (the fields do not depend on each other). */
function summary(s: State, names: readonly string[], o: Settings): State {
  const rows = names.map((name): State => {
    const i = 0;
    const rel = scored(s, [name], o);
    const first = (what: string, t: ScalarType = 'number') => ({
      name: what,
      fn: 'max' as const,
      arg: t === 'bool' ? fn('if', [col(h(i, what), 'bool'), lit(1), lit(0)]) : num(h(i, what)),
      type: 'number' as const,
    });
    const agg: Rel = {
      kind: 'aggregate',
      input: rel,
      groups: [],
      aggregates: [
        { name: 'n', fn: 'max', arg: num(h(i, 'n')), type: 'number' },
        { name: 'dc', fn: 'dc', arg: toStr(s.scope.resolve(name)), type: 'number' },
        first('mean'),
        first('sd'),
        first('num'),
        first('anon'),
        { name: 'total', fn: 'count', type: 'number' },
        first('use', 'bool'),
      ],
    };
    const yes = (e: Expr): Expr => fn('if', [e, lit('YES'), lit('NO')], 'string');
    const isNum = bool('eq', [num('num'), num('n')]);
    const exprs: Record<string, Expr> = {
      fieldname: lit(name),
      count: num('n'),
      distinct_count: num('dc'),
      mean: fn('if', [isNum, num('mean'), lit(null)]),
      stdev: fn('if', [isNum, num('sd'), lit(null)]),
      isNum: yes(isNum),
      'anoFreq%': fn('mul', [fn('div', [num('anon'), num('n')]), lit(100)]),
      'supportFreq%': fn('mul', [fn('div', [num('n'), num('total')]), lit(100)]),
      use: yes(bool('eq', [num('use'), lit(1)])),
    };
    return {
      rel: {
        kind: 'project',
        input: agg,
        columns: summaryColumns.map((c) => ({ name: c.name, expr: exprs[c.name] ?? lit(null) })),
        keepRaw: false,
      },
      scope: Scope.closed(summaryColumns),
    };
  });
  return concatAll(rows);
}

export const anomalousvalue: CommandModule<'generic'> = {
  name: 'anomalousvalue',
  kind: 'generic',
  status: 'partly',
  options: {
    placement: 'anywhere',
    options: {
      action: { type: 'enum', values: ['filter', 'annotate', 'summary'] },
      pthresh: number,
      minsupcount: int,
      maxanofreq: number,
      minsupfreq: number,
      minnormfreq: number,
    },
  },
  doc: {
    summary:
      'Finds values unusual for their field: numeric values by their normal-distribution probability, other values by their frequency; keeps the results that have one (`filter`), scores every result (`annotate`) or describes each field (`summary`).',
    syntax:
      'anomalousvalue [minsupcount=<int>] [maxanofreq=<num>] [minsupfreq=<num>] [minnormfreq=<num>] [action=filter|annotate|summary] [pthresh=<num>] [<field>…]',
    example: 'index=main | anomalousvalue action=annotate pthresh=0.02 minsupcount=10 bytes status',
    differences: [
      'The Search Reference gives no formulas. A field is numeric when all its values are numbers; a numeric value’s probability is erfc(|x − mean| / (stdev·√2)) with the sample standard deviation (1 when all values are equal), a categorical value’s is its count over the results that have the field; a value is anomalous below `pthresh`.',
      '`Anomaly_Score_Num(<field>)` and `Anomaly_Score_Cat(<field>)` hold −log10 of the probability, only where the value is anomalous; both columns are listed for each field (one stays empty).',
      '`minnormfreq` drops a field whose share of normal (not anomalous) values is below it, as the older Search Reference words it; the 9.4 page describes it with the anomalous share.',
      '`action=summary` gives `fieldname`, `count`, `distinct_count`, `mean`, `stdev`, `isNum`, `anoFreq%`, `supportFreq%` and `use` (whether the field is considered); Splunk’s separate numeric and categorical columns are not reproduced.',
      'Over raw events the fields must be listed (their names are only known once the search runs); at most 50 fields.',
    ],
  },
  lower(c, s, ctx) {
    const patterns = fieldList(c, ctx.errors, true);
    if (!patterns) return s;
    const options = c.args.flatMap((a) => (a.kind === 'option' ? [a] : []));
    const o = settings(options, ctx.errors);
    if (!o) return s;
    const action = (optionText(options, 'action') ?? 'filter').toLowerCase();
    const names = namedFields(
      c.name,
      patterns,
      s,
      ctx.errors,
      'list the fields, for example `anomalousvalue bytes status`',
    );
    if (!names) return s;
    if (names.length === 0) return s;
    if (names.length > maxFields) {
      ctx.errors.push(
        diagnostic(
          'limit',
          `\`anomalousvalue\` takes at most ${String(maxFields)} fields, found ${String(names.length)}`,
          c.name.span,
          ['list the fields to look at, for example `anomalousvalue bytes status`'],
        ),
      );
      return s;
    }
    if (action === 'summary') return summary(s, names, o);
    const rel = scored(s, names, o);
    let scope = s.scope;
    let out = rel;
    names.forEach((name, i) => {
      const isNum = bool('eq', [num(h(i, 'num')), num(h(i, 'n'))]);
      const score = num(h(i, 'score'));
      for (const [kind, when] of [
        ['Num', isNum],
        ['Cat', bool('not', [isNum])],
      ] as const) {
        const target = `Anomaly_Score_${kind}(${name})`;
        out = { kind: 'compute', input: out, name: target, expr: fn('if', [when, score, lit(null)]) };
        scope = scope.with(target, 'number');
      }
    });
    if (action === 'filter') {
      const any = names
        .map((_, i) => bool('isnotnull', [num(h(i, 'score'))]))
        .reduce((a, b) => bool('or', [a, b]));
      out = { kind: 'filter', input: out, predicate: any };
    }
    return finish(out, scope, s.scope);
  },
};
