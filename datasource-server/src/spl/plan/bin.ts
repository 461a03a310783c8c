// Lowers `bin`/`bucket`: a time field to the start of its span, a number to Splunk's `lo-hi` range label.

import type { BinCommand } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import { call, lit } from '../ir/types.ts';
import { parseTimeUnit } from '../time.ts';
import { toNumber } from './coerce.ts';
import type { State } from './index.ts';

const timeSpan = /^(\d*)([a-zA-Z]+)$/;

/**
 * `bin _time span=1h` → `_time` is the start of its hour (sub-day spans align to the epoch, days and
 * longer to the request's time zone); `bin bytes span=100` → `bytes` is `100-200`.
 */
export function bin(c: BinCommand, s: State, timeZone: string, errors: Diagnostic[]): State {
  const span = c.options.find((o) => o.key.name.toLowerCase() === 'span');
  for (const o of c.options) {
    if (o !== span) {
      errors.push(
        diagnostic('unsupported', `\`${c.name.name} ${o.key.name}=\` is not supported yet`, o.span),
      );
    }
  }
  if (!span) {
    errors.push(
      diagnostic(
        'unsupported',
        `\`${c.name.name}\` without \`span=\` (automatic bins) is not supported yet`,
        c.name.span,
        ['give a span, for example `span=1h` or `span=100`'],
      ),
    );
    return s;
  }
  if (c.field.pattern.includes('*')) {
    errors.push(diagnostic('unsupported', 'wildcard fields in `bin` are not supported yet', c.field.span));
    return s;
  }
  const target = s.scope.resolve(c.field.pattern, c.field.span);
  const text = span.value.text;
  const numeric = Number(text);
  let expr;
  if (text !== '' && Number.isFinite(numeric)) {
    if (numeric <= 0) {
      errors.push(diagnostic('semantic', '`span` must be greater than 0', span.value.span));
      return s;
    }
    expr =
      target.type === 'time'
        ? call('time_bucket', [target, lit(numeric), lit('s'), lit(timeZone)], 'time', c.span)
        : call('num_bucket', [toNumber(target), lit(numeric)], 'string', c.span);
  } else {
    const m = timeSpan.exec(text);
    const unit = m ? parseTimeUnit(m[2] ?? '') : undefined;
    const count = m && m[1] !== '' ? Number(m[1]) : 1;
    if (!unit || count < 1) {
      errors.push(
        diagnostic(
          'semantic',
          `\`span\` must be a number or a time span such as \`1h\`, found \`${text}\``,
          span.value.span,
        ),
      );
      return s;
    }
    if (target.type !== 'time') {
      errors.push(
        diagnostic(
          'unsupported',
          `a time span on \`${c.field.pattern}\`, which is not a time, is not supported yet`,
          span.span,
        ),
      );
      return s;
    }
    expr = call('time_bucket', [target, lit(count), lit(unit), lit(timeZone)], 'time', c.span);
  }
  const name = c.alias?.name ?? c.field.pattern;
  return {
    rel: { kind: 'compute', input: s.rel, name, expr },
    scope: s.scope.with(name, expr.type),
  };
}
