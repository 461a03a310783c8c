// The plugin's own counters, served as Prometheus text through `Diagnostics/CollectMetrics`.

const counters = new Map<string, { help: string; values: Map<string, number> }>();

function series(name: string, help: string): Map<string, number> {
  let c = counters.get(name);
  if (!c) {
    c = { help, values: new Map() };
    counters.set(name, c);
  }
  return c.values;
}

const labelText = (labels: Readonly<Record<string, string>>): string => {
  const parts = Object.entries(labels).map(
    ([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
  );
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
};

/** Adds `by` to counter `name` with `labels`. */
export function count(
  name: string,
  help: string,
  labels: Readonly<Record<string, string>> = {},
  by = 1,
): void {
  const s = series(name, help);
  const key = labelText(labels);
  s.set(key, (s.get(key) ?? 0) + by);
}

/** Every counter in Prometheus' text exposition format. */
export function prometheusText(): string {
  const lines: string[] = [];
  for (const [name, c] of counters) {
    lines.push(`# HELP ${name} ${c.help}`, `# TYPE ${name} counter`);
    for (const [labels, v] of c.values) lines.push(`${name}${labels} ${v}`);
  }
  return `${lines.join('\n')}\n`;
}
