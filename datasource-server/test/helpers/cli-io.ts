// Test helper: runs a CLI command function in-process with captured stdout and stderr.

import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/main.ts';

/**
 * Calls `run` with an io whose output is collected; the exit code and the text written.
 *
 * @example await captureCli((io) => main(['schema'], io)) // => { code: 0, out: '-- nexus-api schema…', err: '' }
 */
export async function captureCli(
  run: (io: CliIo) => number | Promise<number>,
): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await run({ stdin: new PassThrough(), stdout, stderr });
  return { code, out, err };
}
