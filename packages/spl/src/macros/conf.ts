// Parser for Splunk's macros.conf format: `[name(N)]` stanzas with args/definition/iseval/… settings.

import { diagnostic } from '../diagnostics.ts';
import type { Diagnostic, DiagnosticCode, Span } from '../diagnostics.ts';
import { MacroRegistry } from './registry.ts';
import type { MacroDefinition } from './registry.ts';

/** A problem in a macros.conf file: a diagnostic whose span points into the file, plus its line. */
export interface MacroConfError extends Diagnostic {
  /** The `sourceName` given to `parseMacrosConf` (usually the file path). */
  readonly source: string;
  /** 1-based line of the offending stanza or setting. */
  readonly line: number;
}

export interface MacrosConfResult {
  readonly registry: MacroRegistry;
  readonly errors: MacroConfError[];
}

interface Setting {
  readonly value: string;
  readonly line: number;
  readonly span: Span;
}

interface Stanza {
  readonly header: string;
  readonly line: number;
  readonly span: Span;
  readonly settings: Map<string, Setting>;
}

/** One logical line: physical lines joined where they end in a backslash (the newline is kept). */
interface LogicalLine {
  readonly text: string;
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

const KNOWN_KEYS = new Set(['args', 'definition', 'iseval', 'validation', 'errormsg', 'description']);
const ARG_NAME = /^[A-Za-z0-9_-]+$/;
const TRUE = new Set(['1', 'true', 't', 'yes', 'y', 'on']);
const FALSE = new Set(['0', 'false', 'f', 'no', 'n', 'off']);

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

/** Splits a stanza name into the macro's name and declared arity: `foo(2)` → `foo`, 2. */
function splitHeader(header: string): { name: string; arity: number } | undefined {
  if (!header.endsWith(')')) return { name: header, arity: 0 };
  const open = header.lastIndexOf('(');
  const digits = header.slice(open + 1, -1).trim();
  if (open <= 0 || !/^\d{1,3}$/.test(digits)) return undefined;
  return { name: header.slice(0, open).trim(), arity: Number(digits) };
}

/**
 * Parses the text of a macros.conf file. Malformed lines and inconsistent stanzas are reported with
 * their line numbers and skipped; every valid stanza becomes a definition. A repeated stanza merges
 * into the earlier one (later settings win), as Splunk's configuration layering does within a file.
 * Settings outside a stanza and the `[default]` stanza are ignored. Never throws.
 */
export function parseMacrosConf(text: string, sourceName = 'macros.conf'): MacrosConfResult {
  const errors: MacroConfError[] = [];
  const report = (code: DiagnosticCode, message: string, line: number, at: Span, hints: string[] = []) =>
    errors.push({ ...diagnostic(code, message, at, hints), source: sourceName, line });

  const stanzas = new Map<string, Stanza>();
  let current: Stanza | undefined;
  for (const l of logicalLines(text)) {
    const trimmed = l.text.trim();
    const at = { start: l.start, end: l.end };
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (trimmed.startsWith('[')) {
      if (!trimmed.endsWith(']')) {
        report('syntax', `malformed stanza header \`${trimmed}\`: expected \`]\` at the end`, l.line, at);
        current = undefined;
        continue;
      }
      const header = trimmed.slice(1, -1).trim();
      const isDefault = header === 'default';
      current = isDefault ? undefined : stanzas.get(header);
      if (!isDefault && !current) {
        current = { header, line: l.line, span: at, settings: new Map() };
        stanzas.set(header, current);
      }
      continue;
    }
    const eq = l.text.indexOf('=');
    if (eq < 0) {
      report('syntax', `expected \`key = value\` or a \`[stanza]\`, got \`${trimmed}\``, l.line, at);
      continue;
    }
    const key = l.text.slice(0, eq).trim();
    const value = l.text.slice(eq + 1).trim();
    if (!current) continue; // [default], before any stanza, or in a malformed stanza (reported)
    if (!KNOWN_KEYS.has(key)) continue; // Splunk ignores unknown settings too
    current.settings.set(key, { value, line: l.line, span: at });
  }

  const registry = new MacroRegistry();
  for (const s of stanzas.values()) {
    const def = toDefinition(s, sourceName, report);
    if (def) registry.define(def);
  }
  return { registry, errors };
}

type Report = (code: DiagnosticCode, message: string, line: number, at: Span, hints?: string[]) => void;

function toDefinition(s: Stanza, source: string, report: Report): MacroDefinition | undefined {
  const head = splitHeader(s.header);
  if (!head || head.name === '' || /[\s`(),$]/.test(head.name)) {
    report('syntax', `invalid macro stanza name \`[${s.header}]\``, s.line, s.span, [
      'a macro stanza is `[name]`, or `[name(N)]` for a macro with N arguments',
    ]);
    return undefined;
  }
  const { name, arity } = head;
  const argsSetting = s.settings.get('args');
  const args =
    argsSetting === undefined || argsSetting.value === ''
      ? []
      : argsSetting.value.split(',').map((a) => a.trim());
  if (arity === 0 && args.length > 0 && argsSetting) {
    // Splunk ignores `args` on a stanza without an arity; say so, but keep the macro.
    report(
      'semantic',
      `\`args\` ignored: \`[${name}]\` takes no arguments`,
      argsSetting.line,
      argsSetting.span,
      [`name the stanza \`[${name}(${args.length})]\` for a macro with ${args.length} argument(s)`],
    );
    args.length = 0;
  }
  if (args.length !== arity) {
    const at = argsSetting ?? s;
    report(
      'semantic',
      `macro \`[${s.header}]\` declares ${arity} argument(s) but \`args\` lists ${args.length}`,
      at.line,
      at.span,
      args.length > 0
        ? [`rename the stanza \`[${name}(${args.length})]\``]
        : ['add `args = name1, name2, …`'],
    );
    return undefined;
  }
  const bad = args.find((a) => !ARG_NAME.test(a));
  if (bad !== undefined && argsSetting) {
    report(
      'semantic',
      `invalid argument name \`${bad}\` in \`[${s.header}]\`: use letters, digits, \`_\` and \`-\``,
      argsSetting.line,
      argsSetting.span,
    );
    return undefined;
  }
  const dup = args.find((a, i) => args.indexOf(a) !== i);
  if (dup !== undefined && argsSetting) {
    report(
      'semantic',
      `argument \`${dup}\` repeated in \`[${s.header}]\``,
      argsSetting.line,
      argsSetting.span,
    );
    return undefined;
  }
  const definition = s.settings.get('definition');
  if (!definition) {
    report('semantic', `macro \`[${s.header}]\` has no \`definition\``, s.line, s.span);
    return undefined;
  }
  let iseval = false;
  const ev = s.settings.get('iseval');
  if (ev) {
    const v = ev.value.toLowerCase();
    if (TRUE.has(v)) iseval = true;
    else if (!FALSE.has(v)) {
      report(
        'semantic',
        `\`iseval\` must be a boolean (true/false/1/0), got \`${ev.value}\``,
        ev.line,
        ev.span,
      );
      return undefined;
    }
  }
  const validation = s.settings.get('validation')?.value;
  const errormsg = s.settings.get('errormsg')?.value;
  const description = s.settings.get('description')?.value;
  return {
    name,
    args,
    definition: definition.value,
    ...(iseval ? { iseval } : {}),
    ...(validation === undefined ? {} : { validation }),
    ...(errormsg === undefined ? {} : { errormsg }),
    ...(description === undefined ? {} : { description }),
    source,
    line: s.line,
    span: s.span,
  };
}
