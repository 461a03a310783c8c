// The SPL catalogue for query editors: the commands, options and functions this build of Nexus compiles.

import { commandAliases, commandSpecs } from './analyse/options.ts';
import type { OptionType } from './analyse/options.ts';
import { compile } from './compile.ts';
import type { LookupCatalog } from './lookups.ts';
import { grammarOf } from './parser/commands.ts';
import { functions } from './plan/functions.ts';
import { aggregationNames } from './plan/stats.ts';

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

interface FunctionDoc {
  readonly signature: string;
  readonly doc: string;
}

const EVAL_DOCS: Readonly<Record<string, FunctionDoc>> = {
  if: { signature: 'if(condition, then, else)', doc: '`then` when the condition is true, else `else`.' },
  case: { signature: 'case(condition, value, …)', doc: 'The value of the first true condition.' },
  validate: {
    signature: 'validate(condition, message, …)',
    doc: 'The message of the first false condition.',
  },
  coalesce: { signature: 'coalesce(X, …)', doc: 'The first argument that is not null.' },
  null: { signature: 'null()', doc: 'Null.' },
  true: { signature: 'true()', doc: 'True.' },
  false: { signature: 'false()', doc: 'False.' },
  now: { signature: 'now()', doc: 'The time the search started, in epoch seconds.' },
  lower: { signature: 'lower(X)', doc: 'X in lower case.' },
  upper: { signature: 'upper(X)', doc: 'X in upper case.' },
  len: { signature: 'len(X)', doc: 'The number of characters of X.' },
  isnull: { signature: 'isnull(X)', doc: 'True when X is null.' },
  isnotnull: { signature: 'isnotnull(X)', doc: 'True when X is not null.' },
  isnum: { signature: 'isnum(X)', doc: 'True when X is a number.' },
  isint: { signature: 'isint(X)', doc: 'True when X is an integer.' },
  isstr: { signature: 'isstr(X)', doc: 'True when X is a string.' },
  tonumber: { signature: 'tonumber(X)', doc: 'X as a number.' },
  tostring: { signature: 'tostring(X)', doc: 'X as a string.' },
  match: { signature: 'match(X, regex)', doc: 'True when X matches the regular expression.' },
  like: { signature: 'like(X, pattern)', doc: 'True when X matches the SQL LIKE pattern (`%`, `_`).' },
  replace: { signature: 'replace(X, regex, replacement)', doc: 'Replaces matches; `\\1` refers to groups.' },
  substr: { signature: 'substr(X, start, [length])', doc: 'Characters of X from `start` (1-based).' },
  trim: { signature: 'trim(X, [chars])', doc: 'X without leading and trailing spaces (or chars).' },
  ltrim: { signature: 'ltrim(X, [chars])', doc: 'X without leading spaces (or chars).' },
  rtrim: { signature: 'rtrim(X, [chars])', doc: 'X without trailing spaces (or chars).' },
  urldecode: { signature: 'urldecode(X)', doc: 'X with URL escapes decoded.' },
  md5: { signature: 'md5(X)', doc: 'The MD5 hash of X, in hex.' },
  sha1: { signature: 'sha1(X)', doc: 'The SHA-1 hash of X, in hex.' },
  sha256: { signature: 'sha256(X)', doc: 'The SHA-256 hash of X, in hex.' },
  sha512: { signature: 'sha512(X)', doc: 'The SHA-512 hash of X, in hex.' },
  round: { signature: 'round(X, [digits])', doc: 'X rounded half away from zero.' },
  abs: { signature: 'abs(X)', doc: 'The absolute value of X.' },
  floor: { signature: 'floor(X)', doc: 'X rounded down.' },
  ceil: { signature: 'ceil(X)', doc: 'X rounded up.' },
  ceiling: { signature: 'ceiling(X)', doc: 'X rounded up.' },
  sqrt: { signature: 'sqrt(X)', doc: 'The square root of X.' },
  exp: { signature: 'exp(X)', doc: 'e to the power X.' },
  ln: { signature: 'ln(X)', doc: 'The natural logarithm of X.' },
  log: { signature: 'log(X, [base])', doc: 'The logarithm of X (base 10 by default).' },
  pow: { signature: 'pow(X, Y)', doc: 'X to the power Y.' },
  pi: { signature: 'pi()', doc: 'π.' },
  min: { signature: 'min(X, …)', doc: 'The smallest of the numbers.' },
  max: { signature: 'max(X, …)', doc: 'The largest of the numbers.' },
  cidrmatch: { signature: 'cidrmatch(cidr, ip)', doc: 'True when the IP address is in the subnet.' },
  relative_time: {
    signature: 'relative_time(time, specifier)',
    doc: 'The time moved by `-1d@d` and the like.',
  },
  strftime: { signature: 'strftime(time, format)', doc: 'The epoch time formatted (`%Y-%m-%d`).' },
  strptime: { signature: 'strptime(X, format)', doc: 'The epoch time of a formatted string.' },
  split: { signature: 'split(X, separator)', doc: 'A multivalue field of the parts of X.' },
  mvcount: { signature: 'mvcount(X)', doc: 'The number of values of X.' },
  mvindex: { signature: 'mvindex(X, start, [end])', doc: 'A value (or a range) of X, 0-based.' },
  mvjoin: { signature: 'mvjoin(X, separator)', doc: 'The values of X joined.' },
  mvappend: { signature: 'mvappend(X, …)', doc: 'A multivalue field of all the values.' },
  mvdedup: { signature: 'mvdedup(X)', doc: 'The distinct values of X.' },
  mvfind: { signature: 'mvfind(X, regex)', doc: 'The index of the first value that matches.' },
};

const STATS_DOCS: Readonly<Record<string, FunctionDoc>> = {
  count: { signature: 'count([X])', doc: 'The number of results (with X: where X is present).' },
  c: { signature: 'c([X])', doc: 'Alias of count.' },
  sum: { signature: 'sum(X)', doc: 'The sum of X.' },
  sumsq: { signature: 'sumsq(X)', doc: 'The sum of the squares of X.' },
  avg: { signature: 'avg(X)', doc: 'The average of X.' },
  mean: { signature: 'mean(X)', doc: 'Alias of avg.' },
  min: { signature: 'min(X)', doc: 'The smallest value of X.' },
  max: { signature: 'max(X)', doc: 'The largest value of X.' },
  range: { signature: 'range(X)', doc: 'max(X) - min(X).' },
  dc: { signature: 'dc(X)', doc: 'The number of distinct values of X.' },
  distinct_count: { signature: 'distinct_count(X)', doc: 'Alias of dc.' },
  estdc: { signature: 'estdc(X)', doc: 'An estimate of the distinct values of X.' },
  estdc_error: { signature: 'estdc_error(X)', doc: 'Like estdc.' },
  stdev: { signature: 'stdev(X)', doc: 'The sample standard deviation of X.' },
  stdevp: { signature: 'stdevp(X)', doc: 'The population standard deviation of X.' },
  var: { signature: 'var(X)', doc: 'The sample variance of X.' },
  varp: { signature: 'varp(X)', doc: 'The population variance of X.' },
  mode: { signature: 'mode(X)', doc: 'The most frequent value of X.' },
  median: { signature: 'median(X)', doc: 'The 50th percentile of X.' },
  values: { signature: 'values(X)', doc: 'The distinct values of X, sorted.' },
  list: { signature: 'list(X)', doc: 'All values of X, in order.' },
  latest: { signature: 'latest(X)', doc: 'The value of X in the newest event.' },
  earliest: { signature: 'earliest(X)', doc: 'The value of X in the oldest event.' },
  first: { signature: 'first(X)', doc: 'The first value of X seen (newest event first).' },
  last: { signature: 'last(X)', doc: 'The last value of X seen.' },
  latest_time: { signature: 'latest_time(X)', doc: 'The newest time at which X is present.' },
  earliest_time: { signature: 'earliest_time(X)', doc: 'The oldest time at which X is present.' },
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

function argNames(n: number): string {
  return Array.from({ length: n }, (_, i) => `X${i + 1}`).join(', ');
}

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
 * for it and its example compiles; eval functions are the planner's function table (with their arity);
 * stats functions are its aggregation table.
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
  const evalFunctions = Object.entries(functions)
    .map(([name, f]): CatalogFunction => {
      const [minArgs, maxArgs] = f.arity;
      const d = EVAL_DOCS[name];
      return {
        name,
        signature: d?.signature ?? `${name}(${argNames(minArgs)})`,
        doc: d?.doc ?? '',
        minArgs,
        maxArgs,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const statsFunctions = [
    ...Object.keys(aggregationNames).map((name): CatalogFunction => {
      const d = STATS_DOCS[name];
      const optional = name === 'count' || name === 'c';
      return {
        name,
        signature: d?.signature ?? `${name}(X)`,
        doc: d?.doc ?? '',
        minArgs: optional ? 0 : 1,
        maxArgs: 1,
      };
    }),
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

/** Documentation entries that name nothing the compiler knows (for tests: docs must not drift). */
export function staleDocs(): string[] {
  const stale: string[] = [];
  for (const name of Object.keys(EVAL_DOCS)) if (!Object.hasOwn(functions, name)) stale.push(`eval ${name}`);
  for (const name of Object.keys(STATS_DOCS))
    if (!Object.hasOwn(aggregationNames, name)) stale.push(`stats ${name}`);
  return stale;
}
