// Reads the Prometheus text exposition (as prom-client writes it) back into samples, for assertions.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Every sample line of `text` (comments skipped); label values unescaped. Throws on a malformed line. */
export function parseProm(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (m === null) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL)) {
      labels[l[1] ?? ''] = (l[2] ?? '').replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    out.push({ name: m[1] ?? '', labels, value: Number(m[3]) });
  }
  return out;
}

/**
 * The series of metric `name` as `{ "<value>,<value>": n }`, label values in `keys` order, keeping only samples whose
 * labels include `where`. Compared whole with deepEqual, a stray series fails the test too.
 *
 * @example series(samples, 'nexus_ingest_requests_accepted_total', ['protocol', 'org']) // { 'vector,acme': 2 }
 */
export function series(
  samples: readonly Sample[],
  name: string,
  keys: readonly string[],
  where: Record<string, string> = {},
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of samples) {
    if (s.name !== name) continue;
    if (!Object.entries(where).every(([k, v]) => s.labels[k] === v)) continue;
    out[keys.map((k) => s.labels[k] ?? '').join(',')] = s.value;
  }
  return out;
}
