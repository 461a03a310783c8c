// Reader for Splunk's .conf format: `[stanza]` headers and `key = value` settings, with backslash continuations.

import type { Span } from '../diagnostics.ts';

export interface ConfSetting {
  readonly value: string;
  /** 1-based line of the setting. */
  readonly line: number;
  readonly span: Span;
}

export interface ConfStanza {
  readonly header: string;
  readonly line: number;
  readonly span: Span;
  /** Settings in file order; a repeated key keeps the last value (Splunk's layering within a file). */
  readonly settings: Map<string, ConfSetting>;
}

/** A line the reader could not take: a malformed header or a line that is neither a setting nor a header. */
export interface ConfProblem {
  readonly message: string;
  readonly line: number;
  readonly span: Span;
}

/** One logical line: physical lines joined where they end in a backslash (the newline is kept). */
interface LogicalLine {
  readonly text: string;
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

function* logicalLines(text: string): Generator<LogicalLine> {
  let at = 0;
  let line = 1;
  while (at < text.length) {
    const start = at;
    const first = line;
    let value = '';
    for (;;) {
      const nl = text.indexOf('\n', at);
      const stop = nl < 0 ? text.length : nl;
      const raw = text.slice(at, stop > at && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop);
      at = nl < 0 ? text.length : nl + 1;
      if (nl >= 0) line++;
      if (raw.endsWith('\\') && at < text.length) {
        value += raw.slice(0, -1) + '\n';
        continue;
      }
      value += raw;
      yield { text: value, line: first, start, end: stop };
      break;
    }
  }
}

/**
 * Reads the stanzas of a .conf file. A repeated stanza merges into the earlier one (later settings win);
 * `[default]` and settings before any stanza are left out, as are the settings of a malformed stanza.
 * Never throws: problems come back with their lines.
 *
 * @example readConf('[foo]\nsearch = a=b\n').stanzas[0].settings.get('search').value  // 'a=b'
 */
export function readConf(text: string): { stanzas: ConfStanza[]; problems: ConfProblem[] } {
  const problems: ConfProblem[] = [];
  const stanzas = new Map<string, ConfStanza>();
  let current: ConfStanza | undefined;
  for (const l of logicalLines(text)) {
    const trimmed = l.text.trim();
    const span = { start: l.start, end: l.end };
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (trimmed.startsWith('[')) {
      if (!trimmed.endsWith(']')) {
        problems.push({
          message: `malformed stanza header \`${trimmed}\`: expected \`]\` at the end`,
          line: l.line,
          span,
        });
        current = undefined;
        continue;
      }
      const header = trimmed.slice(1, -1).trim();
      const isDefault = header === 'default';
      current = isDefault ? undefined : stanzas.get(header);
      if (!isDefault && !current) {
        current = { header, line: l.line, span, settings: new Map() };
        stanzas.set(header, current);
      }
      continue;
    }
    const eq = l.text.indexOf('=');
    if (eq < 0) {
      problems.push({
        message: `expected \`key = value\` or a \`[stanza]\`, got \`${trimmed}\``,
        line: l.line,
        span,
      });
      continue;
    }
    if (!current) continue;
    current.settings.set(l.text.slice(0, eq).trim(), {
      value: l.text.slice(eq + 1).trim(),
      line: l.line,
      span,
    });
  }
  return { stanzas: [...stanzas.values()], problems };
}
