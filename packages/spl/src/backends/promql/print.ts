// Prints the PromQL AST as text that `parse.ts` (and Prometheus / VictoriaMetrics) read back to the same tree.

import { assertNever } from '../../ast.ts';
import type { Matcher, PromExpr, VectorSelector } from './ast.ts';
import { metricNameRe } from './ast.ts';

/**
 * A double-quoted PromQL string: `\` and `"` escaped, control characters as Go escapes (the strings are
 * read with Go's unquoting rules), everything else as UTF-8.
 *
 * @example quoteString('a"}b') // => '"a\\"}b"'
 */
export function quoteString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** RE2 matching `text` literally: every regex metacharacter escaped. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$]/g, (c) => `\\${c}`);
}

/** RE2 with Splunk's `*` as `.*` and every other regex metacharacter literal. */
export function wildcardRegex(pattern: string): string {
  return pattern.split('*').map(escapeRegex).join('.*');
}

const units: readonly (readonly [string, number])[] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];

/** `90000` → `90s`, `3600000` → `1h`: the largest unit that divides the duration. */
export function printDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms <= 0) throw new Error(`not a PromQL duration: ${ms}`);
  const [unit, size] = units.find(([, n]) => ms % n === 0) ?? ['ms', 1];
  return `${ms / size}${unit}`;
}

function printNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Inf';
  if (n === -Infinity) return '-Inf';
  return String(n);
}

const matcherText = (m: Matcher): string => `${m.name}${m.op}${quoteString(m.value)}`;

function printVector(v: VectorSelector, range?: number): string {
  const [first, ...rest] = v.matchers;
  // `cpu_usage{…}` when the name is an identifier; `{__name__="cpu.usage", …}` otherwise.
  const prefix = first && first.name === '__name__' && first.op === '=' && metricNameRe.test(first.value);
  const inside = (prefix ? rest : v.matchers).map(matcherText).join(', ');
  const head = prefix && first ? first.value : '';
  const braces = inside === '' && head !== '' ? '' : `{${inside}}`;
  const r = range === undefined ? '' : `[${printDuration(range)}]`;
  const offset = v.offsetMs === undefined ? '' : ` offset ${printDuration(v.offsetMs)}`;
  return `${head}${braces}${r}${offset}`;
}

/**
 * PromQL text for `e`. Operands of binary operators are parenthesised when they are binary themselves, so
 * the text never depends on precedence.
 *
 * @example printPromQL(aggregate('sum', ['host'], call('count_over_time', matrix(vector([…]), 60000))))
 *   // => 'sum by (host) (count_over_time({__name__="cpu.usage", org_id="acme"}[1m]))'
 */
export function printPromQL(e: PromExpr): string {
  switch (e.kind) {
    case 'number':
      return printNumber(e.value);
    case 'vector':
      return printVector(e);
    case 'matrix':
      return printVector(e.vector, e.rangeMs);
    case 'call':
      return `${e.fn}(${e.args.map(printPromQL).join(', ')})`;
    case 'aggregate':
      return `${e.op}${e.by.length > 0 ? ` by (${e.by.join(', ')})` : ''} (${printPromQL(e.expr)})`;
    case 'binary': {
      const side = (x: PromExpr): string => (x.kind === 'binary' ? `(${printPromQL(x)})` : printPromQL(x));
      return `${side(e.lhs)} ${e.op} ${side(e.rhs)}`;
    }
    default:
      return assertNever(e, 'PromQL expression');
  }
}
