// Helpers of the deployment suites for ClickHouse and Keeper XML configuration: a parsed tree and the
// environment variables it reads with `from_env`.

import assert from 'node:assert/strict';
import { parse, validate } from 'fast-xml-parser';
import { dict, isDict } from './yaml.ts';
import type { Dict } from './yaml.ts';

/** A ClickHouse or Keeper configuration file as a tree (attributes as `@_name`), its root `<clickhouse>`. */
export function xmlConfig(text: string, what: string): Dict {
  const valid = validate(text);
  assert.equal(valid, true, `${what} is well-formed XML: ${JSON.stringify(valid)}`);
  const doc: unknown = parse(text, { ignoreAttributes: false });
  return dict(dict(doc, what)['clickhouse'], `${what} <clickhouse>`);
}

/** An element that may occur once or many times, as a list. */
export function many(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

/** Every environment variable a configuration reads with `from_env="…"`, anywhere in the tree. */
export function fromEnv(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(fromEnv);
  if (!isDict(v)) return [];
  return Object.entries(v).flatMap(([k, x]) => (k === '@_from_env' ? [String(x)] : fromEnv(x)));
}
