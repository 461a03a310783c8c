// Backup locations: `s3://bucket/prefix`, `file:///dir`, `disk://name/path` as ClickHouse BACKUP destinations.

import type { BackupConfig } from '../config.ts';

/** A location the user names, checked, with the ClickHouse destination it becomes. */
export interface BackupLocation {
  /** As the user wrote it, credentials never included (safe to store and show). */
  readonly text: string;
  /** `S3({u:String}, {k:String}, {s:String})` etc.: placeholders named after `prefix`. */
  readonly sql: string;
  readonly params: Record<string, string>;
}

/** A location the service refuses (400), with the reason. */
export class BackupLocationError extends Error {
  override readonly name = 'BackupLocationError';
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PATH = /^[A-Za-z0-9._\-/]+$/;
const DISK = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkPath(path: string, what: string): string {
  const p = path.replace(/^\/+|\/+$/g, '');
  if (p === '' || !PATH.test(p) || p.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    throw new BackupLocationError(
      `${what} must be a path of letters, digits, '.', '_', '-' and '/' (no '..')`,
    );
  }
  return p;
}

/**
 * Parses a location. `prefix` names its query parameters (a backup and its base bind different ones).
 * S3 needs an endpoint (NEXUS_BACKUP_S3_ENDPOINT; AWS when unset) and takes the credentials from the
 * configuration, never from the location text.
 *
 * @example parseLocation('s3://backups/nexus/2026-01-01', cfg, 'to').sql // => 'S3({to_url:String}, {to_key:String}, {to_secret:String})'
 */
export function parseLocation(text: string, cfg: BackupConfig, prefix: string): BackupLocation {
  const m = /^([a-z0-9]+):\/\/(.*)$/.exec(text.trim());
  if (m === null) {
    throw new BackupLocationError('a backup location is s3://bucket/prefix, file:///dir or disk://name/path');
  }
  const scheme = m[1] ?? '';
  const rest = m[2] ?? '';
  if (scheme === 's3') {
    const slash = rest.indexOf('/');
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    if (!BUCKET.test(bucket))
      throw new BackupLocationError(`invalid S3 bucket name ${JSON.stringify(bucket)}`);
    const key = checkPath(slash < 0 ? '' : rest.slice(slash + 1), 'the S3 prefix');
    if (cfg.accessKeyId === undefined || cfg.secretAccessKey === undefined) {
      throw new BackupLocationError(
        's3:// backups need AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the service',
      );
    }
    const endpoint = cfg.s3Endpoint ?? 'https://s3.amazonaws.com';
    return {
      text: `s3://${bucket}/${key}`,
      sql: `S3({${prefix}_url:String}, {${prefix}_key:String}, {${prefix}_secret:String})`,
      params: {
        [`${prefix}_url`]: `${endpoint}/${bucket}/${key}`,
        [`${prefix}_key`]: cfg.accessKeyId,
        [`${prefix}_secret`]: cfg.secretAccessKey,
      },
    };
  }
  if (scheme === 'file') {
    if (!rest.startsWith('/')) throw new BackupLocationError('file:// needs an absolute path: file:///dir');
    const dir = checkPath(rest, 'the file path');
    return {
      text: `file:///${dir}`,
      sql: `File({${prefix}_path:String})`,
      params: { [`${prefix}_path`]: `/${dir}` },
    };
  }
  if (scheme === 'disk') {
    const slash = rest.indexOf('/');
    const disk = slash < 0 ? rest : rest.slice(0, slash);
    if (!DISK.test(disk)) throw new BackupLocationError(`invalid disk name ${JSON.stringify(disk)}`);
    const p = checkPath(slash < 0 ? '' : rest.slice(slash + 1), 'the path on the disk');
    return {
      text: `disk://${disk}/${p}`,
      sql: `Disk({${prefix}_disk:String}, {${prefix}_path:String})`,
      params: { [`${prefix}_disk`]: disk, [`${prefix}_path`]: p },
    };
  }
  throw new BackupLocationError(`unknown backup scheme ${scheme}:// (s3, file or disk)`);
}
