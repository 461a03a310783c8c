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
    syntax: 'foreach <field-pattern>… [ eval <<FIELD>>=… ]',
    example: '| makeresults | eval a=1, b=2 | foreach a b [eval <<FIELD>>=<<FIELD>>*2]',
    differences: [
      'A wildcard over raw events (whose field names are known only when the search runs) runs as one fold over the matching fields: its subsearch may hold one `eval` assignment, to a field other than `<<FIELD>>`, reading `<<FIELD>>` as the value only.',
      '`mode=` other than `multifield`, and templates with several wildcards, are not supported yet.',
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
