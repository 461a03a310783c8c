// Grafana's published plugin.json schema, vendored as test data, and validation against it. Used by
// plugin-json.test.ts and by the package checks (the validator's `metadatavalid` analyzer).
//
// test/fixtures/plugin.schema.json is docs/sources/developers/plugins/plugin.schema.json of grafana/grafana at
// commit 021371ce6188d520574474e9024feeabd1868ebb (19,063 bytes, sha256 below), vendored unchanged.

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';

export const SCHEMA_SHA256 = '9886a9fda53747ce27535d3a524738beb4550c0019e6b470b716ab3d810ae097';
export const schemaText: Buffer = fs.readFileSync(
  fileURLToPath(new URL('../fixtures/plugin.schema.json', import.meta.url)),
);
const schema = JSON.parse(schemaText.toString('utf8')) as object;

/** The schema's complaints about a manifest (`<data path> <message>`), none when it validates. */
export function validateManifest(manifest: unknown): string[] {
  const ajv = new Ajv({ allErrors: true });
  const ok = ajv.validate(schema, manifest);
  return ok ? [] : (ajv.errors ?? []).map((e) => `${e.dataPath} ${e.message ?? ''}`);
}
