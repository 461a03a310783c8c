// Expands the series map of pivoted results (timechart/chart with a split-by field, xyseries) into one
// column per series. The statement returns the map as name/value pairs, every row holding every series
// in Splunk's column order, so the columns are the first row's names.

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
  for (const row of rows) {
    for (const [name] of pairsOf(row)) {
      if (seen.has(name) || others.has(name)) continue;
      seen.add(name);
      names.push(name);
    }
  }
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
