// Benchmark: what each costly part of the `logs` schema costs at insert and buys at query time. The same rows
// (bench/ingest.ts events, decoded by the HEC decoder, serialised as the store sends them) are inserted, 10,000
// per INSERT, into four variant tables in one embedded chDB: the shipped schema (a `text` index on lower(_raw),
// structured fields in a JSON column), without the text index, with fields as a String of JSON text, and with
// neither. Printed per variant: the engine's CPU per event for the insert (process CPU, all threads: the engine
// runs in this process), the bytes on disk, and the median time of a rare-term search (one event's trace id:
// the index can skip granules), a common-term search (every event), and a field filter (status=503).
//
// BENCH_SCHEMA_ROWS (default 300000), BENCH_SCHEMA=0 skips.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'chdb';
import { migrations } from '../src/store/migrations.ts';
import { logRowLine } from '../src/store/store.ts';
import { decodedRows } from './ingest.ts';
import { loadAverage } from './thread-cpu.ts';

interface Variant {
  readonly name: string;
  readonly textIndex: boolean;
  readonly jsonFields: boolean;
}

const VARIANTS: Variant[] = [
  { name: 'shipped: text index + JSON fields', textIndex: true, jsonFields: true },
  { name: 'no text index', textIndex: false, jsonFields: true },
  { name: 'fields as String', textIndex: true, jsonFields: false },
  { name: 'neither', textIndex: false, jsonFields: false },
];

/** `sql` with `from` replaced; throws when it is not there (the shipped DDL changed: update this bench). */
function edit(sql: string, from: string | RegExp, to: string): string {
  const out = sql.replace(from, to);
  if (out === sql) throw new Error(`bench/schema.ts: the shipped logs DDL has no ${String(from)}`);
  return out;
}

/** The logs table's DDL as shipped (src/store/migrations.ts, version 1) as `table`, without the parts `v` drops. */
function ddl(table: string, v: Variant): string {
  const shipped = migrations({ retentionDays: 30 }).find((m) => m.version === 1)?.statements[0] ?? '';
  let sql = edit(shipped, 'CREATE TABLE IF NOT EXISTS logs', `CREATE TABLE ${table}`);
  if (!v.textIndex) sql = edit(sql, /,\n\s*INDEX raw_tokens[^\n]*/, '');
  if (!v.jsonFields) sql = edit(sql, 'fields JSON,', 'fields String,');
  return sql;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** Median ms of `sql` over 5 runs (after one warm-up), and its answer. */
function timed(session: Session, sql: string): { ms: number; answer: string } {
  let answer = session.query(sql, 'CSV').trim();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    answer = session.query(sql, 'CSV').trim();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), answer };
}

export async function runSchemaBench(): Promise<void> {
  const rowCount = Number(process.env['BENCH_SCHEMA_ROWS'] ?? 300_000);
  const requests = Math.ceil(rowCount / 500);
  const lines = decodedRows(0, requests).map((row) => logRowLine(row));
  const chunks: string[] = [];
  for (let i = 0; i < lines.length; i += 10_000) chunks.push(lines.slice(i, i + 10_000).join('\n'));
  // One event's trace id (bench/ingest.ts `line`): a term in one event only.
  const rare = /trace=(\d+)/.exec(lines[Math.floor(lines.length / 2)] ?? '')?.[1] ?? '0';
  console.log(
    `\nSchema pricing: ${lines.length.toLocaleString('en')} rows per variant, 10,000 per INSERT, embedded chDB in this process; load average ${loadAverage()}`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexus-schema-bench-'));
  const session = new Session(dir);
  try {
    const results: string[] = [];
    VARIANTS.forEach((v, n) => {
      const table = `logs_v${n}`;
      session.query(ddl(table, v));
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      for (const c of chunks)
        session.query(
          `INSERT INTO ${table} SETTINGS input_format_skip_unknown_fields = 1 FORMAT JSONEachRow\n${c}`,
        );
      const wall = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const cpuUs = (cpu.user + cpu.system) / lines.length;
      const bytes = Number(
        session
          .query(`SELECT sum(bytes_on_disk) FROM system.parts WHERE table = '${table}' AND active`, 'CSV')
          .trim(),
      );
      const filter = v.jsonFields
        ? "toString(fields.status) = '503'"
        : "JSONExtractString(fields, 'status') = '503'";
      const term = (t: string) => `SELECT count() FROM ${table} WHERE hasToken(lower(_raw), '${t}')`;
      const rareQ = timed(session, term(rare));
      const commonQ = timed(session, term('orders'));
      const filterQ = timed(session, `SELECT count() FROM ${table} WHERE ${filter}`);
      results.push(
        `${v.name.padEnd(34)} insert ${cpuUs.toFixed(1).padStart(5)} µs/event engine CPU (${Math.round(lines.length / wall).toLocaleString('en')} rows/s), ` +
          `${(bytes / 1e6).toFixed(1)} MB; rare term ${rareQ.ms.toFixed(1)} ms (${rareQ.answer}), ` +
          `common term ${commonQ.ms.toFixed(1)} ms (${commonQ.answer}), field filter ${filterQ.ms.toFixed(1)} ms (${filterQ.answer})`,
      );
      console.log(results.at(-1));
    });
  } finally {
    session.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
