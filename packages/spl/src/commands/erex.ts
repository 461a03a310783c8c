// `erex`: extracts a field from examples of its values, with a regular expression learned from the events.

import { positive, str } from '../analyse/options.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Rel } from '../ir/types.ts';
import { call, lit } from '../ir/types.ts';
import { toStr } from '../plan/coerce.ts';
import type { ErexTraining } from '../plan/erex-learn.ts';
import { escapeRegex } from '../plan/erex-learn.ts';
import type { State } from '../plan/index.ts';
import { checkRegex, extractGroups } from '../plan/rex.ts';
import { genericArgs, noMoreWords, optionOf } from './generic-args.ts';
import type { CommandModule } from './types.ts';

/** Splunk's default `maxtrainers`, and its bounds (Search Reference, erex). */
const DEFAULT_MAXTRAINERS = 100;
const MAX_MAXTRAINERS = 1000;

/** The one column of the trainers' statement: the `fromfield` of each event. */
export const TRAINER_COLUMN = 'erex_trainer';

/** A field name that can name a regular expression's group (the learned expression's). */
const GROUP_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `"7/01, 07/02"` → `['7/01', '07/02']`: a comma-separated list, each value trimmed. */
const list = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

/**
 * The message Splunk shows with the learned expression, as the `rex` that does the same extraction.
 *
 * @example erexMessage('port', '_raw', 'port (?<port>\\d+)') // => 'Successfully learned regex. Consider using: | rex "port (?<port>\\d+)"'
 */
export function erexMessage(fromfield: string, regex: string): string {
  const field = fromfield === '_raw' ? '' : `field=${fromfield} `;
  return `Successfully learned regex. Consider using: | rex ${field}"${regex.replace(/"/g, '\\"')}"`;
}

/**
 * The trainers' statement: the `fromfield` (as text) of the first `maxtrainers` results of the search before
 * `erex` holding an example or a counterexample, in the search's order.
 */
function trainers(s: State, fromfield: string, values: readonly string[], max: number): Rel {
  const value = toStr(s.scope.resolve(fromfield));
  const holds = call('match', [value, lit(values.map(escapeRegex).join('|'))], 'bool');
  const kept: Rel = {
    kind: 'filter',
    input: s.rel,
    predicate: call('coalesce', [holds, lit(false)], 'bool'),
  };
  return {
    kind: 'project',
    input: { kind: 'take', input: kept, limit: max },
    columns: [{ name: TRAINER_COLUMN, expr: value }],
    keepRaw: false,
  };
}

export const erex: CommandModule<'generic'> = {
  name: 'erex',
  kind: 'generic',
  status: 'partly',
  options: {
    placement: 'anywhere',
    options: { examples: str, counterexamples: str, fromfield: str, maxtrainers: positive },
  },
  doc: {
    summary:
      'Extracts a field from examples of its values, with a regular expression learned from the events.',
    syntax:
      'erex <field> examples=<string> [counterexamples=<string>] [fromfield=<field>] [maxtrainers=<int>]',
    example: 'index=main | erex port examples="8080, 443" | table port',
    differences: [
      'The regular expression is learned by Nexus’s own algorithm, not Splunk’s: it may differ in form from the one Splunk shows (the values it extracts from the events are what Nexus keeps to). The learned expression comes back in the response’s `meta.messages` (and a Splunk REST job’s messages) as Splunk words it (“Successfully learned regex. Consider using: | rex …”).',
      'Nexus learns from the `fromfield` of the first `maxtrainers` events of the search before `erex` that hold an example or a counterexample: the learned expression extracts from each of them one of the examples it holds as a whole value, and no counterexample; when none does, a 400 at `examples=` says so. Candidates go from the most general to the most specific: the left context (a key such as `port ` that two trainers share, or the nearest token, then more tokens), each example’s characters by class (`\\d+/\\d+`), one class for all, their lengths, then a right context, and the examples written out last.',
      'An example that occurs in no trainer is a 400 (“none of the examples occurs in …”), where Splunk’s page says the command fails.',
      'The expression is RE2’s (no lookaround). `<field>` is required (Splunk’s syntax shows it optional without saying what is extracted then) and must be a group name (letters, digits and `_`).',
      'Learning reads the events when the search runs: `/query/spl/compile` and `explain` show the search before learning (the field null). Not in a `map` template (a positioned diagnostic).',
    ],
  },
  lower(c, s, ctx) {
    const { errors } = ctx;
    const { options, words } = genericArgs(c, errors);
    const [word, ...extra] = words;
    noMoreWords('erex', extra, errors, 'one field name');
    const examplesOpt = optionOf(options, 'examples');
    if (!word || !examplesOpt) {
      const missing = word ? '`examples=<values>`' : 'a field name and `examples=<values>`';
      errors.push(diagnostic('syntax', `\`erex\` needs ${missing}`, c.name.span));
      return s;
    }
    if (!GROUP_NAME.test(word.text)) {
      errors.push(
        diagnostic(
          'unsupported',
          `\`erex\` names the learned expression's group after its field: \`${word.text}\` must be letters, digits and \`_\` (not starting with a digit)`,
          word.span,
        ),
      );
      return s;
    }
    const examples = list(examplesOpt.value.text);
    if (examples.length === 0) {
      errors.push(diagnostic('semantic', '`examples=` needs at least one value', examplesOpt.value.span));
      return s;
    }
    const counterexamples = list(optionOf(options, 'counterexamples')?.value.text);
    const fromfield = optionOf(options, 'fromfield')?.value.text ?? '_raw';
    const maxtrainers = maxTrainers(optionOf(options, 'maxtrainers')?.value, errors);
    if (maxtrainers === undefined) return s;
    const learned = ctx.options.learned?.find((l) => l.at === c.span.start);
    if (learned) {
      // The learner writes RE2's subset; checked again, as `rex` checks an expression written by hand.
      const problem = checkRegex(learned.regex, examplesOpt.value.span);
      if (problem) {
        errors.push(problem);
        return s;
      }
      return extractGroups(s, s.scope.resolve(fromfield), learned.regex, 1, c.span);
    }
    const training: ErexTraining = {
      at: c.span.start,
      field: word.text,
      examples,
      counterexamples,
      fromfield,
      maxtrainers,
      span: examplesOpt.value.span,
      rel: trainers(s, fromfield, [...examples, ...counterexamples], maxtrainers),
    };
    if (!ctx.trainings) {
      errors.push(diagnostic('unsupported', '`erex` is not supported here', c.name.span));
      return s;
    }
    ctx.trainings.push(training);
    // Until the service has learned the expression, the field is null (the search does not run so).
    const expr = call('tostring', [lit(null)], 'string', c.span);
    return {
      rel: { kind: 'compute', input: s.rel, name: word.text, expr },
      scope: s.scope.with(word.text, 'string'),
    };
  },
};

/** `maxtrainers=` (1 to 1000, 100 by default); undefined (reported) when out of range. */
function maxTrainers(
  value: { readonly text: string; readonly span: Span } | undefined,
  errors: Diagnostic[],
): number | undefined {
  if (!value) return DEFAULT_MAXTRAINERS;
  const n = Number(value.text);
  if (Number.isInteger(n) && n >= 1 && n <= MAX_MAXTRAINERS) return n;
  errors.push(
    diagnostic('semantic', `\`maxtrainers\` must be a whole number from 1 to ${MAX_MAXTRAINERS}`, value.span),
  );
  return undefined;
}
