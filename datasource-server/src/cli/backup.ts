// `nexus backup create|list|restore`: backups of the whole store through a running nexus-api's admin API.

import type { Writable } from 'node:stream';
import type { BackupRecord } from '../backup/service.ts';
import { adminApi } from './admin-api.ts';

export const backupUsage = `usage:
  nexus backup create --to LOCATION [--base LOCATION | --incremental] [--json]
  nexus backup list [--json]
  nexus backup restore --from LOCATION [--json]

LOCATION is s3://bucket/prefix (the service's NEXUS_BACKUP_S3_ENDPOINT, AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY), file:///dir (ClickHouse's backups.allowed_path) or disk://name/path (backups.allowed_disk).
  --base         an earlier backup: only what changed since is written (restore needs the base too)
  --incremental  --base = the newest successful backup (nexus backup list)
  --url / --token as for nexus tokens ($NEXUS_URL, $NEXUS_TOKEN: an admin token of the operator org)
A restore goes into an empty instance: start nexus-api on a fresh data directory (or database), then restore.
`;

/** A backup can take long; the CLI waits for it (the service answers when the engine is done). */
const TIMEOUT_MS = 6 * 3_600_000;

interface Parsed {
  url: string;
  token: string;
  json: boolean;
  to?: string;
  from?: string;
  base?: string;
  incremental: boolean;
}

class UsageError extends Error {}

function parse(args: readonly string[], env: Readonly<Record<string, string | undefined>>): Parsed {
  const p: Parsed = {
    url: env['NEXUS_URL'] ?? 'http://127.0.0.1:8080',
    token: env['NEXUS_TOKEN'] ?? '',
    json: false,
    incremental: false,
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--url') p.url = value();
    else if (a === '--token') p.token = value();
    else if (a === '--json') p.json = true;
    else if (a === '--to') p.to = value();
    else if (a === '--from') p.from = value();
    else if (a === '--base') p.base = value();
    else if (a === '--incremental') p.incremental = true;
    else throw new UsageError(`unknown argument ${a}`);
  }
  if (p.token === '') throw new UsageError('an admin token is needed: --token or NEXUS_TOKEN');
  if (p.base !== undefined && p.incremental) throw new UsageError('give --base or --incremental, not both');
  return p;
}

function line(b: BackupRecord): string {
  const size = b.status === 'ok' ? `${(b.bytes / 1048576).toFixed(1)} MiB` : (b.error ?? b.status);
  return [b.startedAt.slice(0, 19), b.kind, b.status, b.location, b.base ? `base=${b.base}` : '', size]
    .filter((s) => s !== '')
    .join('  ');
}

/** Runs `nexus backup …`; returns the exit code (0 ok, 1 failed or refused, 2 usage). */
export async function backupCommand(
  args: readonly string[],
  io: { stdout: Writable; stderr: Writable },
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  const [verb, ...rest] = args;
  let p: Parsed;
  try {
    if (verb !== 'create' && verb !== 'list' && verb !== 'restore')
      throw new UsageError('create, list or restore?');
    p = parse(rest, env);
    if (verb === 'create' && p.to === undefined) throw new UsageError('create needs --to LOCATION');
    if (verb === 'restore' && p.from === undefined) throw new UsageError('restore needs --from LOCATION');
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`nexus: ${err.message}\n${backupUsage}`);
    return 2;
  }
  const base = p.url.replace(/\/+$/, '');
  const api = adminApi(base, p.token, TIMEOUT_MS);
  const request = (method: string, path: string, body?: unknown) =>
    api(method, `/admin/backups${path}`, body);
  let r: { status: number; json: unknown };
  try {
    if (verb === 'list') r = await request('GET', '');
    else if (verb === 'restore') r = await request('POST', '/restore', { from: p.from });
    else {
      let baseLocation = p.base;
      if (p.incremental) {
        const listed = await request('GET', '');
        const all = (listed.json as { backups?: BackupRecord[] }).backups ?? [];
        baseLocation = all.find((b) => b.kind === 'backup' && b.status === 'ok')?.location;
        if (baseLocation === undefined) {
          io.stderr.write('nexus: --incremental: there is no successful backup yet to build on\n');
          return 1;
        }
      }
      r = await request('POST', '', {
        to: p.to,
        ...(baseLocation === undefined ? {} : { base: baseLocation }),
      });
    }
  } catch (err) {
    io.stderr.write(`nexus: cannot reach ${base}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  if (p.json) io.stdout.write(`${JSON.stringify(r.json, null, 2)}\n`);
  const failed = r.json as { error?: { message?: string } | string | null; status?: string };
  if (r.status >= 400) {
    const msg =
      typeof failed.error === 'object' && failed.error !== null ? failed.error.message : failed.error;
    io.stderr.write(`nexus: ${r.status}: ${msg ?? 'refused'}\n`);
    return 1;
  }
  if (!p.json) {
    if (verb === 'list') {
      const all = (r.json as { backups: BackupRecord[] }).backups;
      io.stdout.write(all.length === 0 ? 'no backups yet\n' : all.map((b) => line(b) + '\n').join(''));
    } else io.stdout.write(line(r.json as BackupRecord) + '\n');
  }
  return 0;
}
