// The SPL catalogue for query editors: the commands, options and functions this build of Nexus compiles.

import type { OptionType } from './analyse/options.ts';
import { commands } from './commands/index.ts';
import type { CommandModule } from './commands/types.ts';
import { compile } from './compile.ts';
import type { LookupCatalog } from './lookups.ts';
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
 * when it has a lowering and its example compiles; eval and stats functions come from the function registry
 * (`functions/`).
 *
 * @example buildCatalog().commands.find((c) => c.name === 'timechart')?.options.map((o) => o.name) // ['limit', …, 'span', …]
 */
export function buildCatalog(): SplCatalog {
  const listed = commands
    .filter((c) => c.lower !== undefined || c.source !== undefined)
    .flatMap(entriesOf)
    .filter((c) => compiles(c.example))
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
  return { commands: listed, evalFunctions, statsFunctions };
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
