// Which output columns of each relation the statement uses above it, so that a SELECT under a new layer
// carries only those: a window's sort then moves the columns the results read, not every column of the
// events (`_raw`, `index`, a structured field read only below the window). A pass over the IR from the
// result down, like `listOutputs`; the printer drops the rest (`Printer.prune`, the `project` printer).
//
// A structured field read above the scan is the column `_fields.<path>` (or the whole `_fields`): a read of
// field `x` needs both names, whichever of the two the statement carries.

import type { Project, Rel, Union } from '../../ir/types.ts';

/** The names of a relation's output used above it: all of them, or these. */
export type Need = 'all' | ReadonlySet<string>;

/** Every relation kind, so a kind added to the IR is classified here (a missing one does not compile). */
const relKinds: Readonly<Record<Rel['kind'], true>> = {
  scan: true,
  values: true,
  filter: true,
  compute: true,
  aggregate: true,
  sort: true,
  take: true,
  project: true,
  dedup: true,
  reverse: true,
  window: true,
  expand: true,
  fill: true,
  union: true,
  join: true,
  paste: true,
  pivot: true,
  unpivot: true,
  'lookup-scan': true,
  lookup: true,
  transaction: true,
  'series-model': true,
  'metric-stats': true,
};

const isRel = (x: object): x is Rel =>
  'kind' in x && typeof x.kind === 'string' && Object.hasOwn(relKinds, x.kind);

/** Calls that read the whole JSON column of structured fields (their names known only when the search runs). */
const wholeJson = new Set(['field_names', 'field_values', 'fields_matching', 'fields_json', 'fields_filled']);

/** The names `x` (expressions, aggregates, sort keys) reads; the relations nested in it go to `nested`. */
function readsOf(x: unknown, out: Set<string>, nested: Rel[]): Set<string> {
  if (Array.isArray(x)) {
    for (const v of x) readsOf(v, out, nested);
  } else if (x !== null && typeof x === 'object') {
    if (isRel(x)) {
      nested.push(x);
      return out;
    }
    const kind = 'kind' in x ? x.kind : undefined;
    if (kind === 'column' && 'name' in x && typeof x.name === 'string') out.add(x.name);
    if (kind === 'field' && 'path' in x && typeof x.path === 'string')
      out.add(`_fields.${x.path}`).add('_fields');
    if (kind === 'call' && 'fn' in x && typeof x.fn === 'string' && wholeJson.has(x.fn)) out.add('_fields');
    for (const v of Object.values(x)) readsOf(v, out, nested);
  }
  return out;
}

/** `need` less `names`, with what `reads` (the relation's own expressions) reads. */
function through(need: Need, names: readonly string[], reads: ReadonlySet<string>): Need {
  if (need === 'all') return 'all';
  const out = new Set(need);
  for (const n of names) out.delete(n);
  for (const n of reads) out.add(n);
  return out;
}

/** Whether the name is used (`need` holds it, or holds all). */
export const needs = (need: Need, name: string): boolean => need === 'all' || need.has(name);

/**
 * What a `project` prints for `need`: the columns used above (at least one: a SELECT lists something),
 * and, when it keeps the events, the columns of structured fields used above (`_fields` when it makes
 * the fields anew, else those of `fieldColumns`).
 */
export function projected(
  r: Project,
  need: Need,
  fieldColumns: readonly string[],
): { columns: Project['columns']; fields: readonly string[] } {
  const used = r.columns.filter((c) => needs(need, c.name));
  const first = r.columns[0];
  const columns = used.length === 0 && first ? [first] : used;
  if (!r.keepRaw) return { columns, fields: [] };
  const carried = r.fields ? ['_fields'] : fieldColumns;
  return { columns, fields: carried.filter((c) => needs(need, c)) };
}

/**
 * The columns each side of a `union` gives for `need`: those used above (at least one), and the carried
 * structured fields used above when the rows are events.
 */
export function unioned(r: Union, need: Need, fieldColumns: readonly string[]): string[] {
  const all = [...r.columns.map((c) => c.name), ...(r.raw ? fieldColumns : [])];
  const used = all.filter((n) => needs(need, n));
  return used.length === 0 ? all.slice(0, 1) : used;
}

/**
 * Per relation of `top` (nested ones included), the names of its output that the relations over it use;
 * `top` itself needs all. `fieldColumns` are the columns that carry structured fields (`Printer.fieldColumns`).
 * A relation reached from several places needs what each of them needs.
 */
export function demands(top: Rel, fieldColumns: readonly string[]): Map<Rel, Need> {
  const out = new Map<Rel, Need>();
  const push = (r: Rel, need: Need): void => {
    const before = out.get(r);
    let merged: Need;
    if (before === undefined) merged = need;
    else if (before === 'all' || need === 'all') merged = 'all';
    else merged = new Set([...before, ...need]);
    if (before !== undefined && (before === 'all' || (merged !== 'all' && merged.size === before.size)))
      return;
    out.set(r, merged);
    visit(r, merged);
  };
  const visit = (r: Rel, need: Need): void => {
    const nested: Rel[] = [];
    const reads = (...xs: unknown[]): Set<string> => readsOf(xs, new Set(), nested);
    let input: Need | undefined;
    switch (r.kind) {
      case 'filter':
        input = through(need, [], reads(r.predicate));
        break;
      case 'compute':
        input = through(need, [r.name], reads(r.expr));
        break;
      case 'take':
      case 'reverse':
        input = need;
        break;
      case 'sort':
        input = through(need, [], reads(r.keys));
        break;
      case 'dedup':
        input = through(need, [], reads(r.keys));
        break;
      case 'window':
        input = through(
          need,
          r.aggregates.map((a) => a.name),
          reads(r.partition, r.aggregates, r.running),
        );
        break;
      case 'expand':
        input = through(need, [r.name], reads(r.list));
        break;
      case 'aggregate':
        input = reads(r.groups, r.aggregates);
        break;
      case 'project': {
        const { columns, fields } = projected(r, need, fieldColumns);
        const read = reads(columns.map((c) => c.expr));
        if (r.fields && fields.length > 0) reads(r.fields).forEach((n) => read.add(n));
        else fields.forEach((n) => read.add(n));
        input = read;
        break;
      }
      case 'union': {
        // Each side gives the union's columns that are used, read by name.
        const names = new Set(unioned(r, need, fieldColumns));
        r.inputs.forEach((x) => push(x, names));
        return;
      }
      default: {
        // Every other relation: what it reads of its inputs is not traced, so they give all they have.
        const inner: Rel[] = [];
        for (const v of Object.values(r)) readsOf(v, new Set(), inner);
        inner.forEach((x) => push(x, 'all'));
        return;
      }
    }
    push(r.input, input);
    // A subsearch inside an expression is a statement of its own: its result is read whole.
    nested.forEach((x) => push(x, 'all'));
  };
  push(top, 'all');
  return out;
}
