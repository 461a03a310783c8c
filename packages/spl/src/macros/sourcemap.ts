// Offsets in macro-expanded text → offsets in the query as written.

import type { Diagnostic, Span } from '../diagnostics.ts';

/**
 * One piece of the expanded text. A `copy` piece is original text moved by a constant shift; an
 * `expansion` piece is the full expansion of one top-level macro call, whose every offset maps to
 * the whole call span (backtick to backtick) in the original text.
 */
export interface MapSegment {
  readonly kind: 'copy' | 'expansion';
  /** Range in the expanded text. */
  readonly out: Span;
  /** Range in the original text (same length as `out` for `copy`). */
  readonly orig: Span;
}

/** Maps spans of the expanded text back to the original query. */
export class SourceMap {
  /** Sorted, contiguous and covering the expanded text (`out` ranges). */
  readonly segments: readonly MapSegment[];
  readonly #outLength: number;
  readonly #origLength: number;

  constructor(segments: readonly MapSegment[], outLength: number, origLength: number) {
    this.segments = segments;
    this.#outLength = outLength;
    this.#origLength = origLength;
  }

  /** The identity map of a text without macro calls. */
  static identity(length: number): SourceMap {
    const all = { start: 0, end: length };
    return new SourceMap([{ kind: 'copy', out: all, orig: all }], length, length);
  }

  /** True when the expanded text is the original text (no call was expanded). */
  get isIdentity(): boolean {
    return this.segments.every((s) => s.kind === 'copy' && s.out.start === s.orig.start);
  }

  /**
   * The original span of `span` (a span of the expanded text). A span touching an expansion grows
   * to cover that whole macro call; offsets outside expansions move by the shift of their piece.
   * Out-of-range offsets are clamped.
   */
  toOriginal(span: Span): Span {
    const a = this.#clamp(Math.min(span.start, span.end));
    const b = this.#clamp(Math.max(span.start, span.end));
    const start = this.#mapStart(a);
    const end = this.#mapEnd(b);
    return { start, end: Math.max(start, end) };
  }

  /** `toOriginal` on one offset (as the start of an empty span). */
  offsetToOriginal(offset: number): number {
    return this.#mapStart(this.#clamp(offset));
  }

  /** The same diagnostic with its span mapped back to the original text. */
  diagnostic(d: Diagnostic): Diagnostic {
    return { ...d, span: this.toOriginal(d.span) };
  }

  #clamp(n: number): number {
    return Number.isFinite(n) ? Math.max(0, Math.min(Math.trunc(n), this.#outLength)) : 0;
  }

  /** Index of the last segment whose `out.start` is <= offset (binary search). */
  #find(offset: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const s = this.segments[mid];
      if (s && s.out.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  // Segments are contiguous, so the last one starting at or before an offset is never an empty piece
  // in the middle of the text: a later piece would start at the same offset.

  /** Original offset of `offset` read as a span start: the piece with `out.start <= offset < out.end`. */
  #mapStart(offset: number): number {
    const s = this.segments[this.#find(offset)];
    if (!s) return Math.min(offset, this.#origLength);
    if (s.kind === 'copy') return s.orig.start + (offset - s.out.start);
    return offset < s.out.end ? s.orig.start : s.orig.end;
  }

  /** Original offset of `offset` read as a span end: the piece with `out.start < offset <= out.end`. */
  #mapEnd(offset: number): number {
    if (offset === 0) return 0;
    const s = this.segments[this.#find(offset - 1)];
    if (!s) return Math.min(offset, this.#origLength);
    return s.kind === 'copy' ? s.orig.start + (offset - s.out.start) : s.orig.end;
  }
}
