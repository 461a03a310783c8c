// The macro module's one I/O function: reads a macros.conf file from disk.

import { readFile } from 'node:fs/promises';
import { parseMacrosConf } from './conf.ts';
import type { MacrosConfResult } from './conf.ts';

/**
 * Reads and parses a macros.conf file (UTF-8). Errors carry `path` as their `source`. Rejects only
 * when the file cannot be read.
 */
export async function loadMacrosFile(path: string): Promise<MacrosConfResult> {
  const text = await readFile(path, 'utf8');
  return parseMacrosConf(text, path); // a BOM is whitespace to `trim()`, so it needs no special case
}
