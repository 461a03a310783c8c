// A subsearch returning a `search` or `query` field: Splunk runs it first and inserts its rows into the search
// as text (Search Manual, "Change the format of subsearch results"). The service runs its statement, builds
// the text here, puts it in the query in place of the subsearch and compiles again; diagnostics of the
// query compiled then are mapped back to the query as written.

import type { Diagnostic, MacroRegistry, PositionedDiagnostic, SearchExpr } from '@nexus/spl';
import { MAX_INSERTED_CHARS, diagnostic, parseWithMacros, subsearchSearchText } from '@nexus/spl';
import type { InsertRun } from './compile-search.ts';

/** One text put in the query: `[start, end)` of the query before it was replaced by `length` characters. */
export interface Insertion {
  readonly start: number;
  readonly end: number;
  readonly length: number;
}

/** A diagnostic as it was positioned (in the query compiled), back to a span. */
export const unpositioned = (d: PositionedDiagnostic): Diagnostic =>
  diagnostic(d.code, d.message, { start: d.start, end: d.end }, d.hints);

/** Whether a search expression holds a subsearch. */
function holdsSubsearch(e: SearchExpr): boolean {
  switch (e.kind) {
    case 'search-subsearch':
      return true;
    case 'search-and':
    case 'search-or':
      return e.operands.some(holdsSubsearch);
    case 'search-not':
      return holdsSubsearch(e.operand);
    case 'search-group':
      return holdsSubsearch(e.inner);
    default:
      return false;
  }
}

/**
 * The text the subsearch `run` inserts, from its rows (`subsearchSearchText`, with a space either side so it
 * never sticks to the words around it), or the 400 at the subsearch: the text must be one search expression
 * (no `|`, no subsearch, no macro: Splunk expands those before the subsearch runs) of at most
 * `MAX_INSERTED_CHARS` characters.
 */
export function insertedText(
  run: InsertRun,
  result: { readonly columns: readonly { name: string }[]; readonly rows: readonly (readonly unknown[])[] },
  macros?: MacroRegistry,
): { ok: true; text: string } | { ok: false; error: Diagnostic } {
  const at = result.columns.map((c) => c.name);
  const rows = result.rows.map((r) => run.columns.map((name) => r[at.indexOf(name)]));
  const text = subsearchSearchText(run.columns, rows, run.format);
  const fail = (message: string, hints: string[] = []) => ({
    ok: false as const,
    error: diagnostic('semantic', message, run.span, hints),
  });
  if (text.length > MAX_INSERTED_CHARS) {
    return fail(
      `the text this subsearch returns is ${text.length} characters long; Nexus inserts at most ${MAX_INSERTED_CHARS}`,
      ['return fewer rows (`head`, `format maxresults=N`), or the fields themselves instead of `search`'],
    );
  }
  const probe = `search ${text}`;
  const parsed = parseWithMacros(probe, macros);
  const [first, ...rest] = parsed.ast?.commands ?? [];
  const problem = parsed.errors[0]?.message;
  if (problem !== undefined || first?.kind !== 'search' || rest.length > 0) {
    return fail(
      `the text this subsearch returns is not one search expression: ${problem ?? 'it holds a `|`'}`,
      [`it returned: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`],
    );
  }
  if (parsed.text !== probe || (first.expr && holdsSubsearch(first.expr))) {
    return fail('the text this subsearch returns holds a macro or a subsearch, which Nexus does not expand', [
      `it returned: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`,
    ]);
  }
  return { ok: true, text: ` ${text} ` };
}

/**
 * A diagnostic of the query compiled, back in the query as written: each insertion undone, latest first. A
 * span within an inserted text becomes the subsearch's, its message saying it is in what the subsearch
 * returned.
 */
export function toWritten(d: Diagnostic, insertions: readonly Insertion[]): Diagnostic {
  let { start, end } = d.span;
  let inside = false;
  for (let i = insertions.length - 1; i >= 0; i--) {
    const ins = insertions[i];
    if (!ins) continue;
    const after = ins.start + ins.length;
    const back = (p: number): number | undefined =>
      p <= ins.start ? p : p >= after ? p - ins.length + (ins.end - ins.start) : undefined;
    const s = back(start);
    const e = back(end);
    if (s === undefined || e === undefined || (start >= ins.start && end <= after && start < end)) {
      start = ins.start;
      end = ins.end;
      inside = true;
    } else {
      start = s;
      end = e;
    }
  }
  if (!inside && start === d.span.start && end === d.span.end) return d;
  const message = inside ? `in the search text this subsearch returned: ${d.message}` : d.message;
  return diagnostic(d.code, message, { start, end }, d.hints);
}
