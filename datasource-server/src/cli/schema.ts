// `nexus schema [--cluster NAME]`: prints the DDL the service runs, for operators who create the schema themselves.

import type { Writable } from 'node:stream';
import { DEFAULT_RETENTION_DAYS } from '../config.ts';
import { schemaSql } from '../store/migrations.ts';
import type { SchemaOptions } from '../store/migrations.ts';

export const schemaUsage = `usage:
  nexus schema [--cluster NAME] [--retention-days N] [--cold-after DAYS] [--s3-after DAYS] [--storage-policy P]

Prints the schema (every migration, in order) as SQL. Without --cluster it is the single-server schema
(migrations/01_schema.sql); with it, replicated local tables and Distributed tables ON CLUSTER NAME.
  --retention-days  the TTL's delete (default ${DEFAULT_RETENTION_DAYS}, as NEXUS_RETENTION_DAYS)
  --cold-after / --s3-after / --storage-policy  tiered storage, as NEXUS_TIER_COLD_AFTER, NEXUS_TIER_S3_AFTER,
                    NEXUS_STORAGE_POLICY (default policy: tiered when a tier is given)
`;

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

function days(name: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || !/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < 1) {
    throw new Error(`${name} needs a whole number of days`);
  }
  return n;
}

/** Parses the options; throws Error with a message for a usage mistake. */
export function schemaOptionsFromArgs(args: readonly string[]): SchemaOptions {
  let cluster: string | undefined;
  let retentionDays = DEFAULT_RETENTION_DAYS;
  let coldAfterDays: number | undefined;
  let s3AfterDays: number | undefined;
  let storagePolicy: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const v = args[i + 1];
    i++;
    if (a === '--cluster' || a === '--storage-policy') {
      if (v === undefined || !IDENT.test(v)) throw new Error(`${a} needs a plain identifier`);
      if (a === '--cluster') cluster = v;
      else storagePolicy = v;
    } else if (a === '--retention-days') retentionDays = days(a, v);
    else if (a === '--cold-after') coldAfterDays = days(a, v);
    else if (a === '--s3-after') s3AfterDays = days(a, v);
    else throw new Error(`unknown option ${String(a)}`);
  }
  const tiered = coldAfterDays !== undefined || s3AfterDays !== undefined;
  return {
    retentionDays,
    coldAfterDays,
    s3AfterDays,
    storagePolicy: storagePolicy ?? (tiered ? 'tiered' : undefined),
    cluster,
  };
}

export function schemaCommand(args: readonly string[], io: { stdout: Writable; stderr: Writable }): number {
  let opts: SchemaOptions;
  try {
    opts = schemaOptionsFromArgs(args);
  } catch (err) {
    io.stderr.write(`nexus schema: ${err instanceof Error ? err.message : String(err)}\n${schemaUsage}`);
    return 2;
  }
  io.stdout.write(schemaSql(opts));
  return 0;
}
