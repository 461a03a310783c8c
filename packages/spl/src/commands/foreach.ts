// `foreach`: runs an eval for each field that matches a pattern.

import { str } from '../analyse/options.ts';
import { foreachBody } from '../parser/commands-sources.ts';
import { foreach as eachField } from '../plan/foreach.ts';
import { exprContext } from '../plan/helpers.ts';
import type { CommandModule } from './types.ts';

export const foreach: CommandModule<'foreach'> = {
  name: 'foreach',
  kind: 'foreach',
  status: 'partly',
  subpipeline: true,
  grammar: { mode: 'args', body: foreachBody },
  options: {
    placement: 'anywhere',
    options: {
      fieldstr: str,
      matchstr: str,
      matchseg1: str,
      matchseg2: str,
      matchseg3: str,
      mode: { type: 'enum', values: ['multifield', 'multivalue', 'json_array', 'auto_collections'] },
      itemstr: str,
      iterstr: str,
    },
  },
  doc: {
    summary: 'Runs an eval for each field that matches a pattern.',
    syntax:
      'foreach [mode=multifield] <field-pattern>… [fieldstr=…] [matchstr=…] [matchseg1=…]… [ eval <<FIELD>>=… ] | foreach mode=(multivalue|json_array|auto_collections) <field> [itemstr=…] [iterstr=…] [ eval …<<ITEM>>… ]',
    example: '| makeresults | eval a=1, b=2 | foreach a b [eval <<FIELD>>=<<FIELD>>*2]',
    differences: [
      'A wildcard over raw events (whose field names are known only when the search runs) runs as one fold over the matching fields, in name order: its subsearch’s `eval` assignments (several run in order, each seeing those before it) set fields other than `<<FIELD>>`. `<<FIELD>>`, `<<MATCHSTR>>` and `<<MATCHSEGn>>` in a field name read the event’s field of that name (a multivalue field’s first value), in a text they are the text. Fields this search made that the wildcard also reaches run first (as text, in name order), then the events’ own fields (Splunk takes them all in one name order), as they are then: removed, renamed by a wildcard, extracted (`extract`, `spath` …), filled, merged or replaced by the commands before.',
      'Over series (after `timechart … by`, `xyseries`, a wildcard `mstats`; names known only when the search runs) the subsearch may set `<<FIELD>>` from its own value and fields the wildcard does not reach (one it reaches would be read before or after its own run depending on the name order, so it is refused); series of a multivalue statistic such as `values()` take any value, a single one as a list of one. With `<<MATCHSTR>>` or `<<MATCHSEGn>>`, or when it sets only fields that are not series (a row total, `eval total=total + <<FIELD>>`), it runs as one fold over the matching series in name order: `eval` assignments (in order) to fields that are not series, where the placeholders in a field name read the series of that name and in a text are the text. Known columns the wildcard also reaches run first.',
      '`<<MATCHSTR>>` of a pattern with several wildcards is the name from the first wildcard’s match to the last’s (`1ab2` for `test1ab2` and `test*ab*`); Splunk’s page says only “the part of the field name that matches the wildcard values”.',
      '`mode=multivalue` and `mode=json_array` run as one fold over the field’s values (the JSON array’s elements, as text): the subsearch’s `eval` assignments, to fields other than the one iterated, run in order for each value, each reading the fields as the assignments before it left them (several fold together as one tuple). `<<ITER>>` counts from 0 (the page does not say). `<<ITEM>>` stands for the value, as a value rather than as text pasted into the expression: in a text (`"<<ITEM>>"`) it is the value’s text.',
      '`mode=auto_collections` decides per event (the page says only that it iterates over a multivalue field or a JSON array): a field whose one value is a JSON array gives the array’s elements; otherwise its values (a single value is one).',
    ],
  },
  lower: (c, s, ctx) =>
    eachField(
      c,
      s,
      ctx.text,
      (st, errs) => exprContext(st, ctx.options, errs),
      (command, st, errs) => ctx.lowerCommand(command, st, errs),
      ctx.errors,
    ),
};
