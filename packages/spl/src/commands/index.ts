// The command registry: every SPL command, registered once. The parser (`grammarOf`), the analyser (option
// checks), the planner (`lowerCommand`), the editor catalogue and the generated SPL reference all read it.

import type { Command, CommandKind } from '../ast.ts';
import type { CommandSpec } from '../analyse/options.ts';
import type { CommandGrammar } from '../parser/commands.ts';
import { GENERIC } from '../parser/commands.ts';
import { addtotals } from './addtotals.ts';
import { anomalydetection } from './anomalydetection.ts';
import { anomalousvalue } from './anomalousvalue.ts';
import { analyzefields } from './analyzefields.ts';
import { predict } from './predict.ts';
import { x11 } from './x11.ts';
import { append } from './append.ts';
import { appendcols } from './appendcols.ts';
import { appendpipe } from './appendpipe.ts';
import { apply } from './apply.ts';
import { bin } from './bin.ts';
import { chart } from './chart.ts';
import { contingency } from './contingency.ts';
import { convert } from './convert.ts';
import { datamodel } from './datamodel.ts';
import { correlate } from './correlate.ts';
import { kmeans } from './kmeans.ts';
import { fit } from './fit.ts';
import { summary } from './summary.ts';
import { listmodels } from './listmodels.ts';
import { deletemodel } from './deletemodel.ts';
import { cluster } from './cluster.ts';
import { arules } from './arules.ts';
import { dedup } from './dedup.ts';
import { evalCommand } from './eval.ts';
import { eventcount } from './eventcount.ts';
import { eventstats } from './eventstats.ts';
import { fieldformat } from './fieldformat.ts';
import { fields } from './fields.ts';
import { fieldsummary } from './fieldsummary.ts';
import { fillnull } from './fillnull.ts';
import { foreach } from './foreach.ts';
import { format } from './format.ts';
import { fromCommand } from './from.ts';
import { fromjson } from './fromjson.ts';
import { head } from './head.ts';
import { infrastructureCommands } from './infrastructure.ts';
import { inputlookup } from './inputlookup.ts';
import { geostats } from './geostats.ts';
import { iplocation } from './iplocation.ts';
import { join } from './join.ts';
import { lookup } from './lookup.ts';
import { makemv } from './makemv.ts';
import { makeresults } from './makeresults.ts';
import { map } from './map.ts';
import { metadata } from './metadata.ts';
import { metasearch } from './metasearch.ts';
import { mpreview } from './mpreview.ts';
import { mstats } from './mstats.ts';
import { multisearch } from './multisearch.ts';
import { mvexpand } from './mvexpand.ts';
import { outputlookup } from './outputlookup.ts';
import { pendingCommands } from './pending.ts';
import { pivot } from './pivot.ts';
import { rangemap } from './rangemap.ts';
import { setfields } from './setfields.ts';
import { nomv } from './nomv.ts';
import { bucketdir } from './bucketdir.ts';
import { folderize } from './folderize.ts';
import { xpath } from './xpath.ts';
import { multikv } from './multikv.ts';
import { abstract } from './abstract.ts';
import { localize } from './localize.ts';
import { scrub } from './scrub.ts';
import { tojson } from './tojson.ts';
import { extract } from './extract.ts';
import { mvcombine } from './mvcombine.ts';
import { xmlunescape } from './xmlunescape.ts';
import { requireCommand } from './require.ts';
import { tags } from './tags.ts';
import { outputtext } from './outputtext.ts';
import { diff } from './diff.ts';
import { cofilter } from './cofilter.ts';
import { associate } from './associate.ts';
import { addinfo } from './addinfo.ts';
import { reltime } from './reltime.ts';
import { gentimes } from './gentimes.ts';
import { erex } from './erex.ts';
import { rare } from './rare.ts';
import { regex } from './regex.ts';
import { rename } from './rename.ts';
import { replace } from './replace.ts';
import { returnCommand } from './return.ts';
import { reverse } from './reverse.ts';
import { rex } from './rex.ts';
import { search } from './search.ts';
import { selfjoin } from './selfjoin.ts';
import { set } from './set.ts';
import { sort } from './sort.ts';
import { spath } from './spath.ts';
import { stats } from './stats.ts';
import { strcat } from './strcat.ts';
import { streamingCommands } from './streaming-commands.ts';
import { streamstats } from './streamstats.ts';
import { table } from './table.ts';
import { tail } from './tail.ts';
import { timechart } from './timechart.ts';
import { top } from './top.ts';
import { transaction } from './transaction.ts';
import { tstats } from './tstats.ts';
import { union } from './union.ts';
import { untable } from './untable.ts';
import { where } from './where.ts';
import { xmlkv } from './xmlkv.ts';
import { xyseries } from './xyseries.ts';
import type { CommandModule } from './types.ts';

/**
 * The module of every command with a typed AST node, by its node's kind: a kind without a module (or a
 * module registered under another kind) is a compile error.
 */
export const typedCommands: { readonly [K in Exclude<CommandKind, 'generic'>]: CommandModule<K> } = {
  search,
  where,
  eval: evalCommand,
  stats,
  sort,
  head,
  table,
  fields,
  rename,
  makeresults,
  eventstats,
  streamstats,
  chart,
  timechart,
  tstats,
  mstats,
  top,
  rare,
  convert,
  lookup,
  bin,
  dedup,
  rex,
  regex,
  fillnull,
  spath,
  mvexpand,
  makemv,
  join,
  append,
  appendcols,
  appendpipe,
  foreach,
  transaction,
  xyseries,
  untable,
  tail,
  return: returnCommand,
  format,
  inputlookup,
  outputlookup,
  addtotals,
  iplocation,
  apply,
  xmlkv,
  map,
  replace,
  fromjson,
  from: fromCommand,
  anomalydetection,
  strcat,
  fieldformat,
  metasearch,
};

/** Every registered command: typed ones, generic ones that compile, not-yet ones and Splunk-only ones. */
export const commands: readonly CommandModule[] = [
  ...Object.values(typedCommands),
  reverse,
  datamodel,
  pivot,
  ...streamingCommands,
  rangemap,
  setfields,
  nomv,
  mvcombine,
  extract,
  tojson,
  scrub,
  localize,
  abstract,
  multikv,
  xpath,
  bucketdir,
  folderize,
  xmlunescape,
  addinfo,
  reltime,
  gentimes,
  erex,
  multisearch,
  union,
  set,
  eventcount,
  metadata,
  contingency,
  selfjoin,
  fieldsummary,
  geostats,
  correlate,
  kmeans,
  cluster,
  arules,
  mpreview,
  requireCommand,
  tags,
  outputtext,
  diff,
  cofilter,
  associate,
  anomalousvalue,
  analyzefields,
  predict,
  x11,
  fit,
  summary,
  listmodels,
  deletemodel,
  ...pendingCommands,
  ...infrastructureCommands,
];

const byName: ReadonlyMap<string, CommandModule> = (() => {
  const map = new Map<string, CommandModule>();
  for (const c of commands) {
    for (const name of [c.name, ...(c.aliases ?? [])]) {
      if (map.has(name)) throw new Error(`bug: the command \`${name}\` is registered twice`);
      map.set(name, c);
    }
  }
  return map;
})();

/** The command registered under `name` or one of its aliases (case-insensitive). */
export function commandByName(name: string): CommandModule | undefined {
  return byName.get(name.toLowerCase());
}

/** The module of a parsed command: by its kind, or for a generic node by its name. */
export function moduleOf(c: Command): CommandModule | undefined {
  return c.kind === 'generic' ? commandByName(c.name.name) : typedCommands[c.kind];
}

/** Every command name Nexus knows (with aliases), for "did you mean …?". */
export const commandNames: readonly string[] = [...byName.keys()];

/** The grammar of the command `name` (matched case-insensitively); `generic` for commands without a typed node. */
export function grammarOf(name: string): CommandGrammar {
  return commandByName(name)?.grammar ?? GENERIC;
}

/** The options the analyser checks for the command `name` (or an alias), if it declares them. */
export function optionsOf(name: string): CommandSpec | undefined {
  return commandByName(name)?.options;
}

/** Commands whose options Nexus checks, by name (aliases included). */
export const commandSpecs: Readonly<Record<string, CommandSpec>> = Object.fromEntries(
  [...byName].flatMap(([name, c]) => (c.options ? [[name, c.options]] : [])),
);
