// The SPL catalogue as nexus-api serves it (`GET catalog`): commands, their options, eval and stats functions.

// The wire types are nexus-api's own (type-only: nothing of the server is bundled by this import).
import type { CatalogCommand, CatalogFunction, CatalogOption, SplCatalog } from '@nexus/spl';
import type { OptionType } from '@nexus/spl';

export type { CatalogCommand, CatalogFunction, CatalogOption, SplCatalog } from '@nexus/spl';
export type { OptionType } from '@nexus/spl';

export const EMPTY_CATALOG: SplCatalog = { commands: [], evalFunctions: [], statsFunctions: [] };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
}

const OPTION_TYPES: readonly string[] = ['bool', 'int', 'number', 'span', 'time', 'string', 'enum'];
const isOptionType = (s: string): s is OptionType => OPTION_TYPES.includes(s);

function option(v: unknown): CatalogOption | undefined {
  if (!isObject(v) || typeof v['name'] !== 'string' || typeof v['type'] !== 'string') return undefined;
  const values = strings(v['values']);
  const type = v['type'];
  if (!isOptionType(type)) return undefined;
  return { name: v['name'], type, ...(values ? { values } : {}) };
}

function fn(v: unknown): CatalogFunction | undefined {
  if (!isObject(v) || typeof v['name'] !== 'string') return undefined;
  return {
    name: v['name'],
    signature: typeof v['signature'] === 'string' ? v['signature'] : `${v['name']}()`,
    doc: typeof v['doc'] === 'string' ? v['doc'] : '',
    minArgs: typeof v['minArgs'] === 'number' ? v['minArgs'] : 0,
    maxArgs: typeof v['maxArgs'] === 'number' ? v['maxArgs'] : 64,
  };
}

/** Reads a `GET catalog` answer; malformed entries are dropped rather than trusted. */
export function parseCatalog(v: unknown): SplCatalog {
  if (!isObject(v)) return EMPTY_CATALOG;
  const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
  const commands = list(v['commands']).flatMap((c): CatalogCommand[] => {
    if (!isObject(c) || typeof c['name'] !== 'string') return [];
    return [
      {
        name: c['name'],
        syntax: typeof c['syntax'] === 'string' ? c['syntax'] : c['name'],
        doc: typeof c['doc'] === 'string' ? c['doc'] : '',
        example: typeof c['example'] === 'string' ? c['example'] : '',
        generating: c['generating'] === true,
        options: list(c['options']).flatMap((o) => option(o) ?? []),
      },
    ];
  });
  return {
    commands,
    evalFunctions: list(v['evalFunctions']).flatMap((f) => fn(f) ?? []),
    statsFunctions: list(v['statsFunctions']).flatMap((f) => fn(f) ?? []),
  };
}
