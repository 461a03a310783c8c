// Inline comments (```like this```): blanked out before lexing, so offsets still point into the query.

import { diagnostic } from '../diagnostics.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { scanQuoted } from './scan.ts';

const FENCE = '```';

/**
 * Replaces every ```` ```comment``` ```` outside double-quoted strings by spaces of the same length
 * (newlines are kept, so line numbers stay right). An unclosed comment is blanked to the end.
 *
 * @example stripComments('a ```why``` b').text === 'a         b'
 */
export function stripComments(text: string): { text: string; errors: Diagnostic[] } {
  if (!text.includes(FENCE)) return { text, errors: [] };
  const errors: Diagnostic[] = [];
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92)
      i++; // an escaped character outside quotes (`\"`) is not a quote
    else if (c === 34) {
      const after = scanQuoted(text, i, text.length);
      if (after < 0) break;
      i = after - 1;
    } else if (c === 96 && text.startsWith(FENCE, i)) {
      const close = text.indexOf(FENCE, i + 3);
      const stop = close < 0 ? text.length : close + 3;
      if (close < 0)
        errors.push(
          diagnostic('syntax', 'unclosed comment: expected ``` to end it', { start: i, end: i + 3 }),
        );
      out += text.slice(copied, i) + text.slice(i, stop).replace(/[^\n]/g, ' ');
      copied = stop;
      i = stop - 1;
    }
  }
  return { text: out + text.slice(copied), errors };
}
