// Test helper: the rows of the `logs` table matching a condition, in a shape easy to compare.

import type { Store } from '../../src/store/types.ts';

/**
 * Rows of `logs` WHERE `where` (a condition with `{name:Type}` parameters), ordered by time and text.
 *
 * @example await logRows(env.store, 'host = {h:String}', { h: 'web-1' })
 */
export async function logRows(store: Store, where: string, params: Record<string, unknown> = {}) {
  const r = await store.query({
    sql: `SELECT org_id, \`index\`, toUnixTimestamp64Milli(_time) AS t, host, source, sourcetype, _raw, toJSONString(fields) AS f
          FROM logs WHERE ${where} ORDER BY _time, _raw`,
    params,
  });
  return r.rows.map(([org, index, t, host, source, sourcetype, raw, f]) => ({
    org,
    index,
    t: Number(t),
    host,
    source,
    sourcetype,
    raw,
    fields: JSON.parse(String(f)) as Record<string, unknown>,
  }));
}
