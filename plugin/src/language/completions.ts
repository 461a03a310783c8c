// Completion items for a cursor context: commands with their options, functions with signatures, indexes,
// fields and quoted values, ranked by how well they match what is typed.

import type { CatalogCommand, CatalogFunction, SplCatalog } from './catalog.ts';
import type { CompletionContext } from './context.ts';
import { insideQuotes, splValue } from './quote.ts';
import { BOOLEAN_KEYWORDS } from './tokens.ts';

export type ItemKind = 'command' | 'option' | 'function' | 'field' | 'index' | 'value' | 'keyword';

export interface Item {
  readonly label: string;
  readonly kind: ItemKind;
  /** Text to insert in place of the typed prefix; a Monaco snippet when `snippet`. */
  readonly insertText: string;
  readonly snippet?: boolean;
  readonly detail?: string;
  readonly documentation?: string;
  /** Lower sorts first among equally good matches. */
  readonly rank: number;
}

/** What the backend knows about the data; every call is bounded by the editor's time range. */
export interface CompletionSources {
  readonly catalog: SplCatalog;
  /** The catalogue once it has arrived, for a completion asked before (the first keystrokes of a page). */
  readonly catalogReady?: Promise<SplCatalog>;
  indexes(): Promise<readonly string[]>;
  /** Fields of the index the query searches (or the data source's default). */
  fields(): Promise<readonly string[]>;
  values(field: string): Promise<ReadonlyArray<{ value: unknown; count: number }>>;
}

const BOOL_VALUES = ['true', 'false'];

function commandItem(c: CatalogCommand): Item {
  const options = c.options.map((o) => `${o.name}=`).join(' ');
  return {
    label: c.name,
    kind: 'command',
    insertText: `${c.name} `,
    detail: c.syntax,
    documentation: [c.doc, options ? `Options: ${options}` : '', c.example ? `Example: ${c.example}` : '']
      .filter(Boolean)
      .join('\n\n'),
    rank: c.generating ? 1 : 0,
  };
}

function optionItems(c: CatalogCommand | undefined): Item[] {
  return (c?.options ?? []).map((o) => ({
    label: `${o.name}=`,
    kind: 'option',
    insertText: `${o.name}=`,
    detail: `${c?.name ?? ''} option (${o.type}${o.values ? `: ${o.values.join(' | ')}` : ''})`,
    rank: 1,
  }));
}

function functionItem(f: CatalogFunction): Item {
  // `count` takes no argument in `stats count`; every other call gets its parentheses and a placeholder.
  const insertText = f.minArgs === 0 && f.maxArgs <= 1 ? f.name : `${f.name}($1)`;
  return {
    label: f.name,
    kind: 'function',
    insertText,
    snippet: insertText.includes('$1'),
    detail: f.signature,
    ...(f.doc ? { documentation: f.doc } : {}),
    rank: 1,
  };
}

function fieldItems(fields: readonly string[], suffix = ''): Item[] {
  return fields.map((f) => ({
    label: f,
    kind: 'field',
    insertText: `${/^[A-Za-z_][\w.]*$/.test(f) ? f : splValue(f)}${suffix}`,
    detail: 'field',
    rank: f.startsWith('_') ? 3 : 2,
  }));
}

const keywordItems = (): Item[] =>
  BOOLEAN_KEYWORDS.map((k) => ({ label: k, kind: 'keyword', insertText: `${k} `, rank: 4 }));

async function safe<T>(p: Promise<readonly T[]>): Promise<readonly T[]> {
  try {
    return await p;
  } catch {
    // A failed probe leaves completion with what the catalogue offers.
    return [];
  }
}

/** The items for a context, unranked. */
export async function itemsFor(ctx: CompletionContext, src: CompletionSources): Promise<Item[]> {
  const cat = src.catalog;
  const command = 'command' in ctx ? cat.commands.find((c) => c.name === ctx.command) : undefined;
  switch (ctx.kind) {
    case 'none':
      return [];
    case 'command':
      return cat.commands.map(commandItem);
    case 'index':
      return (await safe(src.indexes())).map((name) => ({
        label: name,
        kind: 'index',
        insertText: ctx.quoted ? insideQuotes(name) : splValue(name),
        detail: 'index',
        rank: 0,
      }));
    case 'value':
      return (await safe(src.values(ctx.field))).map((v, i) => ({
        label: typeof v.value === 'string' ? v.value : JSON.stringify(v.value),
        kind: 'value',
        insertText: ctx.quoted ? insideQuotes(v.value) : splValue(v.value),
        detail: `${v.count} events`,
        rank: i,
      }));
    case 'option-value': {
      const o = command?.options.find((x) => x.name === ctx.option);
      const values = o?.type === 'bool' ? BOOL_VALUES : (o?.values ?? []);
      return values.map((v) => ({ label: v, kind: 'value', insertText: v, rank: 0 }));
    }
    case 'eval':
      return [
        ...cat.evalFunctions.map(functionItem),
        ...fieldItems(await safe(src.fields())),
        ...keywordItems(),
      ];
    case 'stats':
      return [
        ...cat.statsFunctions.map(functionItem),
        ...optionItems(command),
        { label: 'BY', kind: 'keyword', insertText: 'BY ', rank: 5 },
      ];
    case 'field':
      return fieldItems(await safe(src.fields()));
    case 'search':
      return [...fieldItems(await safe(src.fields()), '='), ...keywordItems()];
    case 'args':
      return [...optionItems(command), ...fieldItems(await safe(src.fields()))];
  }
}

/**
 * Keeps the items that match the typed prefix (case-insensitive) and orders them: exact prefix matches,
 * then matches inside the label; within each, by rank, then by label.
 *
 * @example rank(items, 'co') // [count, coalesce, …, dc (no: 'dc' does not contain 'co')]
 */
export function rank(items: readonly Item[], prefix: string): Item[] {
  const p = prefix.toLowerCase().replace(/^"/, '');
  const score = (i: Item): number => {
    const l = i.label.toLowerCase();
    if (p === '') return 0;
    if (l.startsWith(p)) return 0;
    if (l.includes(p)) return 1;
    return -1;
  };
  return items
    .map((item) => ({ item, s: score(item) }))
    .filter((x) => x.s >= 0)
    .sort((a, b) => a.s - b.s || a.item.rank - b.item.rank || a.item.label.localeCompare(b.item.label))
    .map((x) => x.item);
}
