// Test helpers for the ingestion routes: posting bodies, reading stored rows back, searching, compressing.

import { execFileSync } from 'node:child_process';
import type { TestContext } from 'node:test';
import type { TestEnv } from './env.ts';
import { ADMIN_TOKEN } from './env.ts';
import { logRows } from './log-rows.ts';

export interface Posted {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** POSTs `body` to the in-process app; the answer parsed as JSON (`{}` when empty). */
export async function post(
  env: TestEnv,
  path: string,
  body: RequestInit['body'],
  headers: Record<string, string>,
): Promise<Posted> {
  const res = await env.app.request(path, { method: 'POST', body, headers });
  const text = await res.text();
  return {
    status: res.status,
    body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>,
    headers: res.headers,
  };
}

/** A stored row, as `logRows` returns it. */
export type StoredRow = Awaited<ReturnType<typeof logRows>>[number];

/** Rows of `logs` matching `where` (typed parameters), ordered by time then `_raw`. */
export function storedRows(
  env: TestEnv,
  where: string,
  params: Record<string, unknown> = {},
): Promise<StoredRow[]> {
  return logRows(env.store, where, params);
}

/** Runs an SPL search (as the admin, over the last 30 days, unless told otherwise); the result rows. */
export async function splRows(
  env: TestEnv,
  query: string,
  opts: { token?: string; earliest?: string; latest?: string } = {},
): Promise<unknown[][]> {
  const res = await env.app.request('/query/spl', {
    method: 'POST',
    headers: { Authorization: `Bearer ${opts.token ?? ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, earliest: opts.earliest ?? '-30d', latest: opts.latest ?? 'now' }),
  });
  const body = (await res.json()) as { rows?: unknown[][] };
  if (res.status !== 200 || body.rows === undefined)
    throw new Error(`${query}: ${res.status} ${JSON.stringify(body)}`);
  return body.rows;
}

/**
 * `zstd` CLI output for `input` (the test's real compressor: Node 20 has none). Skips the test when the
 * binary is missing, except under CI=true, where that is a failure (.ci/run installs the zstd package).
 */
export function zstdCli(t: TestContext, input: Buffer, args: string[] = ['-3']): Buffer | undefined {
  try {
    return execFileSync('zstd', ['-c', '-q', ...args], { input, maxBuffer: 1 << 30 });
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'ENOENT' || process.env['CI'] === 'true') throw err;
    t.skip('the zstd binary is not installed');
    return undefined;
  }
}

/**
 * A zstd stream built by hand: `blocks` RLE blocks of 128 KiB each (4 bytes apiece), in one frame that
 * declares no content size (as a streaming compressor writes it), or `declared` bytes. A zip bomb:
 * 640 blocks are 2.5 KB on the wire and 80 MiB decoded.
 */
export function zstdRleBomb(blocks: number, declared?: number): Buffer {
  const header =
    declared === undefined
      ? [0x28, 0xb5, 0x2f, 0xfd, 0x00, 7 << 3] // no checksum, no dictionary, window 2^17
      : [0x28, 0xb5, 0x2f, 0xfd, 0x80, 7 << 3, ...u32(declared)]; // 4-byte content size
  const out = [...header];
  for (let i = 0; i < blocks; i++) {
    const bh = (i === blocks - 1 ? 1 : 0) | (1 << 1) | (131072 << 3);
    out.push(bh & 0xff, (bh >> 8) & 0xff, (bh >> 16) & 0xff, 0x61);
  }
  return Buffer.from(out);
}

function u32(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}
