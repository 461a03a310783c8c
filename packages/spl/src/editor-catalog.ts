// The SPL catalogue for query editors: the commands, options and functions this build of Nexus compiles.

import type { OptionType } from './analyse/options.ts';
import { commands } from './commands/index.ts';
import type { CommandModule } from './commands/types.ts';
import { compile } from './compile.ts';
import type { LookupCatalog } from './lookups.ts';
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

function optionsOf(c: CommandModule): CatalogOption[] {
  return Object.entries(c.options?.options ?? {}).map(([k, o]) => ({
    name: k,
    type: o.type,
    ...(o.values ? { values: o.values } : {}),
  }));
}

/** `text` with the command `from` (at the start or after a pipe) written as `to`. */
function renamed(text: string, from: string, to: string): string {
  return text.replace(new RegExp(`(^|\\| )${from}\\b`, 'g'), `$1${to}`);
}

/** A command's catalogue entries: its own, and one per alias. */
function entriesOf(c: CommandModule): CatalogCommand[] {
  const { syntax, example, summary } = c.doc;
  if (syntax === undefined || example === undefined) return [];
  const own: CatalogCommand = {
    name: c.name,
    syntax,
    doc: summary,
    example,
    generating: c.generating === true,
    options: optionsOf(c),
  };
  const aliases = (c.aliases ?? []).map((alias) => ({
    ...own,
    name: alias,
    syntax: renamed(syntax, c.name, alias),
    doc: `Alias of \`${c.name}\`.`,
    example: renamed(example, c.name, alias),
  }));
  return [own, ...aliases];
}

/**
 * Builds the catalogue from the compiler's own tables: a command is listed from its registration (`commands/`)
 * when it has a lowering and its example compiles; eval functions are the planner's function table (with their arity);
 * stats functions are its aggregation table.
 *
 * @example buildCatalog().commands.find((c) => c.name === 'timechart')?.options.map((o) => o.name) // ['limit', …, 'span', …]
 */
export function buildCatalog(): SplCatalog {
  const listed = commands
    .filter((c) => c.lower !== undefined || c.source !== undefined)
    .flatMap(entriesOf)
    .filter((c) => compiles(c.example))
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
  return { commands: listed, evalFunctions, statsFunctions };
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
