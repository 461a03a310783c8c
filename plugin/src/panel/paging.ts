// Pagination and windowing maths: which events are on a page, and which rows of it are in view.

/** Pages needed for `total` events (at least 1, so an empty result still has page 1 of 1). */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, size)));
}

/** A page number (0-based) kept inside 0…pageCount-1. */
export function clampPage(page: number, total: number, size: number): number {
  return Math.min(Math.max(0, Math.floor(page)), pageCount(total, size) - 1);
}

/** The events of page `page` (0-based) as a half-open range [start, end). */
export function pageRange(page: number, total: number, size: number): { start: number; end: number } {
  const s = Math.max(1, size);
  const p = clampPage(page, total, s);
  return { start: p * s, end: Math.min(total, (p + 1) * s) };
}

/** "1–50 of 10,000": the page's events as the header shows them. */
export function pageLabel(page: number, total: number, size: number): string {
  if (total === 0) return '0 of 0';
  const { start, end } = pageRange(page, total, size);
  const n = (x: number) => x.toLocaleString('en-US');
  return `${n(start + 1)}–${n(end)} of ${n(total)}`;
}

/**
 * Prefix sums of row heights: `offsets[i]` is the top of row i, `offsets[n]` the list's height.
 * @example rowOffsets([20, 30, 20]) // [0, 20, 50, 70]
 */
export function rowOffsets(heights: readonly number[]): Float64Array {
  const offsets = new Float64Array(heights.length + 1);
  for (let i = 0; i < heights.length; i++) offsets[i + 1] = (offsets[i] ?? 0) + (heights[i] ?? 0);
  return offsets;
}

/**
 * The rows [start, end) to render for a viewport at `scrollTop` of height `viewport`, with `overscan` rows
 * either side; a binary search over the offsets, so scrolling costs O(log rows).
 * @example visibleRows(rowOffsets([20, 20, 20, 20, 20]), 25, 30, 0) // { start: 1, end: 3 }
 */
export function visibleRows(
  offsets: Float64Array,
  scrollTop: number,
  viewport: number,
  overscan = 5,
): { start: number; end: number } {
  const rows = offsets.length - 1;
  if (rows <= 0) return { start: 0, end: 0 };
  const first = rowAt(offsets, Math.max(0, scrollTop));
  // The last row whose top is above the viewport's bottom edge.
  const last = rowAt(offsets, Math.max(0, scrollTop + Math.max(0, viewport) - 1e-6));
  return { start: Math.max(0, first - overscan), end: Math.min(rows, last + 1 + overscan) };
}

/** The row that contains pixel `y` (the last row when y is past the end). */
function rowAt(offsets: Float64Array, y: number): number {
  let lo = 0;
  let hi = offsets.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((offsets[mid] ?? 0) <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
