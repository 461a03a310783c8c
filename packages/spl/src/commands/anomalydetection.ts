// `anomalydetection`: finds anomalous events by the probability of their field values (histogram), by the
// distance of numeric values from their mean (zscore, like `anomalousvalue`) or by the interquartile range
// (iqr, like `outlier`). Every method is window aggregates over all results: one SQL statement.

import { bool, number } from '../analyse/options.ts';
import type { AnomalydetectionCommand, CommandOption, FieldPattern } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Aggregate, Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { toNumber, toStr } from '../plan/coerce.ts';
import { namedFields, optionText } from '../plan/helpers.ts';
import type { State } from '../plan/index.ts';
import { Scope } from '../plan/scope.ts';
import { finish } from '../plan/streaming.ts';
import { anomalydetectionBody } from '../parser/commands-misc.ts';
import { clipOutliers, outlierOptions } from './outlier.ts';
import { normalQuantile } from '../plan/normal.ts';
import type { CommandModule } from './types.ts';

type Method = 'histogram' | 'zscore' | 'iqr';

/** The actions each method takes, its default first. */
const actions: Record<Method, readonly string[]> = {
  histogram: ['filter', 'annotate', 'summary'],
  zscore: ['filter', 'annotate', 'summary'],
  iqr: ['transform', 'remove', 'tf', 'rm'],
};

/** The bins of a numeric field's histogram: equal widths from its smallest to its largest value. */
export const HISTOGRAM_BINS = 10;

export const anomalydetection: CommandModule<'anomalydetection'> = {
  name: 'anomalydetection',
  kind: 'anomalydetection',
  status: 'partly',
  grammar: { mode: 'args', body: anomalydetectionBody },
  options: {
    placement: 'anywhere',
    options: {
      method: { type: 'enum', values: ['histogram', 'zscore', 'iqr'] },
      action: {
        type: 'enum',
        values: ['filter', 'annotate', 'summary', 'remove', 'transform', 'rm', 'tf'],
      },
      pthresh: number,
      cutoff: bool,
      param: number,
      uselower: bool,
      mark: bool,
    },
  },
  doc: {
    summary:
      'Finds anomalous events: by the product of the frequencies of their field values (`method=histogram`, the default), by the distance of numeric values from their mean in standard deviations (`method=zscore`) or outside the interquartile range (`method=iqr`, as `outlier`).',
    syntax:
      'anomalydetection [method=histogram|zscore|iqr] [action=filter|annotate|summary|remove|transform] [pthresh=<num>] [cutoff=<bool>] [param=<num>] [uselower=<bool>] [mark=<bool>] [<field>…]',
    example: 'index=main | table status bytes | anomalydetection action=annotate status bytes',
    differences: [
      `A numeric field's histogram has ${HISTOGRAM_BINS} bins of equal width from its smallest to its largest value (Splunk does not document its bins); a field is numeric when every value it has is a number, otherwise each value is its own category.`,
      'An event without one of the fields counts as having no value there: that field adds nothing to its probability.',
      'Without `pthresh`, the histogram threshold on the natural log of the event probability is Q1 − 1.5 × IQR of those logs (nearest-rank quartiles), the formula the page gives for `cutoff=false`; `cutoff=true` (the default), which Splunk documents only as a modification giving fewer anomalies, uses the same formula. With `pthresh`, an event is anomalous when its probability is below it.',
      '`probable_cause` is the field whose value has the smallest frequency (the first in the list on a tie).',
      '`action=summary` of the histogram method gives one row: `num_anomalies`, `thresh`, `max_logprob`, `min_logprob`, `1st_quartile`, `3rd_quartile`, all on the natural log of the event probability (`thresh` is ln(`pthresh`) when it is given).',
      '`method=zscore`: a value is anomalous when its two-sided normal tail probability, from |value − mean| ÷ the sample standard deviation, is below `pthresh` (default 0.01); the field `Anomaly_Score_Num(<field>)` holds that number of standard deviations (Splunk does not document its score). Values that are not numbers are not tested (`anomalousvalue`’s test of categorical values is not done). `action=summary` with `method=zscore` is not supported yet.',
      'Without a field list it needs the fields to be known: after `stats`, `chart` or `table`.',
    ],
  },
  lower(c, s, ctx) {
    const method = (optionText(c.options, 'method') ?? 'histogram').toLowerCase() as Method;
    const actionOption = c.options.find((o) => o.key.name.toLowerCase() === 'action');
    const action = (actionOption?.value.text ?? actions[method][0] ?? '').toLowerCase();
    if (actionOption && !actions[method].includes(action)) {
      ctx.errors.push(
        diagnostic(
          'semantic',
          `\`anomalydetection method=${method}\` takes \`action=${actions[method].slice(0, method === 'iqr' ? 2 : 3).join('|')}\`, found \`${actionOption.value.text}\``,
          actionOption.value.span,
        ),
      );
      return s;
    }
    const misplaced = misplacedOption(c.options, method);
    if (misplaced) {
      ctx.errors.push(
        diagnostic(
          'semantic',
          `\`anomalydetection method=${method}\` has no option \`${misplaced.key.name}\``,
          misplaced.key.span,
        ),
      );
      return s;
    }
    const patterns: FieldPattern[] = c.fields.map((f) => ({
      kind: 'field-pattern',
      pattern: f.name,
      quoted: f.quoted,
      span: f.span,
    }));
    if (method === 'iqr')
      return clipOutliers(c.name, patterns, outlierOptions(c.options, action), s, ctx.errors, c.span);
    const names = namedFields(
      c.name,
      patterns,
      s,
      ctx.errors,
      'list the fields, for example `anomalydetection status bytes`',
    );
    if (!names) return s;
    if (names.length === 0) {
      ctx.errors.push(diagnostic('semantic', '`anomalydetection` has no fields to look at', c.name.span));
      return s;
    }
    const pthreshText = optionText(c.options, 'pthresh');
    const pthresh = pthreshText === undefined ? undefined : Number(pthreshText);
    if (pthresh !== undefined && !(pthresh > 0 && pthresh < 1)) {
      const o = c.options.find((x) => x.key.name.toLowerCase() === 'pthresh');
      ctx.errors.push(
        diagnostic(
          'semantic',
          `\`pthresh\` is a probability between 0 and 1, found \`${pthreshText ?? ''}\``,
          o?.value.span ?? c.span,
        ),
      );
      return s;
    }
    if (method === 'zscore') return zscore(c, s, names, action, pthresh ?? 0.01, ctx.errors);
    return histogram(s, names, action, pthresh);
  },
};

/** The options that belong to another method: `pthresh`/`cutoff` with iqr, the `outlier` options without. */
function misplacedOption(options: readonly CommandOption[], method: Method): CommandOption | undefined {
  const foreign =
    method === 'iqr'
      ? ['pthresh', 'cutoff']
      : method === 'zscore'
        ? ['cutoff', 'param', 'uselower', 'mark']
        : ['param', 'uselower', 'mark'];
  return options.find((o) => foreign.includes(o.key.name.toLowerCase()));
}

const num = (name: string): Expr => col(name, 'number');
const add = (a: Expr, b: Expr): Expr => call('add', [a, b], 'number');
const isTrue = (e: Expr): Expr => call('coalesce', [e, lit(false)], 'bool');

/**
 * The histogram method: each field's frequency (its value's count, or its bin's count for a numeric field,
 * over the number of events), the event's log probability (the sum of the logs), and the threshold.
 */
function histogram(s: State, names: readonly string[], action: string, pthresh: number | undefined): State {
  const values = names.map((n) => s.scope.resolve(n));
  const numbers = values.map(toNumber);
  const total = '__ad_n';
  let rel: Rel = {
    kind: 'window',
    input: s.rel,
    partition: [],
    aggregates: [
      { name: total, fn: 'count', type: 'number' },
      ...values.flatMap((v, i): Aggregate[] => [
        { name: `__ad${i}_n`, fn: 'count_field', arg: v, type: 'number' },
        { name: `__ad${i}_nn`, fn: 'count_field', arg: numbers[i] ?? v, type: 'number' },
        { name: `__ad${i}_lo`, fn: 'min', arg: numbers[i] ?? v, type: 'number' },
        { name: `__ad${i}_hi`, fn: 'max', arg: numbers[i] ?? v, type: 'number' },
      ]),
    ],
  };
  // Each event's key per field: its bin when every value of the field is a number, else its value.
  values.forEach((v, i) => {
    const x = numbers[i] ?? v;
    const lo = num(`__ad${i}_lo`);
    const hi = num(`__ad${i}_hi`);
    const width = call('sub', [hi, lo], 'number');
    const bin = call(
      'if',
      [
        call('eq', [width, lit(0)], 'bool'),
        lit(0),
        call(
          'least',
          [
            call(
              'floor',
              [
                call(
                  'mul',
                  [call('div', [call('sub', [x, lo], 'number'), width], 'number'), lit(HISTOGRAM_BINS)],
                  'number',
                ),
              ],
              'number',
            ),
            lit(HISTOGRAM_BINS - 1),
          ],
          'number',
        ),
      ],
      'number',
    );
    const numeric = call(
      'and',
      [
        call('eq', [num(`__ad${i}_n`), num(`__ad${i}_nn`)], 'bool'),
        call('gt', [num(`__ad${i}_n`), lit(0)], 'bool'),
      ],
      'bool',
    );
    const key = call('if', [numeric, toStr(bin), toStr(v)], 'string');
    rel = { kind: 'compute', input: rel, name: `__ad${i}_k`, expr: key };
  });
  values.forEach((_v, i) => {
    rel = {
      kind: 'window',
      input: rel,
      partition: [col(`__ad${i}_k`, 'string')],
      aggregates: [{ name: `__ad${i}_c`, fn: 'count', type: 'number' }],
    };
  });
  const freqs = values.map((_v, i) => {
    const freq = call(
      'if',
      [
        call('isnull', [col(`__ad${i}_k`, 'string')], 'bool'),
        lit(null),
        call('div', [num(`__ad${i}_c`), num(total)], 'number'),
      ],
      'number',
    );
    rel = { kind: 'compute', input: rel, name: `__ad${i}_f`, expr: freq };
    return num(`__ad${i}_f`);
  });
  const logProb = freqs
    .map((f): Expr => call('coalesce', [call('ln', [f], 'number'), lit(0)], 'number'))
    .reduce(add);
  const least = call('least', freqs, 'number');
  rel = { kind: 'compute', input: rel, name: '__ad_lp', expr: logProb };
  rel = { kind: 'compute', input: rel, name: '__ad_min', expr: least };
  const lp = num('__ad_lp');
  rel = {
    kind: 'window',
    input: rel,
    partition: [],
    aggregates: [
      { name: '__ad_q1', fn: 'perc', param: 25, arg: lp, type: 'number' },
      { name: '__ad_q3', fn: 'perc', param: 75, arg: lp, type: 'number' },
    ],
  };
  const q1 = num('__ad_q1');
  const q3 = num('__ad_q3');
  const thresh =
    pthresh === undefined
      ? call('sub', [q1, call('mul', [lit(1.5), call('sub', [q3, q1], 'number')], 'number')], 'number')
      : lit(Math.log(pthresh));
  rel = { kind: 'compute', input: rel, name: '__ad_th', expr: thresh };
  const anomalous = isTrue(call('lt', [lp, num('__ad_th')], 'bool'));
  if (action === 'summary') {
    const over = (name: string, fn: Aggregate['fn'], arg: Expr): Aggregate => ({
      name,
      fn,
      arg,
      type: 'number',
    });
    const rows: Rel = {
      kind: 'aggregate',
      input: rel,
      groups: [],
      aggregates: [
        over('num_anomalies', 'sum', call('if', [anomalous, lit(1), lit(0)], 'number')),
        over('thresh', 'max', num('__ad_th')),
        over('max_logprob', 'max', lp),
        over('min_logprob', 'min', lp),
        over('1st_quartile', 'max', q1),
        over('3rd_quartile', 'max', q3),
      ],
    };
    const columns = ['num_anomalies', 'thresh', 'max_logprob', 'min_logprob', '1st_quartile', '3rd_quartile'];
    return {
      rel: {
        kind: 'project',
        input: rows,
        columns: columns.map((name) => ({ name, expr: num(name) })),
        keepRaw: false,
      },
      scope: Scope.closed(columns.map((name) => ({ name, type: 'number' as const }))),
    };
  }
  const cause = call(
    'case',
    names.flatMap((n, i) => [isTrue(call('eq', [freqs[i] ?? lit(null), num('__ad_min')], 'bool')), lit(n)]),
    'string',
  );
  const added: [string, Expr][] = [
    ['log_event_prob', lp],
    ['probable_cause', cause],
    ['probable_cause_freq', num('__ad_min')],
    ['max_freq', call('greatest', freqs, 'number')],
  ];
  return annotated(s, rel, anomalous, action, added);
}

/** Keeps the anomalous events (`filter`) or all of them (`annotate`), with `added` where anomalous. */
function annotated(
  s: State,
  input: Rel,
  anomalous: Expr,
  action: string,
  added: readonly [string, Expr][],
): State {
  let rel = input;
  const filter = action === 'filter';
  if (filter) rel = { kind: 'filter', input: rel, predicate: anomalous };
  let scope = s.scope;
  for (const [name, expr] of added) {
    const value = filter ? expr : call('if', [anomalous, expr, lit(null)], expr.type);
    rel = { kind: 'compute', input: rel, name, expr: value };
    scope = scope.with(name, expr.type === 'null' ? 'any' : expr.type);
  }
  return finish(rel, scope, s.scope);
}

/**
 * The zscore method (`anomalousvalue`’s test on numbers): a value is anomalous when the two-sided normal
 * tail probability of its distance from the mean, in sample standard deviations, is below `pthresh`.
 */
function zscore(
  c: AnomalydetectionCommand,
  s: State,
  names: readonly string[],
  action: string,
  pthresh: number,
  errors: Diagnostic[],
): State {
  if (action === 'summary') {
    const o = c.options.find((x) => x.key.name.toLowerCase() === 'action');
    errors.push(
      diagnostic(
        'unsupported',
        '`anomalydetection method=zscore action=summary` is not supported yet',
        o?.value.span ?? c.name.span,
        ['use `action=annotate` and `stats` over `Anomaly_Score_Num(<field>)`'],
      ),
    );
    return s;
  }
  const limit = twoSidedZ(pthresh);
  const numbers = names.map((n) => toNumber(s.scope.resolve(n)));
  let rel: Rel = {
    kind: 'window',
    input: s.rel,
    partition: [],
    aggregates: numbers.flatMap((x, i): Aggregate[] => [
      { name: `__ad${i}_avg`, fn: 'avg', arg: x, type: 'number' },
      { name: `__ad${i}_sd`, fn: 'stdev', arg: x, type: 'number' },
    ]),
  };
  const scores = numbers.map((x, i) => {
    const z = call(
      'div',
      [call('abs', [call('sub', [x, num(`__ad${i}_avg`)], 'number')], 'number'), num(`__ad${i}_sd`)],
      'number',
    );
    rel = { kind: 'compute', input: rel, name: `__ad${i}_z`, expr: z };
    const score = num(`__ad${i}_z`);
    return { score, anomalous: isTrue(call('gt', [score, lit(limit)], 'bool')) };
  });
  const any = scores.map((x) => x.anomalous).reduce((a, b) => call('or', [a, b], 'bool'));
  const added = names.map((n, i): [string, Expr] => {
    const x = scores[i];
    return [
      `Anomaly_Score_Num(${n})`,
      x ? call('if', [x.anomalous, x.score, lit(null)], 'number') : lit(null),
    ];
  });
  return annotated(s, rel, any, action, added);
}

/** The z with a two-sided normal tail probability of `p`: 2 × (1 − Φ(z)) = p. */
export function twoSidedZ(p: number): number {
  return normalQuantile(1 - p / 2);
}
