// `arules`: association rules between the values of the listed fields: for each value of one field, how
// strongly it implies each value of another field (the share of the results with the first value that
// also have the second).

import { number, positive } from '../analyse/options.ts';
import type { CommandOption } from '../ast.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { concatAll } from '../plan/append.ts';
import { toStr } from '../plan/coerce.ts';
import { genericArgs } from '../plan/helpers.ts';
import type { State } from '../plan/index.ts';
import { Scope } from '../plan/scope.ts';
import type { CommandModule } from './types.ts';

/** The most fields `arules` relates (every ordered pair is a grouping of its own). */
const maxFields = 10;

/** The output columns, in the Search Reference's order. */
const given = 'Given fields';
const implied = 'Implied fields';
const strength = 'Strength';
const givenSupport = 'Given fields support';
const impliedSupport = 'Implied fields support';

/** Hidden columns: the results with the given value, with the implied one, with both. */
const withGiven = '__arules_given_n';
const withImplied = '__arules_implied_n';
const withBoth = '__arules_n';

export const arules: CommandModule<'generic'> = {
  name: 'arules',
  kind: 'generic',
  status: 'partly',
  options: { placement: 'anywhere', options: { sup: positive, conf: number } },
  doc: {
    summary:
      'Association rules between the values of the listed fields: how strongly a value of one field implies a value of another (`Strength`), with how many results have each.',
    syntax: 'arules [sup=<int>] [conf=<num>] <field> <field>…',
    example: 'index=main | arules sup=3 conf=.6 host status user',
    differences: [
      'A rule has one value on each side: a value of one listed field implying a value of another, for every ordered pair of the fields; Splunk follows the R arules package, whose rules can have several values on the given side.',
      '`Strength` is the share of the results with the given value that also have the implied one (the rule’s confidence); a rule is kept when at least `sup` results have both values and its strength is at least `conf`. The supports are numbers of results.',
      'Rules are ordered by strength, then by given support (both highest first), then by the values.',
      `At most ${String(maxFields)} fields.`,
    ],
  },
  lower(c, s, ctx) {
    const { options, words: listed, other } = genericArgs(c);
    // A field listed twice is one field.
    const words = listed.filter((w, i) => listed.findIndex((x) => x.text === w.text) === i);
    if (other) {
      ctx.errors.push(diagnostic('semantic', '`arules` takes field names and `sup=`, `conf=`', other.span));
      return s;
    }
    if (words.length < 2) {
      ctx.errors.push(
        diagnostic('semantic', '`arules` needs at least two fields', words[0]?.span ?? c.name.span, [
          'for example `arules host status`',
        ]),
      );
      return s;
    }
    if (words.length > maxFields) {
      ctx.errors.push(
        diagnostic(
          'limit',
          `\`arules\` relates at most ${String(maxFields)} fields, found ${String(words.length)}`,
          words[maxFields]?.span ?? c.name.span,
        ),
      );
      return s;
    }
    const option = (name: string): CommandOption | undefined =>
      options.findLast((o) => o.key.name.toLowerCase() === name);
    const conf = option('conf');
    const confidence = Number(conf?.value.text ?? '0.5');
    if (conf && !(confidence >= 0 && confidence <= 1)) {
      ctx.errors.push(
        diagnostic(
          'semantic',
          `\`conf\` must be a number from 0 to 1, found \`${conf.value.text}\``,
          conf.value.span,
        ),
      );
      return s;
    }
    const support = Number(option('sup')?.value.text ?? '3');
    const values = words.map((w) => toStr(s.scope.resolve(w.text, w.span)));
    const n = (name: string): Expr => col(name, 'number');
    const columns = [
      { name: given, type: 'string' as const },
      { name: implied, type: 'string' as const },
      { name: strength, type: 'number' as const },
      { name: givenSupport, type: 'number' as const },
      { name: impliedSupport, type: 'number' as const },
    ];
    // One set of rules per ordered pair of fields: each value pair with the number of results that have
    // both, and the numbers of results with each value (counted before pairing).
    const rules = values.flatMap((a, i) =>
      values.flatMap((b, j): State[] => {
        if (i === j) return [];
        const counted: Rel = {
          kind: 'window',
          input: {
            kind: 'window',
            input: s.rel,
            partition: [a],
            aggregates: [{ name: withGiven, fn: 'count', type: 'number' }],
          },
          partition: [b],
          aggregates: [{ name: withImplied, fn: 'count', type: 'number' }],
        };
        const pairs: Rel = {
          kind: 'aggregate',
          input: counted,
          groups: [
            { name: given, expr: a },
            { name: implied, expr: b },
          ],
          aggregates: [
            { name: withBoth, fn: 'count', type: 'number' },
            { name: withGiven, fn: 'max', arg: n(withGiven), type: 'number' },
            { name: withImplied, fn: 'max', arg: n(withImplied), type: 'number' },
          ],
        };
        const confidenceOf = call('div', [n(withBoth), n(withGiven)], 'number');
        const kept: Rel = {
          kind: 'filter',
          input: pairs,
          predicate: call(
            'and',
            [
              call('ge', [n(withBoth), lit(support)], 'bool'),
              call('ge', [confidenceOf, lit(confidence)], 'bool'),
            ],
            'bool',
          ),
        };
        return [
          {
            rel: {
              kind: 'project',
              input: kept,
              columns: [
                { name: given, expr: col(given, 'string') },
                { name: implied, expr: col(implied, 'string') },
                { name: strength, expr: confidenceOf },
                { name: givenSupport, expr: n(withGiven) },
                { name: impliedSupport, expr: n(withImplied) },
              ],
              keepRaw: false,
            },
            scope: Scope.closed(columns),
          },
        ];
      }),
    );
    const all = concatAll(rules);
    return {
      rel: {
        kind: 'sort',
        input: all.rel,
        keys: [
          { expr: n(strength), descending: true, mode: 'num' },
          { expr: n(givenSupport), descending: true, mode: 'num' },
          { expr: col(given, 'string'), descending: false, mode: 'str' },
          { expr: col(implied, 'string'), descending: false, mode: 'str' },
        ],
      },
      scope: all.scope,
    };
  },
};
