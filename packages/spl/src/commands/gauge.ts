// `gauge`: the value and range of a gauge chart, as one result `x`, `y1` … `yN`.

import { diagnostic } from '../diagnostics.ts';
import type { Expr } from '../ir/types.ts';
import { lit } from '../ir/types.ts';
import { toNumber } from '../plan/coerce.ts';
import { Scope } from '../plan/scope.ts';
import type { Word } from '../plan/streaming.ts';
import { argsOf } from '../plan/streaming.ts';
import type { CommandModule } from './types.ts';

export const gauge: CommandModule<'generic'> = {
  name: 'gauge',
  kind: 'generic',
  status: 'supported',
  doc: {
    summary:
      'Turns a value and a range into a gauge chart’s one result: `x` (the value), `y1` … `yN` (the range).',
    syntax: 'gauge <value> [<range_val1> <range_val2> …]',
    example: 'index=main | stats count AS errors | gauge errors 0 50 100 200',
  },
  lower(c, s, ctx) {
    const words: Word[] = [];
    for (const a of argsOf(c, ctx.errors)) {
      if (a.kind === 'word') words.push(a.word);
      else {
        const at = a.kind === 'option' ? a.option.span : a.span;
        ctx.errors.push(
          diagnostic('syntax', '`gauge` takes a value and range values (fields or numbers)', at),
        );
        return s;
      }
    }
    const [value, ...range] = words;
    if (!value || range.length === 1) {
      ctx.errors.push(
        diagnostic(
          'syntax',
          '`gauge` takes a value and two or more range values (default 0 100)',
          range[0]?.span ?? c.name.span,
          ['for example `gauge count 0 25 50 75 100`'],
        ),
      );
      return s;
    }
    // A field's first value, or a number as written.
    const read = (w: Word): Expr =>
      !w.quoted && w.text.trim() !== '' && Number.isFinite(Number(w.text))
        ? lit(Number(w.text), w.span)
        : toNumber(s.scope.resolve(w.text, w.span));
    const bounds = range.length === 0 ? [lit(0), lit(100)] : range.map(read);
    const columns = [
      { name: 'x', expr: read(value) },
      ...bounds.map((expr, i) => ({ name: `y${i + 1}`, expr })),
    ];
    return {
      rel: { kind: 'project', input: { kind: 'take', input: s.rel, limit: 1 }, columns, keepRaw: false },
      scope: Scope.closed(columns.map((x) => ({ name: x.name, type: 'number' }))),
    };
  },
};
