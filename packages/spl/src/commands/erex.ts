// `erex`: extracts a field from examples of its values; Splunk derives the regular expression with its own
// learner. Nexus reports it with the way to write the expression instead.

import { diagnostic } from '../diagnostics.ts';
import type { CommandModule } from './types.ts';

/**
 * Why `erex` is refused: the expression Splunk learns from the examples depends on its private learning
 * algorithm and on the events it samples, so a derived expression would extract different values than
 * Splunk does for the same search; `rex` with the expression written out gives the same result everywhere.
 */
export const EREX_REASON =
  'Splunk derives `erex`’s regular expression with its own learning algorithm from the events it samples; Nexus cannot reproduce that expression, so the values would differ.';

export const erex: CommandModule<'generic'> = {
  name: 'erex',
  kind: 'generic',
  status: 'not-yet',
  reason: EREX_REASON,
  doc: {
    summary: 'Extracts fields from examples of their values (a regular expression is derived).',
    syntax:
      'erex <field> examples=<string> [counterexamples=<string>] [fromfield=<field>] [maxtrainers=<int>]',
    differences: [
      'Refused with a diagnostic that says why; write the expression with `rex` (Splunk shows the one it learned).',
    ],
  },
  lower(c, s, ctx) {
    ctx.errors.push(
      diagnostic('unsupported', `\`erex\` is not supported: ${EREX_REASON}`, c.name.span, [
        'write the expression with `rex`, e.g. `rex field=_raw "from (?<ip>\\d+\\.\\d+\\.\\d+\\.\\d+)"`; Splunk’s job inspector shows the expression `erex` learned',
      ]),
    );
    return s;
  },
};
