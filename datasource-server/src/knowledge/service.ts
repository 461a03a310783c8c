// A tenant's knowledge objects (eventtypes, tags, props, transforms .conf files), kept in ClickHouse and parsed
// for searches; cached per tenant for a few seconds, refreshed at once when the tenant's admin changes a file.

import { dataModelFromJson, mergeKnowledge, noKnowledge, parseKnowledgeConf } from '@nexus/spl';
import type { DataModel, KnowledgeConfError, KnowledgeFileKind, KnowledgeObjects } from '@nexus/spl';
import type { Store } from '../store/types.ts';

export const KNOWLEDGE_KINDS: readonly KnowledgeFileKind[] = [
  'eventtypes',
  'tags',
  'props',
  'transforms',
  'datamodels',
];

export const isKnowledgeKind = (s: string): s is KnowledgeFileKind =>
  (KNOWLEDGE_KINDS as readonly string[]).includes(s);

/** Largest knowledge file accepted (Splunk's own apps ship props.conf files of a few hundred KB). */
export const MAX_KNOWLEDGE_FILE_BYTES = 2 * 1024 * 1024;

const CACHE_MS = 5_000;

/** A data model is stored as kind `datamodel:<name>` (one Splunk data model JSON each). */
const DATAMODEL_PREFIX = 'datamodel:';

/** A data model name as Splunk allows it (also what the admin API's path takes). */
export const isDataModelName = (s: string): boolean => /^[A-Za-z0-9_][\w-]{0,99}$/.test(s);

/**
 * Reads a data model JSON: the model, or its problems. The path's name must be the JSON's `modelName`.
 */
export function checkDataModel(name: string, text: string): { model?: DataModel; problems: string[] } {
  const r = dataModelFromJson(text);
  const problems = [...r.problems];
  if (r.model && r.model.name !== name)
    problems.push(`\`modelName\` is \`${r.model.name}\` but the path names \`${name}\``);
  return problems.length > 0 || !r.model ? { problems } : { model: r.model, problems };
}

export interface KnowledgeService {
  /** The tenant's knowledge objects, parsed (files with errors contribute their valid stanzas). */
  objects(orgId: string): Promise<KnowledgeObjects>;
  /** The tenant's files as stored. */
  files(orgId: string): Promise<Partial<Record<KnowledgeFileKind, string>>>;
  /** Replaces one file after checking it; returns the problems instead when there are any. */
  put(
    orgId: string,
    kind: KnowledgeFileKind,
    text: string,
  ): Promise<{ errors: KnowledgeConfError[]; warnings: KnowledgeConfError[] }>;
  remove(orgId: string, kind: KnowledgeFileKind): Promise<void>;
  /** The tenant's data model JSON files, by model name. */
  datamodelFiles(orgId: string): Promise<Record<string, string>>;
  /** Replaces (or adds) one data model after checking it; returns the problems instead when there are any. */
  putDatamodel(orgId: string, name: string, text: string): Promise<{ problems: string[] }>;
  removeDatamodel(orgId: string, name: string): Promise<void>;
}

/** @example const k = createKnowledgeService(store); await k.put('acme', 'tags', '[host=a]\nweb = enabled\n'); */
export function createKnowledgeService(store: Store, now: () => number = Date.now): KnowledgeService {
  const cache = new Map<string, { at: number; value: Promise<KnowledgeObjects> }>();

  async function stored(orgId: string): Promise<[string, string][]> {
    const r = await store.query({
      sql:
        'SELECT kind, argMax(text, updated_at) FROM knowledge_objects WHERE org_id = {org:String} ' +
        'GROUP BY kind ORDER BY kind',
      params: { org: orgId },
    });
    return r.rows.flatMap(([kind, text]) =>
      typeof kind === 'string' && typeof text === 'string' && text !== ''
        ? [[kind, text] as [string, string]]
        : [],
    );
  }

  async function files(orgId: string): Promise<Partial<Record<KnowledgeFileKind, string>>> {
    const out: Partial<Record<KnowledgeFileKind, string>> = {};
    for (const [kind, text] of await stored(orgId)) if (isKnowledgeKind(kind)) out[kind] = text;
    return out;
  }

  async function datamodelFiles(orgId: string): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const [kind, text] of await stored(orgId))
      if (kind.startsWith(DATAMODEL_PREFIX)) out[kind.slice(DATAMODEL_PREFIX.length)] = text;
    return out;
  }

  async function load(orgId: string): Promise<KnowledgeObjects> {
    const all = await files(orgId);
    const parsed = KNOWLEDGE_KINDS.flatMap((k) => {
      const text = all[k];
      return text === undefined ? [] : [parseKnowledgeConf(k, text).objects];
    });
    const datamodels = Object.entries(await datamodelFiles(orgId)).flatMap(
      ([name, text]) => checkDataModel(name, text).model ?? [],
    );
    if (datamodels.length > 0) parsed.push({ ...noKnowledge, datamodels });
    return parsed.length === 0 ? noKnowledge : mergeKnowledge(...parsed);
  }

  async function write(orgId: string, kind: string, text: string): Promise<void> {
    await store.insertRows('knowledge_objects', [{ org_id: orgId, kind, text, updated_at: now() }]);
    cache.delete(orgId);
  }

  return {
    objects(orgId) {
      const hit = cache.get(orgId);
      if (hit && now() - hit.at < CACHE_MS) return hit.value;
      const value = load(orgId);
      cache.set(orgId, { at: now(), value });
      value.catch(() => cache.delete(orgId));
      return value;
    },
    files,
    async put(orgId, kind, text) {
      const { errors, warnings } = parseKnowledgeConf(kind, text, `${kind}.conf`);
      if (errors.length > 0) return { errors, warnings };
      await write(orgId, kind, text);
      return { errors: [], warnings };
    },
    remove: (orgId, kind) => write(orgId, kind, ''),
    datamodelFiles,
    async putDatamodel(orgId, name, text) {
      const { problems } = checkDataModel(name, text);
      if (problems.length > 0) return { problems };
      await write(orgId, `${DATAMODEL_PREFIX}${name}`, text);
      return { problems: [] };
    },
    removeDatamodel: (orgId, name) => write(orgId, `${DATAMODEL_PREFIX}${name}`, ''),
  };
}
