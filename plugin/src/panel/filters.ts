// Ad hoc filters the events panel emits ("filter for" / "filter out" a field value), and their URL form.
// Pure: the dashboard side (panel context, URL) is in applyFilter.ts.

/** A dashboard ad hoc filter, the shape of @grafana/ui's `AdHocFilterItem`. */
export interface EventsFilter {
  readonly key: string;
  readonly operator: '=' | '!=';
  readonly value: string;
}

type Listener = (filter: EventsFilter) => void;
const listeners = new Set<Listener>();

/**
 * Observes every filter the events panel emits, whatever the host does with it (tests, the browser harness).
 * Returns the function that stops observing.
 * @example const stop = onEventsFilter((f) => seen.push(f)); … stop();
 */
export function onEventsFilter(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Tells the observers of `onEventsFilter`; a failing observer does not stop the others. */
export function notifyEventsFilter(filter: EventsFilter): void {
  for (const l of [...listeners]) {
    try {
      l(filter);
    } catch (e) {
      console.error('nexus-events-panel: a filter listener failed', e);
    }
  }
}

/**
 * A filter as one value of a dashboard's `var-<adhoc>` URL parameter: `key|=|value`. The pipe and the
 * comma are Grafana's separators, written as `__gfp__` and `__gfc__` inside keys and values (as scenes does).
 * @example filterUrlValue({ key: 'host', operator: '=', value: 'a|b' }) // 'host|=|a__gfp__b'
 */
export function filterUrlValue(f: EventsFilter): string {
  const esc = (s: string) => s.replace(/\|/g, '__gfp__').replace(/,/g, '__gfc__');
  return `${esc(f.key)}|${f.operator}|${esc(f.value)}`;
}

/**
 * The URL values after adding a filter: the same filter is not repeated, and its opposite on the same key and
 * value ("filter out" after "filter for") is replaced.
 */
export function withFilter(existing: readonly string[], f: EventsFilter): string[] {
  const added = filterUrlValue(f);
  const opposite = filterUrlValue({ ...f, operator: f.operator === '=' ? '!=' : '=' });
  const kept = existing.filter((v) => v !== '' && v !== added && v !== opposite);
  return [...kept, added];
}
