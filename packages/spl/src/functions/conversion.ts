// Conversion functions (Search Reference 9.4): tonumber, tostring, printf, ipmask.

import { diagnostic } from '../diagnostics.ts';
import { call, lit } from '../ir/types.ts';
import { toNumber, toStr } from '../plan/coerce.ts';
import { parsePrintf } from './printf.ts';
import type { EvalFunction } from './types.ts';
import { evalFn } from './types.ts';

const p = 'conversion' as const;

const tostringFormats = ['hex', 'commas', 'duration'];

export const conversionFunctions: readonly EvalFunction[] = [
  evalFn(
    p,
    'tonumber',
    [1, 2],
    'tonumber(<str>, <base>)',
    'The string as a number (in `base` 2 to 36, 10 by default); null when it is not one.',
    ([a, base], at, ctx) => {
      if (base === undefined) return call('tonumber', [a ?? lit(null)], 'number', at);
      if (
        base.kind !== 'literal' ||
        typeof base.value !== 'number' ||
        !Number.isInteger(base.value) ||
        base.value < 2 ||
        base.value > 36
      ) {
        ctx.diagnostics.push(
          diagnostic(
            'semantic',
            '`tonumber` takes a base from 2 to 36, written as a number',
            base.span ?? at,
          ),
        );
        return lit(null, at);
      }
      if (base.value === 10) return call('tonumber', [a ?? lit(null)], 'number', at);
      return call('tonumber_base', [toStr(a ?? lit(null)), base], 'number', at);
    },
  ),
  evalFn(
    p,
    'tostring',
    [1, 2],
    'tostring(<value>, <format>)',
    'The value as a string; `format` "hex" (0xF), "commas" (12,345.68) or "duration" (00:10:15, and 00:01:01.500000 with a fraction of a second) for numbers.',
    ([a, format], at, ctx) => {
      if (format === undefined) return call('tostring', [a ?? lit(null)], 'string', at);
      if (
        format.kind !== 'literal' ||
        typeof format.value !== 'string' ||
        !tostringFormats.includes(format.value)
      ) {
        ctx.diagnostics.push(
          diagnostic(
            'semantic',
            '`tostring` takes the format "hex", "commas" or "duration"',
            format.span ?? at,
          ),
        );
        return lit(null, at);
      }
      return call('tostring_format', [toNumber(a ?? lit(null)), format], 'string', at);
    },
  ),
  evalFn(
    p,
    'printf',
    [1, 128],
    'printf(<format>, <arguments>)',
    "The arguments formatted as C's printf does: flags `- + space 0 # '`, width, precision, `%s %d %i %u %f %e %g %x %o %c %%`.",
    ([format, ...values], at, ctx) => {
      if (format?.kind !== 'literal' || typeof format.value !== 'string') {
        ctx.diagnostics.push(
          diagnostic('unsupported', '`printf` needs a literal format such as "%d items"', at),
        );
        return lit(null, at);
      }
      const parsed = parsePrintf(format.value);
      if (!parsed.ok) {
        ctx.diagnostics.push(diagnostic('semantic', parsed.message, format.span ?? at));
        return lit(null, at);
      }
      const needed = parsed.pieces.filter((x) => !('text' in x)).length;
      if (values.length < needed) {
        ctx.diagnostics.push(
          diagnostic(
            'semantic',
            `\`printf\`'s format has ${needed} conversion${needed === 1 ? '' : 's'} but ${values.length} value${values.length === 1 ? '' : 's'} follow`,
            at,
          ),
        );
        return lit(null, at);
      }
      let next = 0;
      const args = parsed.pieces.map((piece) => {
        if ('text' in piece) return lit(piece.text);
        const v = values[next++] ?? lit(null);
        return piece.conversion === 's' ? toStr(v) : toNumber(v);
      });
      return call('printf', [lit(JSON.stringify(parsed.pieces)), ...args], 'string', at);
    },
  ),
  evalFn(
    p,
    'ipmask',
    [2, 2],
    'ipmask(<mask>, <ip>)',
    'The IPv4 address with the mask applied (255.255.255.0 on 10.1.2.3 gives 10.1.2.0); null when either is not an IPv4 address.',
    ([mask, ip], at) => call('ipmask', [toStr(mask ?? lit(null)), toStr(ip ?? lit(null))], 'string', at),
  ),
];
