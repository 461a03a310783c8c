// Test helpers for storage: an S3-compatible server (npm s3rver) on loopback, and the shipped ClickHouse
// config files (k8s/clickhouse/config/) made usable by chDB in a temp directory.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBinary } from './binary.ts';
import type { BinaryServer } from './binary.ts';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
/** s3rver's default credentials. */
export const S3_KEY = 'S3RVER';
export const S3_SECRET = 'S3RVER';

/** s3rver on a free loopback port with `buckets` created; `url` is its endpoint (path-style). */
export function startS3(buckets: readonly string[]): Promise<BinaryServer> {
  return startBinary({
    binary: path.join(REPO, 'node_modules/.bin/s3rver'),
    apt: 's3rver (npm install -D s3rver -w nexus-api)',
    health: '/',
    args: (port, dir) => [
      '-d',
      dir,
      '-a',
      '127.0.0.1',
      '-p',
      String(port),
      '--silent',
      ...buckets.flatMap((b) => ['--configure-bucket', b]),
    ],
  });
}

/** The text of a shipped ClickHouse config file (k8s/clickhouse/config/NAME). */
export function shippedConfig(name: string): string {
  return fs.readFileSync(path.join(REPO, 'k8s/clickhouse/config', name), 'utf8');
}

/**
 * One config file for chDB made of the shipped files' `<clickhouse>` bodies, their server paths
 * (/var/lib/clickhouse/…) moved under `dir`. chDB reads one `--config-file`, where a server merges config.d/.
 */
export function chdbConfigFrom(names: readonly string[], dir: string): string {
  const bodies = names.map((n) => {
    const m = /<clickhouse>([\s\S]*)<\/clickhouse>/.exec(shippedConfig(n));
    if (m === null) throw new Error(`${n}: no <clickhouse> element`);
    return (m[1] ?? '').replaceAll('/var/lib/clickhouse/', `${dir}/`);
  });
  // storage.xml and backups.xml both add disks: merge the <disks> of later files into the first.
  const merged = bodies.reduce((acc, body) => {
    const disks = /<storage_configuration>\s*<disks>([\s\S]*?)<\/disks>\s*<\/storage_configuration>/.exec(
      body,
    );
    if (disks !== null && acc.includes('</disks>')) {
      return acc.replace('</disks>', `${disks[1] ?? ''}</disks>`) + body.replace(disks[0], '');
    }
    return acc + body;
  }, '');
  const file = path.join(dir, 'chdb-config.xml');
  fs.writeFileSync(file, `<?xml version="1.0"?>\n<clickhouse>${merged}</clickhouse>\n`);
  return file;
}
