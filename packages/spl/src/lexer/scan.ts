// Character-level scanning shared by the comment stripper, the segment splitter and the lexer modes.

/** True for the whitespace that separates tokens (space, tab, CR, LF and other ASCII controls). */
export const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/**
 * The offset just after the double-quoted string that starts at `at` (a `"`), honouring backslash
 * escapes; -1 when the string is not closed before `end`.
 */
export function scanQuoted(text: string, at: number, end: number, quote = 34): number {
  for (let i = at + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === quote) return i + 1;
  }
  return -1;
}

/**
 * The offset just after the bracket that closes the one at `at` (`[` or `(`), skipping double-quoted
 * strings and nested brackets of the same kind; -1 when it is not closed before `end`.
 */
export function scanBalanced(text: string, at: number, end: number): number {
  const open = text.charCodeAt(at);
  const close = open === 91 ? 93 : 41;
  let depth = 0;
  for (let i = at; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) {
      const after = scanQuoted(text, i, end);
      if (after < 0) return -1;
      i = after - 1;
    } else if (c === open) depth++;
    else if (c === close && --depth === 0) return i + 1;
  }
  return -1;
}

/** Resolves backslash escapes: `\"` → `"`, `\\` → `\`; any other escape is kept as written. */
export function unescapeQuoted(body: string): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    const n = body[i + 1];
    if (c === '\\' && (n === '"' || n === '\\')) {
      out += n;
      i++;
    } else out += c ?? '';
  }
  return out;
}
