// Layering: which relations share one SELECT with their input, and where a subquery boundary is needed.
// A pass over the IR of its own (PRQL's `sql/pq/anchor.rs` is the model); `print.ts` only prints.
//
// A SELECT is built bottom-up. Each relation either adds to its input's SELECT (a filter into its WHERE,
// a computed column into its select list, a LIMIT …) or starts a new SELECT that reads its input as a
// subquery. What decides it is the clauses the input's SELECT already has, in SQL's order of evaluation:
// nothing may be added to a SELECT below a clause that is evaluated before it (a WHERE after a GROUP BY,
// a LIMIT, a window or a computed column), and a column computed right over the table could shadow one
// of the table's names that the WHERE still reads.
//
// Computed columns share one SELECT as long as none reads another of that SELECT (`eval a=1 | eval b=2`
// is one layer, `eval a=1 | eval b=a+1` two): ClickHouse's parser nests about ten levels per subquery and
// stops at `max_parser_depth` (1000), so a layer per `eval` refused searches of about 97 of them.

import type { Expr, Rel } from '../../ir/types.ts';
import { assertNever } from '../../ast.ts';
import { columnsRead } from './lists.ts';

/** What a relation's SELECT (as printed) offers to the relation over it. */
export interface SelectShape {
  /**
   * Only pass-through columns and filters so far: a filter may still join its WHERE, a computed column
   * its select list, a sort its ORDER BY.
   */
  readonly fresh: boolean;
  /** The SELECT reads the `logs` table itself (its columns are the table's, never null). */
  readonly atTable: boolean;
  /** It has a LIMIT or LIMIT BY: rows it returns are already cut, so no reordering or time fill on it. */
  readonly limited: boolean;
  /**
   * Only pass-through and computed columns (over an optional WHERE and ORDER BY): the names computed here
   * and the names those computations read. A compute may join this SELECT when it reads none of `defined`
   * and its name is none of `read` (an alias never stands in for the column an item reads).
   */
  readonly computes?: { readonly defined: ReadonlySet<string>; readonly read: ReadonlySet<string> };
}

const closed: SelectShape = { fresh: false, atTable: false, limited: false };
const open: SelectShape = { fresh: true, atTable: false, limited: false };

/** The single-input relations (the others are leaves, or read their inputs as subqueries always). */
export type Unary = Extract<Rel, { readonly input: Rel }>;

/**
 * Whether `r` starts a new SELECT over its input, given the input's shape. Relations not listed here
 * always do (window, expand, project, pivot, unpivot, lookup, transaction, consecutive dedup) or read
 * their inputs as subqueries by construction (union, join, paste).
 */
function needsLayer(r: Unary, input: SelectShape): boolean {
  switch (r.kind) {
    case 'filter':
    case 'aggregate':
    case 'sort':
      return !input.fresh;
    case 'dedup':
      return r.consecutive || !input.fresh;
    case 'compute':
      if (input.computes) return joinsNot(r.name, r.expr, input.computes);
      // Over the table, an alias could shadow a table column that the WHERE reads.
      return !input.fresh || input.atTable;
    case 'fill':
    case 'reverse':
      return input.limited;
    case 'take':
      return false;
    case 'window':
    case 'expand':
    case 'project':
    case 'pivot':
    case 'unpivot':
    case 'lookup':
    case 'transaction':
    case 'series-model':
      return true;
    default:
      return assertNever(r, 'relation');
  }
}

function joinsNot(name: string, e: Expr, computes: NonNullable<SelectShape['computes']>): boolean {
  if (computes.read.has(name)) return true;
  for (const c of columnsRead(e)) if (computes.defined.has(c)) return true;
  return false;
}

/**
 * The layering of one statement: which relations start a new SELECT, and the shape of each relation's
 * SELECT. Computed on demand and remembered per relation (a relation shared by two branches is one node).
 *
 * @example new Anchors().newLayer(filter(aggregate(scan))) // true: a WHERE cannot follow a GROUP BY
 */
export class Anchors {
  private readonly shapes = new Map<Rel, SelectShape>();

  /** True when `r` needs a new SELECT over its input's (the input becomes a subquery). */
  newLayer(r: Unary): boolean {
    return needsLayer(r, this.shape(r.input));
  }

  /** The shape of `r`'s SELECT as printed. */
  shape(r: Rel): SelectShape {
    let s = this.shapes.get(r);
    if (!s) {
      s = this.compute(r);
      this.shapes.set(r, s);
    }
    return s;
  }

  private compute(r: Rel): SelectShape {
    switch (r.kind) {
      case 'scan':
        // A computed column of the scan (`_indextime`'s) exists only in its SELECT: what reads it (a WHERE,
        // a GROUP BY that replaces the select list) goes over it.
        return r.indexTimeColumn ? closed : { fresh: true, atTable: true, limited: false };
      case 'values':
      case 'lookup-scan':
      case 'metric-stats':
      case 'paste':
      case 'pivot':
      case 'unpivot':
      case 'window':
      case 'expand':
      case 'project':
      case 'lookup':
      case 'aggregate':
        return closed;
      case 'compute': {
        const below = this.newLayer(r) ? undefined : this.shape(r.input).computes;
        const read = columnsRead(r.expr, new Set(below?.read));
        return { ...closed, computes: { defined: new Set(below?.defined).add(r.name), read } };
      }
      case 'union':
        return open;
      case 'join':
        // Several matches per row are cut with LIMIT BY.
        return { ...closed, limited: (r.max ?? 1) !== 1 && (r.max ?? 1) > 0 };
      case 'transaction':
        // Transactions that never reached their `startswith` are filtered out in a SELECT of its own.
        return r.startsWith !== null && !r.keepEvicted ? open : closed;
      case 'filter':
      case 'sort':
      case 'reverse':
        // Added to the input's SELECT, these leave its shape as it was.
        return this.newLayer(r) ? open : this.shape(r.input);
      case 'take':
        return { ...this.shape(r.input), fresh: false, limited: true, computes: undefined };
      case 'dedup':
        return r.consecutive
          ? open
          : { fresh: false, atTable: !this.newLayer(r) && this.shape(r.input).atTable, limited: true };
      case 'fill':
      case 'series-model':
        return closed;
      default:
        return assertNever(r, 'relation');
    }
  }
}
