// nexus-api diagnostics → Monaco markers at the exact offsets the service reports.

/** One diagnostic as `POST validate` returns it (offsets into the SPL, 1-based line/column). */
export interface SplDiagnostic {
  readonly message: string;
  readonly code?: string;
  readonly line?: number;
  readonly column?: number;
  readonly start?: number;
  readonly end?: number;
  readonly hints?: readonly string[];
}

export interface MarkerRange {
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
  readonly message: string;
}

/** What the mapping needs of a Monaco model. */
export interface OffsetModel {
  getPositionAt(offset: number): { lineNumber: number; column: number };
  getValueLength(): number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads the `errors` of a validate/format/explain answer; anything malformed is dropped. */
export function diagnosticsOf(body: unknown): SplDiagnostic[] {
  const errors = isRecord(body) ? body['errors'] : undefined;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((r: unknown): SplDiagnostic[] => {
    if (!isRecord(r) || typeof r['message'] !== 'string') return [];
    const num = (k: string): number | undefined => {
      const v = r[k];
      return typeof v === 'number' ? v : undefined;
    };
    const [line, column, start, end] = [num('line'), num('column'), num('start'), num('end')];
    const hints = Array.isArray(r['hints'])
      ? r['hints'].filter((h): h is string => typeof h === 'string')
      : [];
    return [
      {
        message: r['message'],
        hints,
        ...(typeof r['code'] === 'string' ? { code: r['code'] } : {}),
        ...(line !== undefined ? { line } : {}),
        ...(column !== undefined ? { column } : {}),
        ...(start !== undefined ? { start } : {}),
        ...(end !== undefined ? { end } : {}),
      },
    ];
  });
}

/**
 * The marker range of a diagnostic: its `start`/`end` offsets through `model.getPositionAt`. An empty span
 * (an error at a position, such as "found the end of the search") gets one character so it is visible:
 * the next one, or the last one at the end of the text. Without offsets, line/column are used.
 */
export function markerRange(d: SplDiagnostic, model: OffsetModel): MarkerRange {
  const length = model.getValueLength();
  const message = d.hints && d.hints.length > 0 ? `${d.message}\n${d.hints.join('\n')}` : d.message;
  if (d.start === undefined) {
    const line = Math.max(1, d.line ?? 1);
    const column = Math.max(1, d.column ?? 1);
    return {
      startLineNumber: line,
      startColumn: column,
      endLineNumber: line,
      endColumn: column + 1,
      message,
    };
  }
  let start = Math.min(Math.max(0, d.start), length);
  let end = Math.min(Math.max(start, d.end ?? start), length);
  if (end === start) {
    if (end < length) end++;
    else if (start > 0) start--;
  }
  const s = model.getPositionAt(start);
  const e = model.getPositionAt(end);
  return {
    startLineNumber: s.lineNumber,
    startColumn: s.column,
    endLineNumber: e.lineNumber,
    endColumn: e.column,
    message,
  };
}

/** Hands out increasing tickets; only the newest may publish (responses that arrive late are dropped). */
export class Latest {
  private current = 0;

  next(): number {
    return ++this.current;
  }

  isCurrent(ticket: number): boolean {
    return ticket === this.current;
  }
}
