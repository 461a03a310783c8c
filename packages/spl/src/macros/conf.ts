// Parser for Splunk's macros.conf format: `[name(N)]` stanzas with args/definition/iseval/… settings.

import { diagnostic } from '../diagnostics.ts';
import type { Diagnostic, DiagnosticCode, Span } from '../diagnostics.ts';
import { readConf } from '../conf/stanzas.ts';
import type { ConfStanza } from '../conf/stanzas.ts';
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

const KNOWN_KEYS = new Set(['args', 'definition', 'iseval', 'validation', 'errormsg', 'description']);
const ARG_NAME = /^[A-Za-z0-9_-]+$/;
const TRUE = new Set(['1', 'true', 't', 'yes', 'y', 'on']);
const FALSE = new Set(['0', 'false', 'f', 'no', 'n', 'off']);

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

  const conf = readConf(text);
  for (const p of conf.problems) report('syntax', p.message, p.line, p.span);
  const registry = new MacroRegistry();
  for (const s of conf.stanzas) {
    for (const key of [...s.settings.keys()]) if (!KNOWN_KEYS.has(key)) s.settings.delete(key); // Splunk ignores unknown settings too
    const def = toDefinition(s, sourceName, report);
    if (def) registry.define(def);
  }
  return { registry, errors };
}
type Report = (code: DiagnosticCode, message: string, line: number, at: Span, hints?: string[]) => void;

function toDefinition(s: ConfStanza, source: string, report: Report): MacroDefinition | undefined {
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
