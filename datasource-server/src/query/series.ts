// Expands the series map of pivoted results (timechart/chart with a split-by field, xyseries) into one
// column per series. The statement returns the map as name/value pairs, every row holding every series
// in Splunk's column order, so the columns are the first row's names. A map of raw events' structured fields
// (`table src*`, `stats values(*)` over raw events) holds each row's own fields, in name order: its columns
// are every name of any row, in name order.

import { seriesColumn } from '@nexus/spl';

export interface ResultColumn {
  name: string;
  type: string;
}

const pairsType = /^Array\(Tuple\(String, (.+)\)\)$/;

/**
 * `columns`/`rows` with the `_series` column replaced by its series, in place. Values keep the map's
 * ClickHouse value type (`Nullable(Float64)` for statistics). A series named like another column is
 * left out: the column wins.
 */
export function expandSeries(
  columns: readonly ResultColumn[],
  rows: readonly unknown[][],
): { columns: ResultColumn[]; rows: unknown[][] } {
  const at = columns.findIndex((c) => c.name === seriesColumn);
  const column = columns[at];
  if (!column) return { columns: [...columns], rows: [...rows] };
  const valueType = pairsType.exec(column.type)?.[1] ?? 'Nullable(String)';
  const others = new Set(columns.filter((c) => c.name !== seriesColumn).map((c) => c.name));
  const pairsOf = (row: readonly unknown[]): [string, unknown][] => {
    const v = row[at];
    return Array.isArray(v)
      ? v.filter((p): p is [string, unknown] => Array.isArray(p) && typeof p[0] === 'string')
      : [];
  };
  const names: string[] = [];
  const seen = new Set<string>();
  let ordered = true;
  for (const row of rows) {
    let last: string | undefined;
    for (const [name] of pairsOf(row)) {
      if (last !== undefined && byName(last, name) >= 0) ordered = false;
      last = name;
      if (seen.has(name) || others.has(name)) continue;
      seen.add(name);
      names.push(name);
    }
  }
  // Every row's names in name order: the fields of each row (a pivot's rows all hold the same names, so
  // sorting them changes nothing there); else a pivot's own column order.
  if (ordered) names.sort(byName);
  const expanded = rows.map((row) => {
    const values = new Map(pairsOf(row));
    return [...row.slice(0, at), ...names.map((n) => values.get(n) ?? null), ...row.slice(at + 1)];
  });
  return {
    columns: [
      ...columns.slice(0, at),
      ...names.map((name) => ({ name, type: valueType })),
      ...columns.slice(at + 1),
    ],
    rows: expanded,
  };
}

/** Names in ClickHouse's `arraySort` order for strings: by their UTF-8 bytes. */
function byName(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
