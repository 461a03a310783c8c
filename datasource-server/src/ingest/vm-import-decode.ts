// Decodes VictoriaMetrics' JSON-lines import format (`/api/v1/import`) into metric samples.

import type { MetricRow } from '../store/types.ts';
import { HEC, IngestError } from './errors.ts';
import { pushSample, seriesHead } from './metric-samples.ts';
import type { IngestContext } from './normalise.ts';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One series per line: `{"metric":{"__name__":"x","job":"y"},"values":[1,2],"timestamps":[t1,t2]}`
 * (timestamps in epoch ms, as many as values; label values are strings). Blank lines are skipped. The
 * first bad line refuses the request (400, naming the line), as VictoriaMetrics does for the whole body.
 *
 * @example decodeVmImport('{"metric":{"__name__":"up"},"values":[1],"timestamps":[1700000000000]}', ctx)
 */
export function decodeVmImport(text: string, ctx: IngestContext): MetricRow[] {
  const out: MetricRow[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim() ?? '';
    if (line === '') continue;
    const where = `line ${i + 1}`;
    const bad = (what: string) => new IngestError(400, HEC.invalidFormat, `${where}: ${what}`);
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw bad('not valid JSON');
    }
    if (!isObject(v) || !isObject(v['metric']))
      throw bad('expected {"metric":{…},"values":[…],"timestamps":[…]}');
    const pairs: [string, string][] = [];
    for (const [k, val] of Object.entries(v['metric'])) {
      if (typeof val !== 'string') throw bad(`label ${JSON.stringify(k)} must be a string`);
      pairs.push([k, val]);
    }
    const values = v['values'];
    const timestamps = v['timestamps'];
    if (!Array.isArray(values) || !Array.isArray(timestamps) || values.length !== timestamps.length) {
      throw bad('"values" and "timestamps" must be arrays of the same length');
    }
    const head = seriesHead(pairs, ctx, where);
    for (let j = 0; j < values.length; j++) {
      const value = values[j];
      const ts = timestamps[j];
      if (typeof value !== 'number' || typeof ts !== 'number')
        throw bad('values and timestamps must be numbers');
      pushSample(out, ctx, head, ts, value, where);
    }
  }
  return out;
}
