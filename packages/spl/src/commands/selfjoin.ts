// `selfjoin`: joins each result with the other results that have the same values of the listed fields.

import { bool, int } from '../analyse/options.ts';
import type { CommandOption, FieldPattern } from '../ast.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { genericArgs, optionText, truthy, withPositions } from '../plan/helpers.ts';
import type { State } from '../plan/index.ts';
import { join } from '../plan/join.ts';
import { Scope } from '../plan/scope.ts';
import type { CommandModule } from './types.ts';

/** Hidden columns: a result's position (on each side of the join) and how many results share its keys. */
const leftPos = '_selfjoin_pos';
const rightPos = '_selfjoin_other';
const shared = '_selfjoin_n';

export const selfjoin: CommandModule<'generic'> = {
  name: 'selfjoin',
  kind: 'generic',
  status: 'partly',
  options: { placement: 'anywhere', options: { overwrite: bool, max: int, keepsingle: bool } },
  doc: {
    summary: 'Joins each result with the other results that have the same values of the listed fields.',
    syntax: 'selfjoin [overwrite=<bool>] [max=<int>] [keepsingle=<bool>] <field>…',
    example: 'index=main | stats count BY host, status | selfjoin host',
    differences: [
      "Over raw events, the other event's structured fields do not replace the result's (its `_time`, `host`, `source`, `sourcetype`, `_raw` do).",
      'At most 50,000 other results are considered, as for `join`; with `overwrite=true` a field the other result lacks is emptied, as `join` does.',
    ],
  },
  lower(c, s, ctx) {
    const { options, words, other } = genericArgs(c);
    if (words.length === 0 || other) {
      ctx.errors.push(
        diagnostic('semantic', '`selfjoin` needs the fields to join on', other?.span ?? c.name.span, [
          'for example `selfjoin id`',
        ]),
      );
      return s;
    }
    const fields = words.map((w): FieldPattern => ({
      kind: 'field-pattern',
      pattern: w.text,
      quoted: w.quoted,
      span: w.span,
    }));
    const max = Number(optionText(options, 'max') ?? 1);
    const overwrite = optionText(options, 'overwrite');
    const keepsingle = truthy(optionText(options, 'keepsingle'));
    // Each result's position, and how many results share its join fields.
    const keys = fields.map((f) => s.scope.resolve(f.pattern, f.span));
    const numbered: Rel = {
      kind: 'window',
      input: withPositions(s.rel, leftPos),
      partition: keys,
      aggregates: [{ name: shared, fn: 'count', type: 'number' }],
    };
    const left: State = { rel: numbered, scope: s.scope.with(leftPos, 'number').with(shared, 'number') };
    // The other side: the same results with their known fields, their position under another name.
    // (Over raw events the join fields are structured fields: named here, they become columns.)
    const otherNames = [...new Set([...s.scope.columns.map((x) => x.name), ...fields.map((f) => f.pattern)])];
    const otherColumns = otherNames.map((name) => ({ name, expr: s.scope.resolve(name) }));
    const right: State = {
      rel: {
        kind: 'project',
        input: numbered,
        columns: [...otherColumns, { name: rightPos, expr: col(leftPos, 'number') }],
        keepRaw: false,
      },
      scope: Scope.closed([
        ...otherColumns.map((x) => ({
          name: x.name,
          type: x.expr.type === 'null' ? ('any' as const) : x.expr.type,
        })),
        { name: rightPos, type: 'number' },
      ]),
    };
    const option = (key: string, value: string): CommandOption => ({
      kind: 'option',
      key: { kind: 'ident', name: key, quoted: false, span: c.name.span },
      value: { kind: 'option-value', text: value, quoted: false, span: c.name.span },
      span: c.name.span,
    });
    // Every match, then the result itself left out (unless it is alone and keepsingle=true).
    const joined = join(
      {
        kind: 'join',
        name: c.name,
        span: c.span,
        options: [option('max', '0'), ...(overwrite === undefined ? [] : [option('overwrite', overwrite)])],
        fields,
      },
      left,
      right,
      ctx.errors,
    );
    const position = col(leftPos, 'number');
    const notItself = call('ne', [position, col(rightPos, 'number')], 'bool');
    const alone = call('eq', [col(shared, 'number'), lit(1)], 'bool');
    const predicate = keepsingle ? call('or', [notItself, alone], 'bool') : notItself;
    let rel: Rel = { kind: 'filter', input: joined.rel, predicate };
    // The first `max` others of each result (0: all of them).
    if (max > 0) rel = { kind: 'dedup', input: rel, keys: [position], count: max, keepEmpty: false };
    const visible = joined.scope.columns.filter((x) => ![leftPos, rightPos, shared].includes(x.name));
    return {
      rel: {
        kind: 'project',
        input: rel,
        columns: visible.map((x) => ({ name: x.name, expr: joined.scope.resolve(x.name) })),
        keepRaw: joined.scope.raw,
      },
      scope: joined.scope.project(visible, joined.scope.raw),
    };
  },
};
