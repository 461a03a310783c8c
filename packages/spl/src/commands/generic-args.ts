// The arguments of a command parsed with the generic grammar (`key=value` options and words), for the
// commands whose syntax is only options and names (`rangemap`, `setfields`, `nomv`, `addinfo` …).

import type { CommandOption, GenericArg, GenericCommand } from '../ast.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';

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
  c.args.forEach(visit);
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
