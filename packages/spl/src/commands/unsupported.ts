// The diagnostics for commands Nexus does not compile: not yet (a real SPL command), or unknown.

import type { Command } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic, nearest } from '../diagnostics.ts';
import type { State } from '../plan/index.ts';
import type { CommandModule } from './types.ts';

/**
 * A command that is not compiled: `unsupported` at its name, the state unchanged. A command that only exists
 * inside Splunk says why, with the Grafana or Nexus way to do the same as a hint where there is one.
 */
export function notSupportedYet(
  c: Command,
  s: State,
  errors: Diagnostic[],
  module?: Pick<CommandModule, 'status' | 'reason' | 'instead'>,
): State {
  const name = c.name.name;
  if (module?.status === 'infrastructure') {
    const why = module.reason ? ` ${module.reason}` : '';
    errors.push(
      diagnostic(
        'unsupported',
        `the \`${name}\` command works only inside Splunk, not in Nexus.${why}`,
        c.name.span,
        module.instead ? [`instead: ${module.instead}`] : [],
      ),
    );
    return s;
  }
  errors.push(diagnostic('unsupported', `the \`${name}\` command is not supported yet`, c.name.span));
  return s;
}

/** A name that is no command: `unsupported` at it, with the nearest command names. */
export function unknownCommand(c: Command, names: Iterable<string>, errors: Diagnostic[]): void {
  errors.push(
    diagnostic(
      'unsupported',
      `unknown command \`${c.name.name}\``,
      c.name.span,
      nearest(c.name.name.toLowerCase(), names).map((n) => `did you mean \`${n}\`?`),
    ),
  );
}

/** A generating command found after the first command: a diagnostic at its name, the state unchanged. */
export function notFirst(c: Command, s: State, errors: Diagnostic[]): State {
  errors.push(
    diagnostic(
      'semantic',
      `\`${c.name.name}\` is a generating command: it must come first, after a \`|\``,
      c.name.span,
    ),
  );
  return s;
}
