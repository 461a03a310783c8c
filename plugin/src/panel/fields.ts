// The field sidebar's numbers: which fields are "interesting" and the top values of one field.
// Pure functions over the events; the panel memoises them per result so a render never recomputes them.

import type { NexusEvent } from './events.ts';

/** One field of the result, as the sidebar lists it. */
export interface FieldSummary {
  readonly name: string;
  /** Events that have the field. */
  readonly events: number;
  /** Distinct values over the result. */
  readonly distinct: number;
  /** Share of the result's events that have the field, 0…1. */
  readonly coverage: number;
  /** Every value is a number (Splunk marks these `#`, others `a`). */
  readonly numeric: boolean;
}

export interface FieldsSummary {
  /** The selected fields that occur in the result, in the order they were selected. */
  readonly selected: readonly FieldSummary[];
  /** Other fields in at least `INTERESTING_COVERAGE` of the events, by name. */
  readonly interesting: readonly FieldSummary[];
  /** Every field, by name (the "all fields" count). */
  readonly all: readonly FieldSummary[];
}

/** Splunk lists a field under "Interesting fields" when at least 20% of the events have it. */
export const INTERESTING_COVERAGE = 0.2;

const numberLike = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * Counts, per field, the events that have it and its distinct values: O(events × fields), once per result.
 * @example summariseFields(events, ['host']) // { selected: [{ name: 'host', events: 3, distinct: 2, … }], interesting: [...], all: [...] }
 */
export function summariseFields(events: readonly NexusEvent[], selected: readonly string[]): FieldsSummary {
  const stats = new Map<string, { events: number; values: Set<string>; numeric: boolean }>();
  for (const e of events) {
    for (const name in e.fields) {
      const value = e.fields[name];
      if (value === undefined) continue;
      let s = stats.get(name);
      if (!s) {
        s = { events: 0, values: new Set(), numeric: true };
        stats.set(name, s);
      }
      s.events++;
      s.values.add(value);
      if (s.numeric && !numberLike.test(value)) s.numeric = false;
    }
  }
  const total = events.length;
  const all: FieldSummary[] = [...stats.entries()]
    .map(([name, s]) => ({
      name,
      events: s.events,
      distinct: s.values.size,
      coverage: total === 0 ? 0 : s.events / total,
      numeric: s.numeric,
    }))
    .sort((a, b) => compareNames(a.name, b.name));
  const byName = new Map(all.map((f) => [f.name, f]));
  const chosen = new Set(selected);
  return {
    selected: selected.map((n) => byName.get(n)).filter((f): f is FieldSummary => f !== undefined),
    interesting: all.filter((f) => !chosen.has(f.name) && f.coverage >= INTERESTING_COVERAGE),
    all,
  };
}

function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** One value of a field with its count and its share of all events of the result. */
export interface TopValue {
  readonly value: string;
  readonly count: number;
  /** Percent of the result's events (as Splunk shows), 0…100. */
  readonly percent: number;
}

/**
 * The `limit` most frequent values of a field, most frequent first, ties by value.
 * @example topValues(events, 'host') // [{ value: 'web-1', count: 6, percent: 60 }, { value: 'web-2', count: 4, percent: 40 }]
 */
export function topValues(events: readonly NexusEvent[], field: string, limit = 10): TopValue[] {
  const counts = new Map<string, number>();
  for (const e of events) {
    const v = e.fields[field];
    if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const total = events.length;
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, Math.max(0, limit))
    .map(([value, count]) => ({ value, count, percent: total === 0 ? 0 : (count / total) * 100 }));
}

/** A percentage as the sidebar prints it: `60%`, `33.3%`, `<0.1%`. */
export function formatPercent(p: number): string {
  if (p > 0 && p < 0.1) return '<0.1%';
  const rounded = Math.round(p * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}%`;
}
