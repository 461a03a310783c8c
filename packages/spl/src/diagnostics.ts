// Diagnostics: the one error shape of the SPL front end and compiler, and span → line/column mapping.

/** Half-open range of UTF-16 offsets into the query text: `text.slice(start, end)`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export const span = (start: number, end: number): Span => ({ start, end });

/** The span covering both `a` and `b`. */
export const joinSpans = (a: Span, b: Span): Span => ({
  start: Math.min(a.start, b.start),
  end: Math.max(a.end, b.end),
});

/**
 * What went wrong, as a stable machine-readable code:
 * - `syntax`: the text does not follow SPL's grammar;
 * - `unsupported`: valid SPL that Nexus does not compile (yet) — never silently ignored;
 * - `semantic`: well-formed, but meaningless (unknown option, wrong argument type, bad time modifier);
 * - `undefined-macro`, `macro-cycle`: macro expansion failures;
 * - `limit`: the search goes past a guardrail of the service (time range, memory, run time);
 * - `killed`: an administrator stopped the search.
 */
export type DiagnosticCode =
  'syntax' | 'unsupported' | 'semantic' | 'undefined-macro' | 'macro-cycle' | 'limit' | 'killed';

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly span: Span;
  readonly hints: readonly string[];
}

export const diagnostic = (
  code: DiagnosticCode,
  message: string,
  at: Span,
  hints: readonly string[] = [],
): Diagnostic => ({ code, message, span: at, hints });

/** A diagnostic as the API and CLI show it: 1-based line and column of the span's start. */
export interface PositionedDiagnostic {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly start: number;
  readonly end: number;
  readonly hints: readonly string[];
}

/** 1-based line and column of `offset` in `text` (columns count UTF-16 units, as editors do). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const stop = Math.max(0, Math.min(offset, text.length));
  for (let i = 0; i < stop; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: stop - lineStart + 1 };
}

export function positionDiagnostic(text: string, d: Diagnostic): PositionedDiagnostic {
  const from = lineColumn(text, d.span.start);
  const to = lineColumn(text, d.span.end);
  return {
    code: d.code,
    message: d.message,
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
    start: d.span.start,
    end: d.span.end,
    hints: d.hints,
  };
}

/** Thrown by compiler stages for user errors; carries every diagnostic found. Only bugs throw anything else. */
export class SplError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('; '));
    this.name = 'SplError';
    this.diagnostics = diagnostics;
  }
}

/** Edit distance counting a swap of two neighbouring letters as one edit (`spna` → `span`), for hints. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The candidates closest to `word` (at most `max`), within a distance that scales with its length. */
export function nearest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = Math.max(1, Math.floor(word.length / 3));
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d <= limit || (c.startsWith(word) && word.length >= 3)) scored.push({ c, d });
  }
  scored.sort((x, y) => x.d - y.d || x.c.localeCompare(y.c));
  return scored.slice(0, max).map((s) => s.c);
}
