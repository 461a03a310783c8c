// Which copies of structured fields reach the result unread, so that a list (`tags: ["a","b"]`) comes back
// as a list: `table tags`, `fields tags`, `eval t=tags | table t`.

import type { Expr, Rel } from '../../ir/types.ts';

/** The column names `e` reads. */
export function columnsRead(e: Expr, out: Set<string> = new Set()): Set<string> {
  switch (e.kind) {
    case 'column':
      out.add(e.name);
      break;
    case 'call':
      e.args.forEach((a) => columnsRead(a, out));
      break;
    case 'in-rel':
      e.exprs.forEach((a) => columnsRead(a, out));
      break;
    case 'field':
    case 'literal':
    case 'scalar':
      break;
  }
  return out;
}

/**
 * Per `project` and `compute` node: the columns it makes by copying a structured field that then pass,
 * unread and under any name, through only projections, computes, filters, sorts and takes to the result.
 * Those are printed as `Variant(Array(Nullable(String)), String)` (see `printFieldOutput`); a column that
 * anything reads on the way stays a string, so no other command ever sees the variant.
 */
export function listOutputs(top: Rel): Map<Rel, Set<string>> {
  const out = new Map<Rel, Set<string>>();
  // The names that reach the result unread: all but `except` until a projection names them.
  let all = true;
  let names = new Set<string>();
  const has = (name: string): boolean => (all ? !names.has(name) : names.has(name));
  const drop = (read: Iterable<string>): void => {
    for (const n of read) {
      if (all) names.add(n);
      else names.delete(n);
    }
  };
  let rel: Rel = top;
  for (;;) {
    switch (rel.kind) {
      case 'project': {
        const here = new Set<string>();
        const copied: string[] = [];
        const read = new Set<string>();
        for (const c of rel.columns) {
          if (c.expr.kind === 'field' && has(c.name)) here.add(c.name);
          else if (c.expr.kind === 'column' && has(c.name)) copied.push(c.expr.name);
          else columnsRead(c.expr, read);
        }
        if (here.size > 0) out.set(rel, here);
        all = false;
        names = new Set(copied.filter((n) => !read.has(n) && copied.indexOf(n) === copied.lastIndexOf(n)));
        break;
      }
      case 'compute': {
        if (rel.expr.kind === 'field' && has(rel.name)) out.set(rel, new Set([rel.name]));
        const copy = rel.expr.kind === 'column' && has(rel.name) ? rel.expr.name : undefined;
        // Below this node the name is another column (or none).
        drop([rel.name]);
        if (copy !== undefined) {
          if (all) names.delete(copy);
          else names.add(copy);
        } else drop(columnsRead(rel.expr, new Set()));
        break;
      }
      case 'filter':
        drop(columnsRead(rel.predicate, new Set()));
        break;
      case 'sort':
        drop(rel.keys.reduce((acc, k) => columnsRead(k.expr, acc), new Set<string>()));
        break;
      case 'take':
        break;
      default:
        return out;
    }
    rel = rel.input;
  }
}
