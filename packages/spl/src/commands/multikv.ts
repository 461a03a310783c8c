// `multikv`: turns the rows of table-formatted events (`top`, `ps`, `netstat` output) into events, the fields
// named by the table's title line; the names are only known when the search runs, so a later command that
// names a field reads it from the row then.

import { bool, str } from '../analyse/options.ts';
import type { Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr, Rel } from '../ir/types.ts';
import { call, col, lit } from '../ir/types.ts';
import { toStr } from '../plan/coerce.ts';
import { truthy } from '../plan/helpers.ts';
import { genericArgs, optionOf } from './generic-args.ts';
import type { CommandModule } from './types.ts';

/** The title line of each new event's table, kept with the row so its fields can be read by name. */
export const MULTIKV_HEADER = '_multikv_header';

/**
 * `multikv [forceheader=<int>] [noheader=<bool>] [fields <field>…] [filter <term>…]`: each non-blank line
 * after the title line (the first non-blank line, or line `forceheader`) becomes an event whose `_raw` is
 * that line and whose other fields are the original event's; the field under each title word is the row's
 * text in that word's columns (the title word cleaned to letters, digits and `_`), or `Column_<n>` for the
 * n-th value without a title (`noheader=true`). `fields` limits the fields, `filter` keeps the rows that
 * contain one of the terms (case-insensitive).
 *
 * @example `multikv fields pid command` → `arrayJoin(…rows of _raw…) AS _raw`, then `pid` read by its title's columns
 */
export const multikv: CommandModule<'generic'> = {
  name: 'multikv',
  kind: 'generic',
  status: 'partly',
  options: {
    placement: 'anywhere',
    options: {
      conf: str,
      copyattrs: bool,
      forceheader: { type: 'int', min: 1 },
      multitable: bool,
      noheader: bool,
      rmorig: bool,
    },
  },
  doc: {
    summary: 'Extracts fields from table-formatted events, one event per table row.',
    syntax:
      'multikv [copyattrs=<bool>] [forceheader=<int>] [multitable=<bool>] [noheader=<bool>] [rmorig=<bool>] [fields <field>…] [filter <term>…]',
    example: 'index=main sourcetype=top | multikv fields pid command | table pid, command',
    differences: [
      'One table per event (the lines after the title line); its title line is kept in the field `_multikv_header`.',
      '`conf=`, `copyattrs=false` and `rmorig=false` are not supported. Fields are read by name where a later command names them; the new events shown carry every column of the title (a non-empty cell) in their fields, over the stored fields.',
    ],
  },
  lower(c, s, ctx) {
    const problems = ctx.errors.length;
    const { options, words } = genericArgs(c, ctx.errors);
    for (const o of options) {
      const key = o.key.name.toLowerCase();
      const unsupported =
        key === 'conf' ||
        (key === 'copyattrs' && !truthy(o.value.text)) ||
        (key === 'rmorig' && !truthy(o.value.text));
      if (unsupported)
        ctx.errors.push(
          diagnostic('unsupported', `\`multikv ${o.key.name}=${o.value.text}\` is not supported yet`, o.span),
        );
    }
    // `fields a b …` and `filter x y …`: word lists introduced by their keyword.
    const lists: { fields: { text: string; span: Span }[]; filter: { text: string; span: Span }[] } = {
      fields: [],
      filter: [],
    };
    let current: 'fields' | 'filter' | undefined;
    for (const w of words) {
      const keyword = w.quoted ? undefined : w.text.toLowerCase();
      if (keyword === 'fields' || keyword === 'filter') current = keyword;
      else if (current) lists[current].push(w);
      else
        ctx.errors.push(
          diagnostic('syntax', `expected \`fields\` or \`filter\` before \`${w.text}\``, w.span),
        );
    }
    if (ctx.errors.length > problems) return s;
    if (!s.scope.raw) {
      ctx.errors.push(
        diagnostic(
          'unsupported',
          '`multikv` after a transforming command is not supported yet',
          c.name.span,
          ['run it on the events, before `stats`, `table` or `fields`'],
        ),
      );
      return s;
    }
    const forceheader = Number(optionOf(options, 'forceheader')?.value.text ?? 0);
    const noheader = truthy(optionOf(options, 'noheader')?.value.text);
    const raw = toStr(s.scope.resolve('_raw'));
    // Without a title every line is a row.
    let rel: Rel = noheader
      ? s.rel
      : {
          kind: 'compute',
          input: s.rel,
          name: MULTIKV_HEADER,
          expr: call('multikv_header', [raw, lit(forceheader)], 'string'),
        };
    const rows = noheader
      ? call('mvfilter_nonempty', [call('split', [raw, lit('\n')], 'mv')], 'mv')
      : call('multikv_rows', [raw, lit(forceheader)], 'mv');
    rel = { kind: 'expand', input: rel, name: '_raw', list: rows, limit: 0 };
    // An event without rows is kept once by the expansion, without a row: it is not a result.
    let keep: Expr = call('isnotnull', [col('_raw', 'string')], 'bool');
    if (lists.filter.length > 0) {
      const terms = lists.filter.map((t) => t.text.replace(/[.+*?^${}()|[\]\\]/g, '\\$&')).join('|');
      keep = call(
        'and',
        [
          keep,
          call(
            'coalesce',
            [call('match', [col('_raw', 'string'), lit(`(?i)${terms}`)], 'bool'), lit(false)],
            'bool',
          ),
        ],
        'bool',
      );
    }
    rel = { kind: 'filter', input: rel, predicate: keep };
    const only = lists.fields.length > 0 ? new Set(lists.fields.map((f) => f.text)) : undefined;
    const read = (name: string, at?: Span): Expr | undefined =>
      only && !only.has(name)
        ? undefined
        : call(
            'multikv_value',
            [
              col('_raw', 'string'),
              noheader ? lit(null) : col(MULTIKV_HEADER, 'string'),
              lit(name),
              lit(noheader),
            ],
            'string',
            at,
          );
    let scope = s.scope.with('_raw', 'any');
    if (!noheader) scope = scope.with(MULTIKV_HEADER, 'string');
    const fields = call(
      'multikv_fields',
      [
        col('_raw', 'string'),
        noheader ? lit(null) : col(MULTIKV_HEADER, 'string'),
        lit(noheader),
        lit(JSON.stringify(only ? [...only] : [])),
      ],
      'mv',
    );
    return { rel, scope: scope.withReader(read, c.name.span, fields) };
  },
};
