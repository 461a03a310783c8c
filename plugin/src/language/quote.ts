// Writing values into SPL text: bare when SPL reads them back unchanged, else a double-quoted string.

/** Words SPL reads as operators, never as a bare value. */
const RESERVED = new Set(['AND', 'OR', 'NOT', 'XOR', 'BY', 'AS', 'OVER', 'WHERE', 'IN']);
/** Characters that keep a value one search term (no spaces, pipes, brackets, quotes, `=`, `*`, …). */
const BARE = /^[A-Za-z0-9_.:/@-]+$/;

/**
 * A value as a search term or option value. Strings with spaces, quotes, backslashes, wildcards or SPL
 * syntax are quoted with `\` before `"` and `\`; null and empty become `""`.
 *
 * @example splValue('web01') // 'web01'
 * @example splValue('say "hi"') // '"say \\"hi\\""'
 */
export function splValue(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : `"${String(v)}"`;
  if (typeof v === 'boolean') return String(v);
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  if (BARE.test(s) && !RESERVED.has(s.toUpperCase()) && !s.startsWith('-')) return s;
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The rest of a value after an opening quote the user typed: escaped, and closed.
 *
 * @example insideQuotes('a"b') // 'a\\"b"'
 */
export function insideQuotes(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  return `${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
