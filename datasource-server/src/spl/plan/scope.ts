// The planner's view of the fields available at one point of a pipeline, and name resolution.

import type { Span } from '../diagnostics.ts';
import type { Expr, ScalarType } from '../ir/types.ts';
import { col, field, lit } from '../ir/types.ts';

/** Columns every raw event has, with their IR types. `org_id` is deliberately absent: it is never a field. */
export const rawEventColumns: readonly { name: string; type: ScalarType }[] = [
  { name: '_time', type: 'time' },
  { name: 'index', type: 'any' },
  { name: 'host', type: 'any' },
  { name: 'source', type: 'any' },
  { name: 'sourcetype', type: 'any' },
  { name: '_raw', type: 'any' },
];

/** Names the planner keeps for itself; a pipeline cannot assign them. */
export const reservedNames: ReadonlySet<string> = new Set(['_fields', 'org_id']);

/**
 * Fields at one point of the pipeline. While `raw` is true the rows are still events, and a name that is
 * not a known column resolves to the event's structured field of that name (null when absent). After a
 * transforming command (`stats`, `table`) only the known columns exist.
 */
export class Scope {
  private constructor(
    private readonly known: ReadonlyMap<string, ScalarType>,
    readonly raw: boolean,
    /** Structured fields removed by `fields -` or renamed away while raw. */
    private readonly dropped: ReadonlySet<string>,
  ) {}

  static rawEvents(): Scope {
    return new Scope(new Map(rawEventColumns.map((c) => [c.name, c.type])), true, new Set());
  }

  static closed(columns: readonly { name: string; type: ScalarType }[]): Scope {
    return new Scope(new Map(columns.map((c) => [c.name, c.type])), false, new Set());
  }

  get columns(): { name: string; type: ScalarType }[] {
    return [...this.known].map(([name, type]) => ({ name, type }));
  }

  has(name: string): boolean {
    return this.known.has(name);
  }

  /** The expression that reads field `name` here. */
  resolve(name: string, span?: Span): Expr {
    const type = this.known.get(name);
    if (type !== undefined) return col(name, type, span);
    if (this.raw && !this.dropped.has(name)) return field(name, span);
    return lit(null, span);
  }

  /** After `eval name=…`: the column exists with `type`. */
  with(name: string, type: ScalarType): Scope {
    const known = new Map(this.known);
    known.delete(name);
    known.set(name, type);
    return new Scope(known, this.raw, this.dropped);
  }

  /** Keeps only `columns` (in order); `raw` says whether unknown names still reach structured fields. */
  project(
    columns: readonly { name: string; type: ScalarType }[],
    raw: boolean,
    dropped?: Iterable<string>,
  ): Scope {
    return new Scope(
      new Map(columns.map((c) => [c.name, c.type])),
      raw,
      new Set([...this.dropped, ...(dropped ?? [])]),
    );
  }
}

/** `*` wildcards of a field pattern as a RegExp over whole names. */
export function fieldPatternRegExp(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('(.*)');
  return new RegExp(`^${body}$`);
}
