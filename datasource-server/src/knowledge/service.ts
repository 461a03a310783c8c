// A tenant's knowledge objects (eventtypes, tags, props, transforms .conf files), kept in ClickHouse and parsed
// for searches; cached per tenant for a few seconds, refreshed at once when the tenant's admin changes a file.

import { mergeKnowledge, noKnowledge, parseKnowledgeConf } from '@nexus/spl';
import type { KnowledgeConfError, KnowledgeFileKind, KnowledgeObjects } from '@nexus/spl';
import type { Store } from '../store/types.ts';

export const KNOWLEDGE_KINDS: readonly KnowledgeFileKind[] = ['eventtypes', 'tags', 'props', 'transforms'];

export const isKnowledgeKind = (s: string): s is KnowledgeFileKind =>
  (KNOWLEDGE_KINDS as readonly string[]).includes(s);

/** Largest knowledge file accepted (Splunk's own apps ship props.conf files of a few hundred KB). */
export const MAX_KNOWLEDGE_FILE_BYTES = 2 * 1024 * 1024;

const CACHE_MS = 5_000;

export interface KnowledgeService {
  /** The tenant's knowledge objects, parsed (files with errors contribute their valid stanzas). */
  objects(orgId: string): Promise<KnowledgeObjects>;
  /** The tenant's files as stored. */
  files(orgId: string): Promise<Partial<Record<KnowledgeFileKind, string>>>;
  /** Replaces one file after checking it; returns the problems instead when there are any. */
  put(orgId: string, kind: KnowledgeFileKind, text: string): Promise<{ errors: KnowledgeConfError[] }>;
  remove(orgId: string, kind: KnowledgeFileKind): Promise<void>;
}

/** @example const k = createKnowledgeService(store); await k.put('acme', 'tags', '[host=a]\nweb = enabled\n'); */
export function createKnowledgeService(store: Store, now: () => number = Date.now): KnowledgeService {
  const cache = new Map<string, { at: number; value: Promise<KnowledgeObjects> }>();

  async function files(orgId: string): Promise<Partial<Record<KnowledgeFileKind, string>>> {
    const r = await store.query({
      sql:
        'SELECT kind, argMax(text, updated_at) FROM knowledge_objects WHERE org_id = {org:String} ' +
        'GROUP BY kind ORDER BY kind',
      params: { org: orgId },
    });
    const out: Partial<Record<KnowledgeFileKind, string>> = {};
    for (const [kind, text] of r.rows)
      if (typeof kind === 'string' && isKnowledgeKind(kind) && typeof text === 'string' && text !== '')
        out[kind] = text;
    return out;
  }

  async function load(orgId: string): Promise<KnowledgeObjects> {
    const all = await files(orgId);
    const parsed = KNOWLEDGE_KINDS.flatMap((k) => {
      const text = all[k];
      return text === undefined ? [] : [parseKnowledgeConf(k, text).objects];
    });
    return parsed.length === 0 ? noKnowledge : mergeKnowledge(...parsed);
  }

  async function write(orgId: string, kind: KnowledgeFileKind, text: string): Promise<void> {
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
      const { errors } = parseKnowledgeConf(kind, text, `${kind}.conf`);
      if (errors.length > 0) return { errors };
      await write(orgId, kind, text);
      return { errors: [] };
    },
    remove: (orgId, kind) => write(orgId, kind, ''),
  };
}
