// A table read whole into memory and reloaded on demand: one load at a time, shared by concurrent callers.

export interface LoadedTable<T> {
  /** The last loaded value (`initial` before the first load). */
  readonly value: T;
  /** Milliseconds since the start of the last successful load (Infinity before the first). */
  age(): number;
  /** Reloads; callers arriving while a load runs share it. */
  refresh(): Promise<void>;
}

/**
 * @example const tokens = loadedTable(async () => new Map(...rows), new Map());
 * // if (tokens.age() > 10_000) await tokens.refresh(); tokens.value.get(hash)
 */
export function loadedTable<T>(load: () => Promise<T>, initial: T): LoadedTable<T> {
  let value = initial;
  let loadedAt = -Infinity;
  let inflight: Promise<void> | undefined;
  return {
    get value() {
      return value;
    },
    age: () => Date.now() - loadedAt,
    refresh() {
      inflight ??= (async () => {
        const started = Date.now();
        value = await load();
        loadedAt = started;
      })().finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
  };
}
