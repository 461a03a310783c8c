// The SPL catalogue for query editors: the commands, options and functions this build of Nexus compiles.

import { commandAliases, commandSpecs } from './analyse/options.ts';
import type { OptionType } from './analyse/options.ts';
import { compile } from './compile.ts';
import type { LookupCatalog } from './lookups.ts';
import { grammarOf } from './parser/commands.ts';
import { functions } from './plan/functions.ts';
import { evalFunctionList, statsFunctionList } from './functions/index.ts';

export interface CatalogOption {
  readonly name: string;
  readonly type: OptionType;
  readonly values?: readonly string[];
}

export interface CatalogCommand {
  readonly name: string;
  /** Usage as Splunk's Search Reference writes it, e.g. `timechart [span=<time>] <aggregation>… [BY <field>]`. */
  readonly syntax: string;
  readonly doc: string;
  /** A search using the command that compiles on this service (checked when the catalogue is built). */
  readonly example: string;
  /** Generating commands start a search after a leading `|` (`| makeresults`). */
  readonly generating: boolean;
  /** `key=value` options the service checks, from the analyser's option table. */
  readonly options: readonly CatalogOption[];
}

export interface CatalogFunction {
  readonly name: string;
  /** e.g. `substr(X, start [, length])` */
  readonly signature: string;
  readonly doc: string;
  readonly minArgs: number;
  readonly maxArgs: number;
}

export interface SplCatalog {
  readonly commands: readonly CatalogCommand[];
  readonly evalFunctions: readonly CatalogFunction[];
  readonly statsFunctions: readonly CatalogFunction[];
}

interface CommandDoc {
  readonly syntax: string;
  readonly doc: string;
  readonly example: string;
  readonly generating?: boolean;
}

/**
 * What an editor shows for each command. A command is offered only if it has a typed grammar and its
 * example compiles: commands the planner reports `unsupported` drop out by themselves.
 */
const COMMAND_DOCS: Readonly<Record<string, CommandDoc>> = {
  search: {
    syntax: 'search <terms>',
    doc: 'Keeps the events that match the search terms.',
    example: 'index=main | search status=500',
  },
  where: {
    syntax: 'where <eval-expression>',
    doc: 'Keeps the results for which the expression is true.',
    example: '| makeresults | where 1 < 2',
  },
  eval: {
    syntax: 'eval <field>=<expression> [, <field>=<expression>]…',
    doc: 'Computes fields from expressions.',
    example: '| makeresults | eval x=round(1.5), y=lower("A")',
  },
  stats: {
    syntax: 'stats <aggregation>… [BY <field>…]',
    doc: 'Aggregates the results, one row per group.',
    example: 'index=main | stats count, avg(bytes) BY host',
  },
  chart: {
    syntax: 'chart <aggregation> [OVER <field>] [BY <field>]',
    doc: 'Aggregates into a table: rows over one field, a column per value of another.',
    example: 'index=main | chart count OVER host BY status',
  },
  timechart: {
    syntax: 'timechart [span=<time>] <aggregation>… [BY <field>]',
    doc: 'Aggregates over time buckets: a time series per split value.',
    example: 'index=main | timechart span=1h count BY host',
  },
  eventstats: {
    syntax: 'eventstats <aggregation>… [BY <field>…]',
    doc: 'Adds aggregates to every result, without grouping the results.',
    example: 'index=main | eventstats avg(bytes) AS avg_bytes BY host',
  },
  streamstats: {
    syntax: 'streamstats [window=<int>] <aggregation>… [BY <field>…]',
    doc: 'Adds running aggregates, in result order.',
    example: 'index=main | streamstats count AS n BY host',
  },
  top: {
    syntax: 'top [limit=<int>] <field>… [BY <field>…]',
    doc: 'The most common values of fields, with count and percent.',
    example: 'index=main | top limit=5 host',
  },
  rare: {
    syntax: 'rare [limit=<int>] <field>… [BY <field>…]',
    doc: 'The least common values of fields, with count and percent.',
    example: 'index=main | rare host',
  },
  sort: {
    syntax: 'sort [<limit>] [+|-]<field>…',
    doc: 'Orders the results; `-` sorts descending.',
    example: 'index=main | sort - _time',
  },
  head: {
    syntax: 'head [<count>]',
    doc: 'The first results (10 by default).',
    example: 'index=main | head 20',
  },
  tail: {
    syntax: 'tail [<count>]',
    doc: 'The last results (10 by default).',
    example: 'index=main | tail 5',
  },
  reverse: {
    syntax: 'reverse',
    doc: 'Reverses the order of the results.',
    example: 'index=main | reverse',
  },
  table: {
    syntax: 'table <field>…',
    doc: 'Keeps the listed fields, in that order, as a table.',
    example: 'index=main | table _time, host',
  },
  fields: {
    syntax: 'fields [+|-] <field>…',
    doc: 'Keeps (or with `-` removes) fields.',
    example: 'index=main | fields - _raw',
  },
  rename: {
    syntax: 'rename <field> AS <newname> [, …]',
    doc: 'Renames fields.',
    example: 'index=main | rename host AS server',
  },
  dedup: {
    syntax: 'dedup [<int>] <field>… [keepevents=<bool>]',
    doc: 'Removes results with the same values of the fields.',
    example: 'index=main | dedup host',
  },
  fillnull: {
    syntax: 'fillnull [value=<string>] [<field>…]',
    doc: 'Replaces missing values (0 by default).',
    example: 'index=main | stats count BY host | fillnull value=0',
  },
  rex: {
    syntax: 'rex [field=<field>] "<regex with named groups>"',
    doc: 'Extracts fields with a regular expression (named groups), or edits with mode=sed.',
    example: 'index=main | rex field=_raw "user=(?<user>\\w+)" | table user',
  },
  regex: {
    syntax: 'regex <field>[!]="<regex>"',
    doc: 'Keeps the results whose field matches (or with != does not match) the regular expression.',
    example: 'index=main | regex host="^web"',
  },
  bin: {
    syntax: 'bin [span=<span>|bins=<int>] <field> [AS <newname>]',
    doc: 'Puts numeric or time values into buckets.',
    example: 'index=main | bin span=5m _time | stats count BY _time',
  },
  bucket: {
    syntax: 'bucket [span=<span>|bins=<int>] <field> [AS <newname>]',
    doc: 'Alias of `bin`.',
    example: 'index=main | bucket span=5m _time | stats count BY _time',
  },
  convert: {
    syntax: 'convert [timeformat=<string>] <function>(<field>) [AS <newname>]…',
    doc: 'Converts values: ctime, mktime, num, dur2sec, memk, …',
    example: 'index=main | convert ctime(_time) AS t | table t',
  },
  makemv: {
    syntax: 'makemv [delim=<string>|tokenizer=<regex>] <field>',
    doc: 'Splits a field into a multivalue field.',
    example: '| makeresults | eval x="a,b" | makemv delim="," x',
  },
  mvexpand: {
    syntax: 'mvexpand [limit=<int>] <field>',
    doc: 'One result per value of a multivalue field.',
    example: '| makeresults | eval x=split("a,b", ",") | mvexpand x',
  },
  spath: {
    syntax: 'spath [input=<field>] [output=<field>] [path=<path>]',
    doc: 'Extracts values from JSON or XML.',
    example: '| makeresults | eval j="{\\"a\\": 1}" | spath input=j path=a output=a | table a',
  },
  xmlkv: {
    syntax: 'xmlkv [<field>] [maxinputs=<int>]',
    doc: 'Extracts fields from XML elements.',
    example: 'index=main | xmlkv | table host',
  },
  addtotals: {
    syntax: 'addtotals [row=<bool>] [col=<bool>] [fieldname=<field>] [<field>…]',
    doc: 'Sums numeric fields per row (and optionally per column).',
    example: 'index=main | stats count BY host | addtotals',
  },
  xyseries: {
    syntax: 'xyseries <x-field> <y-name-field> <y-data-field>',
    doc: 'Turns rows into a chart-like table.',
    example: 'index=main | stats count BY host, status | xyseries host status count',
  },
  untable: {
    syntax: 'untable <x-field> <name-field> <value-field>',
    doc: 'Turns a chart-like table back into rows.',
    example: 'index=main | chart count OVER host BY status | untable host status count',
  },
  transaction: {
    syntax: 'transaction <field>… [maxspan=<time>] [maxpause=<time>] [startswith=…] [endswith=…]',
    doc: 'Groups events into transactions.',
    example: 'index=main | transaction host maxspan=5m | table host, duration',
  },
  join: {
    syntax: 'join [type=inner|left|outer] <field>… [ <subsearch> ]',
    doc: 'Joins the results with those of a subsearch.',
    example: 'index=main | join host [search index=audit | stats count AS logins BY host]',
  },
  append: {
    syntax: 'append [ <subsearch> ]',
    doc: 'Appends the results of a subsearch.',
    example: 'index=main | stats count | append [search index=audit | stats count]',
  },
  appendcols: {
    syntax: 'appendcols [override=<bool>] [ <subsearch> ]',
    doc: 'Appends the columns of a subsearch, row by row.',
    example: 'index=main | stats count | appendcols [search index=audit | stats count AS audit]',
  },
  appendpipe: {
    syntax: 'appendpipe [ <subpipeline> ]',
    doc: 'Appends the output of commands run on the current results.',
    example: 'index=main | stats count BY host | appendpipe [stats sum(count) AS count]',
  },
  foreach: {
    syntax: 'foreach <field-pattern>… [ eval <<FIELD>>=… ]',
    doc: 'Runs an eval for each field that matches a pattern.',
    example: '| makeresults | eval a=1, b=2 | foreach a b [eval <<FIELD>>=<<FIELD>>*2]',
  },
  return: {
    syntax: 'return [<count>] <field>…',
    doc: 'Returns values from a subsearch as search terms.',
    example: 'index=main [search index=audit | return host]',
  },
  format: {
    syntax: 'format',
    doc: 'Turns the results of a subsearch into one search string.',
    example: 'index=main | stats count BY host | format',
  },
  lookup: {
    syntax: 'lookup <table> <field> [AS <field>] [OUTPUT <field>…]',
    doc: 'Adds fields from a lookup table.',
    example: '| makeresults | lookup hosts host OUTPUT owner',
  },
  inputlookup: {
    syntax: '| inputlookup <table>',
    doc: 'Reads a lookup table.',
    example: '| inputlookup hosts',
    generating: true,
  },
  outputlookup: {
    syntax: 'outputlookup <table>',
    doc: 'Writes the results to a lookup table (editor or admin role).',
    example: 'index=main | stats count BY host | outputlookup hosts',
  },
  makeresults: {
    syntax: '| makeresults [count=<int>]',
    doc: 'Generates results with only `_time`.',
    example: '| makeresults count=3',
    generating: true,
  },
  mstats: {
    syntax: '| mstats <aggregation>(<metric>)… WHERE index=<index> [BY <dimension>…] [span=<time>]',
    doc: 'Aggregates metrics (on VictoriaMetrics when the service has one).',
    example: '| mstats avg(cpu.usage) WHERE index=metrics span=1m',
    generating: true,
  },
  // Typed grammars not compiled yet: their examples do not compile, so they are left out.
  tstats: {
    syntax: '| tstats <aggregation>… [WHERE …] [BY …]',
    doc: 'Aggregates indexed fields.',
    example: '| tstats count WHERE index=main BY host',
    generating: true,
  },
  iplocation: {
    syntax: 'iplocation <field>',
    doc: 'Adds location fields from an IP address.',
    example: 'index=main | iplocation clientip',
  },
};

/** Percentiles are names with a number (`perc95`, `p99`); the editor offers the common ones. */
const PERCENTILES: readonly CatalogFunction[] = ['perc95', 'p99', 'exactperc50', 'upperperc75'].map(
  (name) => ({
    name,
    signature: `${name}(X)`,
    doc: `The ${/\d+/.exec(name)?.[0] ?? ''}th percentile of X (any number works: perc<N>, p<N>, exactperc<N>, upperperc<N>).`,
    minArgs: 1,
    maxArgs: 1,
  }),
);

/** The examples' lookup table (a tenant's own tables are loaded per query by the service). */
const exampleLookups: LookupCatalog = new Map([['hosts', ['host', 'owner']]]);

function compiles(spl: string): boolean {
  const now = Date.now();
  return compile(spl, {
    orgId: 'catalog',
    earliestMs: now - 3_600_000,
    latestMs: now,
    nowMs: now,
    lookups: exampleLookups,
  }).ok;
}

const generic = grammarOf('\u0000');

function optionsOf(name: string): CatalogOption[] {
  const spec = commandSpecs[commandAliases[name] ?? name];
  if (!spec) return [];
  return Object.entries(spec.options).map(([k, o]) => ({
    name: k,
    type: o.type,
    ...(o.values ? { values: o.values } : {}),
  }));
}

/**
 * Builds the catalogue from the compiler's own tables: a command is listed when the parser has a grammar
 * for it and its example compiles; eval and stats functions come from the function registry (`functions/`).
 *
 * @example buildCatalog().commands.find((c) => c.name === 'timechart')?.options.map((o) => o.name) // ['limit', …, 'span', …]
 */
export function buildCatalog(): SplCatalog {
  const commands = Object.entries(COMMAND_DOCS)
    .filter(([name, d]) => (grammarOf(name) !== generic || name === 'reverse') && compiles(d.example))
    .map(([name, d]): CatalogCommand => ({
      name,
      syntax: d.syntax,
      doc: d.doc,
      example: d.example,
      generating: d.generating === true,
      options: optionsOf(name),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const evalFunctions = Object.values(functions)
    .map((f): CatalogFunction => ({
      name: f.name,
      signature: f.signature,
      doc: f.doc,
      minArgs: f.arity[0],
      maxArgs: f.arity[1],
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const statsFunctions = [
    ...statsFunctionList
      .filter((f) => f.notYet === undefined && !f.percentile)
      .map((f): CatalogFunction => ({
        name: f.name,
        signature: f.signature,
        doc: f.doc,
        minArgs: f.arity[0],
        maxArgs: f.arity[1],
      })),
    ...PERCENTILES,
  ].sort((a, b) => a.name.localeCompare(b.name));
  return { commands, evalFunctions, statsFunctions };
}

let cached: SplCatalog | undefined;

/** The catalogue, built once per process (it depends only on the compiler). */
export function splCatalog(): SplCatalog {
  cached ??= buildCatalog();
  return cached;
}

/** Registered functions without a signature or documentation (for tests: every function is documented). */
export function staleDocs(): string[] {
  const stale: string[] = [];
  for (const f of evalFunctionList) if (!f.signature || !f.doc) stale.push(`eval ${f.name}`);
  for (const f of statsFunctionList) if (!f.signature || !f.doc) stale.push(`stats ${f.name}`);
  return stale;
}
