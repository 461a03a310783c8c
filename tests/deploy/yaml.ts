// Helpers of the deployment suites: typed access to parsed YAML/JSON, the repository root, and the
// rule that secret-looking values are only environment interpolation.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type Dict = Record<string, unknown>;

export function isDict(v: unknown): v is Dict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function dict(v: unknown, what: string): Dict {
  assert.ok(isDict(v), `${what} is a mapping`);
  return v;
}

export function list(v: unknown, what: string): unknown[] {
  assert.ok(Array.isArray(v), `${what} is a list`);
  return v;
}

/** A list that may be absent. */
export function optList(v: unknown, what: string): unknown[] {
  return v === undefined ? [] : list(v, what);
}

export function str(v: unknown, what: string): string {
  assert.equal(typeof v, 'string', `${what} is a string`);
  return String(v);
}

/** Follows keys through nested mappings; fails the test naming the path when one is missing. */
export function at(v: unknown, ...keys: string[]): unknown {
  let cur = v;
  for (const [i, k] of keys.entries()) cur = dict(cur, keys.slice(0, i).join('.') || 'document')[k];
  return cur;
}

export function read(rel: string): string {
  return fs.readFileSync(path.join(root, rel), 'utf8');
}

/** All documents of a YAML file; any syntax error fails the test with the file name. */
export function yamlDocs(rel: string): unknown[] {
  const docs = parseAllDocuments(read(rel));
  assert.ok(Array.isArray(docs), `${rel} parses`);
  return docs.map((d) => {
    assert.deepEqual(
      d.errors.map((e) => e.message),
      [],
      `${rel} has no YAML errors`,
    );
    const value: unknown = d.toJS();
    return value;
  });
}

export function yamlDoc(rel: string): unknown {
  const docs = yamlDocs(rel);
  assert.equal(docs.length, 1, `${rel} holds one document`);
  return docs[0];
}

export function filesUnder(rel: string, ext: string): string[] {
  return fs
    .readdirSync(path.join(root, rel), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

/**
 * True when a value is only environment interpolation: `${VAR}`, `$VAR`, `${VAR:?message}`, or
 * `${VAR:-default}` whose default is empty or itself only interpolation (never a literal secret).
 */
export function isEnvOnly(value: string): boolean {
  if (/^\$[A-Z_][A-Z0-9_]*$/.test(value)) return true;
  const m = /^\$\{([A-Z_][A-Z0-9_]*)(?::([-?])(.*))?\}$/s.exec(value);
  if (m === null) return false;
  if (m[2] !== '-') return true;
  const fallback = m[3] ?? '';
  return fallback === '' || isEnvOnly(fallback);
}

/** Keys whose values are secrets: never a literal in a committed file. */
export const SECRET_KEY = /PASSWORD|TOKEN|SECRET|API_KEY/i;

/** All documents of YAML text (e.g. `kubectl kustomize` output); any syntax error fails the test. */
export function yamlText(text: string, what: string): unknown[] {
  return parseAllDocuments(text).map((d) => {
    assert.deepEqual(
      d.errors.map((e) => e.message),
      [],
      `${what} has no YAML errors`,
    );
    const value: unknown = d.toJS();
    return value;
  });
}
