// go-plugin's log protocol: one JSON object per stderr line with `@level`, `@message`, `@timestamp`.

export type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** Writes one log line; Grafana's go-plugin client parses it into its own log. */
export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  const line = { '@level': level, '@message': message, '@timestamp': new Date().toISOString(), ...fields };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}
