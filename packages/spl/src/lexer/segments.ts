// Splits a pipeline's text into command segments at top-level `|`.

import type { Span } from '../diagnostics.ts';
import { scanQuoted } from './scan.ts';

/**
 * The command segments of `text[start, end)`: split at every `|` outside double quotes and outside
 * `[ … ]` subsearches. Segments keep their surrounding whitespace; `n` pipes give `n + 1` segments.
 *
 * @example splitSegments('a | b', 0, 5) // [{start:0,end:2},{start:3,end:5}]
 */
export function splitSegments(text: string, start: number, end: number): Span[] {
  const segments: Span[] = [];
  let from = start;
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 92)
      i++; // an escaped character outside quotes (`\"`) is not a quote
    else if (c === 34) {
      const after = scanQuoted(text, i, end);
      if (after < 0) break;
      i = after - 1;
    } else if (c === 91) depth++;
    else if (c === 93 && depth > 0) depth--;
    else if (c === 124 && depth === 0) {
      segments.push({ start: from, end: i });
      from = i + 1;
    }
  }
  segments.push({ start: from, end });
  return segments;
}
