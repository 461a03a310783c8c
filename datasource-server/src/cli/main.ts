// The `nexus` command line: `nexus spl parse|compile` for one query, or one per line with --jsonl;
// `nexus tokens` manages service tokens and `nexus backup` backups through the admin API; `nexus consumer` runs
// the Kafka consumer; `nexus schema` prints the DDL.

import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { compile, parseWithMacros } from '@nexus/spl';
import { loadMacroFiles } from '../query/macros.ts';
import type { MacroRegistry } from '@nexus/spl';
import { positionDiagnostic } from '@nexus/spl';
import { format } from '@nexus/spl';
import { resolveTime } from '@nexus/spl';
import type { LookupCatalog } from '@nexus/spl';
import { lookupCatalogFromJson } from '@nexus/spl';
import { readFile } from 'node:fs/promises';
import { tokensCommand, tokensUsage } from './tokens.ts';
import { detectionsCommand, detectionsUsage } from './detections.ts';
import { knowledgeCommand, knowledgeUsage } from './knowledge.ts';
import { consumerCommand, consumerUsage } from './consumer.ts';
import { schemaCommand, schemaUsage } from './schema.ts';
import { backupCommand, backupUsage } from './backup.ts';

export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** Exit codes: 0 all succeeded, 1 some query failed, 2 usage error. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

const usage = `usage:
  nexus spl parse [--json] QUERY
  nexus spl fmt [--json] QUERY
  nexus spl compile [--target clickhouse] [--json] [--org ORG] [--earliest T] [--latest T] QUERY
  nexus spl parse|compile|fmt --jsonl < queries.jsonl   (one {"search"|"query": …} object per line)

Options:
  --json       print the result as JSON (AST for parse; SQL and params for compile)
  --jsonl      read JSON lines from stdin and write one result line per input line
  --target     compilation target: clickhouse (default)
  --org        tenant the compiled SQL is restricted to (default: default)
  --earliest   start of the time range, Splunk syntax (default: -24h)
  --latest     end of the time range (default: now)
  --macros     a macros.conf file; its macros are expanded before parsing (may be repeated)
  --lookups    a JSON file of lookup table columns, {"users": ["user", "dept"], …}; without it
               every lookup table is reported unknown
`;

interface Options {
  json: boolean;
  jsonl: boolean;
  target: 'clickhouse';
  org: string;
  earliest: string;
  latest: string;
  macroFiles: string[];
  lookupsFile?: string;
  query?: string;
}

class UsageError extends Error {}

function parseArgs(args: readonly string[]): Options {
  const opts: Options = {
    json: false,
    jsonl: false,
    target: 'clickhouse',
    org: 'default',
    earliest: '-24h',
    latest: 'now',
    macroFiles: [],
  };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--json':
        opts.json = true;
        break;
      case '--jsonl':
        opts.jsonl = true;
        break;
      case '--target': {
        const t = value();
        if (t !== 'clickhouse') throw new UsageError(`unknown target \`${t}\` (supported: clickhouse)`);
        opts.target = t;
        break;
      }
      case '--org':
        opts.org = value();
        break;
      case '--earliest':
        opts.earliest = value();
        break;
      case '--latest':
        opts.latest = value();
        break;
      case '--macros':
        opts.macroFiles.push(value());
        break;
      case '--lookups':
        opts.lookupsFile = value();
        break;
      default:
        if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
        positional.push(a);
    }
  }
  if (opts.jsonl && positional.length > 0)
    throw new UsageError('--jsonl reads queries from stdin; give no QUERY');
  if (!opts.jsonl && positional.length !== 1) throw new UsageError('give exactly one QUERY (quote it)');
  if (positional[0] !== undefined) opts.query = positional[0];
  return opts;
}

type Outcome = { ok: true; [key: string]: unknown } | { ok: false; errors: unknown[] };

function runParse(query: string, macros: MacroRegistry): Outcome {
  const r = parseWithMacros(query, macros);
  if (r.errors.length > 0 || !r.ast) {
    return { ok: false, errors: r.errors.map((d) => positionDiagnostic(query, d)) };
  }
  return { ok: true, ast: r.ast };
}

function runFormat(query: string, macros: MacroRegistry): Outcome {
  const r = parseWithMacros(query, macros);
  if (r.errors.length > 0 || !r.ast) {
    return { ok: false, errors: r.errors.map((d) => positionDiagnostic(query, d)) };
  }
  return { ok: true, formatted: format(r.ast, r.text) };
}

/** The lookup schema file of `--lookups`, or a usage error naming the problem. */
async function loadLookups(file: string | undefined): Promise<LookupCatalog | undefined> {
  if (file === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const r = lookupCatalogFromJson(json);
  if ('error' in r) throw new UsageError(`${file}: ${r.error}`);
  return r.catalog;
}

function runCompile(
  query: string,
  opts: Options,
  macros: MacroRegistry,
  lookups: LookupCatalog | undefined,
): Outcome {
  const nowMs = Date.now();
  const bound = (spec: string): number => {
    const r = resolveTime(spec, nowMs);
    if (!r.ok) throw new UsageError(r.message);
    return r.epochMs;
  };
  const r = compile(query, {
    orgId: opts.org,
    earliestMs: bound(opts.earliest),
    latestMs: bound(opts.latest),
    nowMs,
    macros,
    ...(lookups ? { lookups } : {}),
  });
  if (!r.ok) return { ok: false, errors: r.errors.map((d) => positionDiagnostic(query, d)) };
  return { ok: true, sql: r.sql.sql, params: r.sql.params, columns: r.sql.columns };
}

function describeErrors(query: string, errors: unknown[]): string {
  return errors
    .map((e) => {
      const d = e as { line: number; column: number; code: string; message: string; hints: string[] };
      const line = query.split('\n')[d.line - 1] ?? '';
      const caret = `${' '.repeat(Math.max(0, d.column - 1))}^`;
      const hints = d.hints.map((h) => `  hint: ${h}\n`).join('');
      return `${d.line}:${d.column}: ${d.code}: ${d.message}\n  ${line}\n  ${caret}\n${hints}`;
    })
    .join('');
}

/** Runs the CLI; returns the exit code. */
export async function main(args: readonly string[], io: CliIo): Promise<number> {
  const [group, verb, ...rest] = args;
  if (group === '--help' || group === '-h' || group === 'help') {
    io.stdout.write(
      [usage, tokensUsage, knowledgeUsage, detectionsUsage, consumerUsage, schemaUsage, backupUsage].join(
        '\n',
      ),
    );
    return EXIT_OK;
  }
  if (group === 'tokens') return tokensCommand(args.slice(1), io);
  if (group === 'knowledge') return knowledgeCommand(args.slice(1), io);
  if (group === 'detections') return detectionsCommand(args.slice(1), io);
  if (group === 'consumer') return consumerCommand(args.slice(1), io);
  if (group === 'schema') return schemaCommand(args.slice(1), io);
  if (group === 'backup') return backupCommand(args.slice(1), io);
  if (group !== 'spl' || (verb !== 'parse' && verb !== 'compile' && verb !== 'fmt')) {
    io.stderr.write(usage);
    return EXIT_USAGE;
  }
  let opts: Options;
  let lookups: LookupCatalog | undefined;
  try {
    opts = parseArgs(rest);
    lookups = await loadLookups(opts.lookupsFile);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`nexus: ${err.message}\n${usage}`);
    return EXIT_USAGE;
  }
  const loaded = await loadMacroFiles(opts.macroFiles);
  if (loaded.errors.length > 0) {
    io.stderr.write(loaded.errors.map((e) => `nexus: ${e.file}:${e.line}: ${e.message}\n`).join(''));
    return EXIT_USAGE;
  }
  const macros: MacroRegistry = loaded.registry;
  const run = (q: string): Outcome =>
    verb === 'parse'
      ? runParse(q, macros)
      : verb === 'fmt'
        ? runFormat(q, macros)
        : runCompile(q, opts, macros, lookups);

  if (opts.jsonl) {
    let failed = false;
    const lines = readline.createInterface({ input: io.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      let outcome: Outcome;
      try {
        const obj: unknown = JSON.parse(line);
        const rec = typeof obj === 'object' && obj !== null ? (obj as Record<string, unknown>) : {};
        const q = rec.search ?? rec.query;
        outcome =
          typeof q === 'string'
            ? run(q)
            : {
                ok: false,
                errors: [{ code: 'input', message: 'expected a "search" or "query" string field' }],
              };
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        outcome = { ok: false, errors: [{ code: 'input', message: `not a JSON object: ${message}` }] };
      }
      if (!outcome.ok) failed = true;
      io.stdout.write(`${JSON.stringify(outcome)}\n`);
    }
    return failed ? EXIT_FAILED : EXIT_OK;
  }

  const query = opts.query ?? '';
  let outcome: Outcome;
  try {
    outcome = run(query);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`nexus: ${err.message}\n`);
    return EXIT_USAGE;
  }
  if (opts.json) {
    io.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
  } else if (!outcome.ok) {
    io.stderr.write(describeErrors(query, outcome.errors));
  } else if (verb === 'parse') {
    io.stdout.write(`${JSON.stringify(outcome.ast, null, 2)}\n`);
  } else if (verb === 'fmt') {
    io.stdout.write(`${String(outcome.formatted)}\n`);
  } else {
    io.stdout.write(`${String(outcome.sql)}\n\n-- params: ${JSON.stringify(outcome.params)}\n`);
  }
  return outcome.ok ? EXIT_OK : EXIT_FAILED;
}
