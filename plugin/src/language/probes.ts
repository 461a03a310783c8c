// Completion probes (indexes, fields, values) cached per index and time-range bucket, shared by the editors.

/** Ranges within the same minute share probes, so a moving "now" does not refetch on every keystroke. */
export const RANGE_BUCKET_MS = 60_000;
const MAX_ENTRIES = 200;

/** The cache key of a probe: what it asks and the time range, rounded to buckets. */
export function probeKey(parts: readonly string[], fromMs: number, toMs: number): string {
  const b = (ms: number): number => Math.floor(ms / RANGE_BUCKET_MS);
  return JSON.stringify([...parts, b(fromMs), b(toMs)]);
}

/**
 * Promise cache: concurrent asks share one request, a failed request is forgotten (so it is retried), and
 * the oldest entries go first past `max`.
 */
export class ProbeCache {
  private readonly entries = new Map<string, Promise<unknown>>();

  constructor(private readonly max = MAX_ENTRIES) {}

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) return hit as Promise<T>;
    const p = load();
    this.entries.set(key, p);
    p.catch(() => this.entries.delete(key));
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return p;
  }

  get size(): number {
    return this.entries.size;
  }
}
