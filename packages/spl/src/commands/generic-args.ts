// The arguments of a command parsed with the generic grammar (`key=value` options and words), for the
// commands whose syntax is only options and names (`rangemap`, `setfields`, `nomv`, `addinfo` …).

import type { CommandOption, GenericArg, GenericCommand } from '../ast.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Column } from '../ir/types.ts';
import { col } from '../ir/types.ts';
import type { State } from '../plan/index.ts';

/** A positional word of a generic command (a field name, a quoted string). */
export interface Word {
  readonly text: string;
  readonly quoted: boolean;
  readonly span: Span;
}

/**
 * The options and words of `c`; a subsearch or a parenthesised group (which these commands do not take) is
 * reported at its span.
 */
export function genericArgs(
  c: GenericCommand,
  errors: Diagnostic[],
): { options: CommandOption[]; words: Word[] } {
  const options: CommandOption[] = [];
  const words: Word[] = [];
  const visit = (a: GenericArg): void => {
    if (a.kind === 'option') options.push(a);
    else if (a.kind === 'generic-word') words.push({ text: a.text, quoted: a.quoted, span: a.span });
    else
      errors.push(
        diagnostic(
          'syntax',
          `\`${c.name.name}\` takes no ${a.kind === 'generic-group' ? 'parenthesised group' : 'subsearch'}`,
          a.span,
        ),
      );
  };
  c.args.forEach((a, i) => {
    const before = c.args[i - 1];
    // `size=count(uri)`: a value written as a call (the generic grammar reads the group apart, and the
    // formatter writes it back with a space) is one value.
    if (a.kind === 'generic-group' && before?.kind === 'option') {
      const last = options[options.length - 1];
      const inner = a.args.every((x) => x.kind === 'generic-word')
        ? a.args.map((x) => (x.kind === 'generic-word' ? x.text : ''))
        : undefined;
      if (last === before && inner) {
        const text = `${before.value.text}(${inner.join(', ')})`;
        const span = { start: before.value.span.start, end: a.span.end };
        options[options.length - 1] = {
          ...before,
          value: { ...before.value, text, span },
          span: { start: before.span.start, end: a.span.end },
        };
        return;
      }
    }
    visit(a);
  });
  return { options, words };
}

/** The option `key` (case-insensitive), the last one when repeated (as Splunk reads them). */
export function optionOf(options: readonly CommandOption[], key: string): CommandOption | undefined {
  return options.filter((o) => o.key.name.toLowerCase() === key).pop();
}

/** Reports words a command does not take (`nomv a b`: only one field). */
export function noMoreWords(
  command: string,
  extra: readonly Word[],
  errors: Diagnostic[],
  what: string,
): void {
  for (const w of extra) {
    errors.push(diagnostic('syntax', `\`${command}\` takes ${what}, found \`${w.text}\``, w.span));
  }
}

/**
 * `s` with its columns back in the order `before` had them (a command that replaced some values in place):
 * results after a transforming command only; raw events are shown by their fields, not in column order.
 */
export function keepColumnOrder(s: State, before: readonly Column[]): State {
  if (s.scope.raw) return s;
  const now = new Map(s.scope.columns.map((c) => [c.name, c.type]));
  const columns = [
    ...before.filter((c) => now.has(c.name)).map((c) => ({ name: c.name, type: now.get(c.name) ?? c.type })),
    ...s.scope.columns.filter((c) => !before.some((b) => b.name === c.name)),
  ];
  return {
    rel: {
      kind: 'project',
      input: s.rel,
      columns: columns.map((c) => ({ name: c.name, expr: col(c.name, c.type) })),
      keepRaw: false,
    },
    scope: s.scope.project(columns, false),
  };
}
