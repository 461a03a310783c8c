// What a command registers: its grammar, options, documentation, status and lowering to the IR.

import type { Command, CommandKind, Pipeline } from '../ast.ts';
import type { CommandSpec } from '../analyse/options.ts';
import type { TimeRange } from '../analyse/index.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { CommandGrammar } from '../parser/commands.ts';
import type { ExprContext } from '../plan/coerce.ts';
import type { PlanOptions, State } from '../plan/index.ts';
import type { Rel } from '../ir/types.ts';
import type { ModelSave } from '../plan/density.ts';
import type { ModelDelete } from '../models.ts';
import type { LookupWrite } from '../plan/lookup.ts';
import type { ErexTraining } from '../plan/erex-learn.ts';
import type { SubsearchText } from '../plan/subsearch-text.ts';

/** The AST node of each command kind. */
type CommandByKind = { [C in Command as C['kind']]: C };

/** The AST node of the command kind `K`. */
export type CommandOf<K extends CommandKind> = CommandByKind[K];

/**
 * How far Nexus compiles a command:
 * - `supported`: compiled with Splunk's semantics;
 * - `partly`: compiled, with the limits `doc.differences` lists (each one an `unsupported` diagnostic);
 * - `not-yet`: a real SPL command Nexus does not compile yet (an `unsupported` diagnostic at its name);
 * - `infrastructure`: a command that only makes sense inside Splunk (its indexes, jobs, scripts, e-mail):
 *   `reason` says why, `instead` names the Grafana or Nexus way where there is one.
 */
export type CommandStatus = 'supported' | 'partly' | 'not-yet' | 'infrastructure';

export interface CommandDoc {
  /** One sentence: what the command does. */
  readonly summary: string;
  /** Usage as Splunk's Search Reference writes it, e.g. `timechart [span=<time>] <aggregation>… [BY <field>]`. */
  readonly syntax?: string;
  /** A search using the command that compiles on Nexus (checked by the editor catalogue and a test). */
  readonly example?: string;
  /** What Nexus does differently from Splunk, one sentence each. */
  readonly differences?: readonly string[];
  /** The page of Splunk's Search Reference (9.4) that documents the command; default: its name. */
  readonly page?: string;
  /** An app's documentation page for a command outside the Search Reference (the link replaces `page`'s). */
  readonly url?: string;
}

/** What planning a command needs besides the command: the query, the plan's options, the (sub)search. */
export interface PlanContext {
  /** The query text (subsearches and `foreach` templates are re-read from it). */
  readonly text: string;
  readonly options: PlanOptions;
  /** This (sub)search's time range. */
  readonly range: TimeRange;
  readonly errors: Diagnostic[];
  /** Plans a subsearch with its own time range (all but its last `skipLast` commands). */
  planPipeline(p: Pipeline, skipLast?: number): State | undefined;
  /** Lowers another command (a subpipeline's), reporting into `errors` (default: this context's). */
  lowerCommand(c: Command, s: State, errors?: Diagnostic[]): State;
  /** Plans the subsearches found in search expressions (`[search …]` as terms). */
  readonly subsearch: SubsearchPlanner;
  /**
   * Where an `outputlookup` that is not the search's last command (in a subsearch, or followed by more
   * commands) records the rows it writes; shared by the search and its subsearches.
   */
  readonly writes?: LookupWrite[];
  /** Where an `erex` not learned yet records its trainers' search; shared by the search and its subsearches. */
  readonly trainings?: ErexTraining[];
  /** Where a subsearch whose rows are inserted as search text is recorded; shared like `trainings`. */
  readonly texts?: SubsearchText[];
  /** Where `fit … into` records the model to save; only the search itself has one (not a subsearch). */
  readonly saves?: ModelSave[];
  /** Where `| deletemodel` records the model to delete; only the search itself has one. */
  readonly deletes?: ModelDelete[];
}

/** What a lowering gets besides its command and the state before it. */
export interface LowerContext extends PlanContext {
  /** The eval-expression context over the state before the command. */
  readonly expr: ExprContext;
}

/** Plans a subsearch found in a search expression; undefined when it cannot be planned. */
export type SubsearchPlanner = (p: Pipeline, withoutLast?: boolean) => PlannedSubsearch | undefined;

/** A subsearch planned by a `SubsearchPlanner`. */
export interface PlannedSubsearch {
  readonly rel: Rel;
  readonly columns: readonly { name: string }[];
  readonly raw: boolean;
  /** Where a subsearch whose rows are inserted as search text is recorded (shared by the whole search). */
  readonly texts?: SubsearchText[];
  /** The (macro-expanded) query text its spans are in. */
  readonly text?: string;
  /** It holds an `erex` not learned yet (its rows are not known until the service learns it). */
  readonly learning?: boolean;
}

/**
 * One SPL command, registered once in `commands/index.ts`: the parser takes its grammar, the analyser its
 * options, the planner its lowering, the editor catalogue and the generated SPL reference its documentation.
 *
 * @example
 *   export const tail: CommandModule<'tail'> = {
 *     name: 'tail', kind: 'tail', status: 'supported',
 *     grammar: { mode: 'args', body: tailBody },
 *     doc: { summary: 'The last results (10 by default).', syntax: 'tail [<count>]', example: 'index=main | tail 5' },
 *     lower: (c, s) => tail(c, s),
 *   };
 */
export interface CommandModule<K extends CommandKind = CommandKind> {
  /** The name as typed, lower case. */
  readonly name: string;
  /** The AST node the grammar builds; `generic` for commands parsed without a typed grammar. */
  readonly kind: K;
  /** Other names of the same command (`bucket` for `bin`): same grammar, options and lowering. */
  readonly aliases?: readonly string[];
  /** Lexer mode and grammar; absent: the generic grammar (options, words, groups, subsearches). */
  readonly grammar?: CommandGrammar<CommandOf<K>>;
  /** `key=value` options the analyser checks; absent: the arguments are not checked. */
  readonly options?: CommandSpec;
  /** Generating commands start a search after a leading `|` (`| makeresults`). */
  readonly generating?: boolean;
  /** Its `[…]` argument is a subpipeline of commands (`appendpipe [stats count]`), not a subsearch. */
  readonly subpipeline?: boolean;
  readonly doc: CommandDoc;
  readonly status: CommandStatus;
  /** Why a `not-yet` or `infrastructure` command is not compiled. */
  readonly reason?: string;
  /** The Grafana or Nexus way to do what an `infrastructure` command does, where there is one. */
  readonly instead?: string;
  /** A Splunk app that brings the command (not part of Splunk's own Search Reference). */
  readonly app?: string;
  /**
   * The command lowered onto the state before it; absent: `unsupported` at its name. (Method syntax: a
   * module is used only for commands of its own kind, which the table in `commands/index.ts` guarantees.)
   */
  lower?(c: CommandOf<K>, s: State, ctx: LowerContext): State;
  /**
   * A generating command (or the search) as the first command of a (sub)search: the state it starts;
   * undefined when it cannot start (the diagnostics say why).
   */
  source?(c: CommandOf<K>, ctx: PlanContext): State | undefined;
}
