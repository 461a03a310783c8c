// `associate`: pairs of fields where knowing one field's value lowers the entropy of the other.

import { int, number } from '../analyse/options.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Column, Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { toStr } from '../plan/coerce.ts';
import { withPositions } from '../plan/helpers.ts';
import { reservedNames, Scope } from '../plan/scope.ts';
import { genericArgs, optionOf } from './generic-args.ts';
import type { CommandModule } from './types.ts';

/** The most fields `associate` compares (every ordered pair is compared). */
const MAX_FIELDS = 20;

/** The output fields, in order. */
const outputs: readonly Column[] = [
  { name: 'Reference_Key', type: 'string' },
  { name: 'Reference_Value', type: 'string' },
  { name: 'Target_Key', type: 'string' },
  { name: 'Unconditional_Entropy', type: 'number' },
  { name: 'Conditional_Entropy', type: 'number' },
  { name: 'Entropy_Improvement', type: 'number' },
  { name: 'Description', type: 'string' },
  { name: 'Support', type: 'number' },
  { name: 'Top_Conditional_Value', type: 'string' },
];

const str = (name: string): Expr => col(name, 'string');
const num = (name: string): Expr => col(name, 'number');
const text = (...parts: Expr[]): Expr => parts.reduce((a, b) => call('concat', [a, b], 'string'));

/**
 * `associate [supcnt=<int>] [supfreq=<num>] [improv=<num>] [<field>…]`: for every ordered pair of fields
 * (reference, target) and every value of the reference seen at least `supcnt` times and in at least
 * `supfreq` of the results, the target's entropy over all results (Shannon, bits) and over the results with
 * that reference value; a result when it drops by at least `improv`.
 *
 * @example `associate supcnt=2 host status` → values unpivoted per result, paired, grouped, entropies per group
 */
export const associate: CommandModule<'generic'> = {
  name: 'associate',
  kind: 'generic',
  status: 'partly',
  options: {
    placement: 'anywhere',
    options: { supcnt: int, supfreq: number, improv: number },
  },
  doc: {
    summary:
      'Pairs of fields where knowing the value of one (the reference) lowers the entropy of the other (the target).',
    syntax: 'associate [supcnt=<int>] [supfreq=<num>] [improv=<num>] [<field>…]',
    example: 'index=main | associate supcnt=1 supfreq=0 improv=0 host status',
    differences: [
      'A target’s entropies count the results that have it; `Support` is the share of all results with the reference value; `Top_Conditional_Value` is written `<value> (<share overall>% -> <share with the reference value>%)` and `Description` gives the entropies with three decimals.',
      `Over raw events the fields must be named (in the command or with \`table\`/\`fields\` first); at most ${MAX_FIELDS} fields; a multivalue field is compared as its text.`,
      'Results are sorted by `Entropy_Improvement`, largest first.',
    ],
  },
  lower(c, s, ctx) {
    const { options, words } = genericArgs(c, ctx.errors);
    const numberOf = (key: string, fallback: number): number => {
      const n = Number(optionOf(options, key)?.value.text ?? fallback);
      return Number.isFinite(n) ? n : fallback;
    };
    const supcnt = numberOf('supcnt', 100);
    const supfreq = numberOf('supfreq', 0.1);
    const improv = numberOf('improv', 0.5);
    for (const w of words) {
      if (reservedNames.has(w.text) || w.text.includes('*')) {
        ctx.errors.push(diagnostic('semantic', `\`associate\` cannot compare \`${w.text}\``, w.span));
        return s;
      }
    }
    if (words.length === 0 && (s.scope.raw || s.scope.seriesType !== undefined)) {
      ctx.errors.push(
        diagnostic(
          'unsupported',
          "`associate` needs the fields named: raw events' field names are only known once the search runs",
          c.name.span,
          ['name them, for example `| associate host status`, or keep them with `table` first'],
        ),
      );
      return s;
    }
    const fields =
      words.length > 0
        ? [...new Set(words.map((w) => w.text))]
        : s.scope.columns.map((x) => x.name).filter((n) => !n.startsWith('_') && !reservedNames.has(n));
    if (fields.length > MAX_FIELDS) {
      ctx.errors.push(
        diagnostic(
          'limit',
          `\`associate\` compares at most ${MAX_FIELDS} fields, found ${fields.length}`,
          words[MAX_FIELDS]?.span ?? c.name.span,
          ['name the fields to compare'],
        ),
      );
      return s;
    }
    // Each result numbered (__rid), with the number of results (__total).
    const numbered: Rel = {
      kind: 'window',
      input: withPositions(s.rel, '__rid'),
      partition: [],
      aggregates: [{ name: '__total', fn: 'count', type: 'number' }],
    };
    // One row per result and field it has: (__rid, __total, __k, __v).
    const cells: Column[] = [
      { name: '__rid', type: 'number' },
      { name: '__total', type: 'number' },
      { name: '__k', type: 'string' },
      { name: '__v', type: 'string' },
    ];
    const cellOf = (f: string): Rel => ({
      kind: 'filter',
      input: {
        kind: 'project',
        input: numbered,
        columns: [
          { name: '__rid', expr: num('__rid') },
          { name: '__total', expr: num('__total') },
          { name: '__k', expr: lit(f) },
          { name: '__v', expr: toStr(s.scope.resolve(f, c.name.span)) },
        ],
        keepRaw: false,
      },
      predicate: call('isnotnull', [str('__v')], 'bool'),
    });
    const unpivoted: Rel =
      fields.length === 1 && fields[0] !== undefined
        ? cellOf(fields[0])
        : { kind: 'union', inputs: fields.map(cellOf), columns: cells, raw: false, unordered: true };
    // How many results have each reference value.
    const counted: Rel = {
      kind: 'window',
      input: unpivoted,
      partition: [str('__k'), str('__v')],
      aggregates: [{ name: '__c', fn: 'count', type: 'number' }],
    };
    const targets: Rel = {
      kind: 'project',
      input: unpivoted,
      columns: [
        { name: '__rid', expr: num('__rid') },
        { name: '__tk', expr: str('__k') },
        { name: '__tv', expr: str('__v') },
      ],
      keepRaw: false,
    };
    const pairs: Rel = {
      kind: 'filter',
      input: {
        kind: 'join',
        left: counted,
        right: targets,
        keys: ['__rid'],
        type: 'inner',
        max: 0,
        overwrite: false,
        columns: [
          { name: '__rid', type: 'number', from: 'both' },
          { name: '__total', type: 'number', from: 'left' },
          { name: '__k', type: 'string', from: 'left' },
          { name: '__v', type: 'string', from: 'left' },
          { name: '__c', type: 'number', from: 'left' },
          { name: '__tk', type: 'string', from: 'right' },
          { name: '__tv', type: 'string', from: 'right' },
        ],
        raw: false,
      },
      predicate: call('ne', [str('__k'), str('__tk')], 'bool'),
    };
    const conditional: Rel = {
      kind: 'aggregate',
      input: pairs,
      groups: [
        { name: '__k', expr: str('__k') },
        { name: '__v', expr: str('__v') },
        { name: '__tk', expr: str('__tk') },
      ],
      aggregates: [
        { name: '__c', fn: 'max', arg: num('__c'), type: 'number' },
        { name: '__total', fn: 'max', arg: num('__total'), type: 'number' },
        { name: '__tvs', fn: 'list', arg: str('__tv'), max: 0, type: 'mv' },
      ],
    };
    const unconditional: Rel = {
      kind: 'aggregate',
      input: targets,
      groups: [{ name: '__tk', expr: str('__tk') }],
      aggregates: [{ name: '__all', fn: 'list', arg: str('__tv'), max: 0, type: 'mv' }],
    };
    let rel: Rel = {
      kind: 'join',
      left: conditional,
      right: unconditional,
      keys: ['__tk'],
      type: 'inner',
      overwrite: false,
      columns: [
        { name: '__k', type: 'string', from: 'left' },
        { name: '__v', type: 'string', from: 'left' },
        { name: '__tk', type: 'string', from: 'both' },
        { name: '__c', type: 'number', from: 'left' },
        { name: '__total', type: 'number', from: 'left' },
        { name: '__tvs', type: 'mv', from: 'left' },
        { name: '__all', type: 'mv', from: 'right' },
      ],
      raw: false,
    };
    const compute = (name: string, expr: Expr): void => {
      rel = { kind: 'compute', input: rel, name, expr };
    };
    const tvs = col('__tvs', 'mv');
    const all = col('__all', 'mv');
    compute('__h', call('mv_entropy', [all], 'number'));
    compute('__hc', call('mv_entropy', [tvs], 'number'));
    compute('__top', call('mv_top', [tvs], 'string'));
    rel = {
      kind: 'filter',
      input: rel,
      predicate: call(
        'and',
        [
          call('ge', [num('__c'), lit(supcnt)], 'bool'),
          call(
            'and',
            [
              call('ge', [call('div', [num('__c'), num('__total')], 'number'), lit(supfreq)], 'bool'),
              call('ge', [call('sub', [num('__h'), num('__hc')], 'number'), lit(improv)], 'bool'),
            ],
            'bool',
          ),
        ],
        'bool',
      ),
    };
    const fixed = (e: Expr): Expr => call('fixed', [e, lit(3)], 'string');
    const percent = (share: Expr): Expr => fixed(call('mul', [share, lit(100)], 'number'));
    const description = text(
      lit("When the '"),
      str('__k'),
      lit("' has the value '"),
      str('__v'),
      lit("', the entropy of '"),
      str('__tk'),
      lit("' decreases from "),
      fixed(num('__h')),
      lit(' to '),
      fixed(num('__hc')),
      lit('.'),
    );
    const top = text(
      str('__top'),
      lit(' ('),
      percent(call('mv_share', [all, str('__top')], 'number')),
      lit('% -> '),
      percent(call('mv_share', [tvs, str('__top')], 'number')),
      lit('%)'),
    );
    const values: Record<string, Expr> = {
      Reference_Key: str('__k'),
      Reference_Value: str('__v'),
      Target_Key: str('__tk'),
      Unconditional_Entropy: num('__h'),
      Conditional_Entropy: num('__hc'),
      Entropy_Improvement: call('sub', [num('__h'), num('__hc')], 'number'),
      Description: description,
      Support: call('div', [num('__c'), num('__total')], 'number'),
      Top_Conditional_Value: top,
    };
    const projected: Rel = {
      kind: 'project',
      input: rel,
      columns: outputs.map((o) => ({ name: o.name, expr: values[o.name] ?? lit(null) })),
      keepRaw: false,
    };
    return {
      rel: {
        kind: 'sort',
        input: projected,
        keys: [
          { expr: num('Entropy_Improvement'), descending: true, mode: 'num' },
          { expr: str('Reference_Key'), descending: false, mode: 'str' },
          { expr: str('Reference_Value'), descending: false, mode: 'str' },
          { expr: str('Target_Key'), descending: false, mode: 'str' },
        ],
      },
      scope: Scope.closed(outputs),
    };
  },
};
