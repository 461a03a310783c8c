// Reading macros.conf files from disk (the SPL compiler itself does no I/O).

import { readFile } from 'node:fs/promises';
import { MacroRegistry, parseMacrosConf } from '@nexus/spl';
import type { MacrosConfResult } from '@nexus/spl';

/**
 * Reads and parses a macros.conf file (UTF-8). Errors carry `path` as their `source`. Rejects only
 * when the file cannot be read.
 */
export async function loadMacrosFile(path: string): Promise<MacrosConfResult> {
  const text = await readFile(path, 'utf8');
  return parseMacrosConf(text, path); // a BOM is whitespace to `trim()`, so it needs no special case
}

/** A macros.conf problem with the file it is in, for a startup or CLI message. */
export interface MacroFileError {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/**
 * Loads several macros.conf files into one registry (later files win on a name clash). Unreadable files
 * and malformed stanzas are returned as errors, so a caller can refuse to start with a clear message.
 */
export async function loadMacroFiles(
  files: readonly string[],
): Promise<{ registry: MacroRegistry; errors: MacroFileError[] }> {
  const registry = new MacroRegistry();
  const errors: MacroFileError[] = [];
  for (const file of files) {
    try {
      const loaded = await loadMacrosFile(file);
      errors.push(...loaded.errors.map((e) => ({ file, line: e.line, message: e.message })));
      registry.merge(loaded.registry);
    } catch (err) {
      errors.push({
        file,
        line: 0,
        message: `cannot read: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }
  return { registry, errors };
}
