// Wires the SPL language into one Monaco instance: tokenizer, configuration, completion, and error markers.

import type { Monaco, MonacoEditor, monacoTypes } from '@grafana/ui';
import type { SplCatalog } from './catalog.ts';
import { EMPTY_CATALOG } from './catalog.ts';
import { itemsFor, rank } from './completions.ts';
import type { CompletionSources, ItemKind } from './completions.ts';
import { completionContext } from './context.ts';
import type { SplDiagnostic } from './markers.ts';
import { Latest, markerRange } from './markers.ts';
import { SPL_LANGUAGE_ID, splLanguageConfiguration, splMonarch } from './monarch.ts';
import type { Lexicon } from './tokens.ts';

/** What completion needs for one editor (one model): the catalogue and the probes of its data source. */
export type ModelSources = CompletionSources;

interface Registration {
  readonly sources: WeakMap<monacoTypes.editor.ITextModel, ModelSources>;
  catalogKey: string;
}

/** One registration per Monaco instance: several query editors (and data sources) share it. */
const registrations = new WeakMap<Monaco, Registration>();

export function lexiconOf(catalog: SplCatalog): Lexicon {
  return {
    commands: new Set(catalog.commands.map((c) => c.name)),
    functions: new Set([...catalog.evalFunctions, ...catalog.statsFunctions].map((f) => f.name)),
  };
}

function itemKind(monaco: Monaco, k: ItemKind): monacoTypes.languages.CompletionItemKind {
  const K = monaco.languages.CompletionItemKind;
  switch (k) {
    case 'command':
      return K.Keyword;
    case 'option':
      return K.Property;
    case 'function':
      return K.Function;
    case 'field':
      return K.Field;
    case 'index':
      return K.Module;
    case 'value':
      return K.Value;
    case 'keyword':
      return K.Operator;
  }
}

/** Registers `spl` on this Monaco instance (once) with completion that asks each model's sources. */
export function registerSpl(monaco: Monaco): void {
  if (registrations.has(monaco)) return;
  const reg: Registration = { sources: new WeakMap(), catalogKey: '' };
  registrations.set(monaco, reg);
  if (!monaco.languages.getLanguages().some((l) => l.id === SPL_LANGUAGE_ID))
    monaco.languages.register({ id: SPL_LANGUAGE_ID });
  monaco.languages.setLanguageConfiguration(SPL_LANGUAGE_ID, splLanguageConfiguration);
  monaco.languages.setMonarchTokensProvider(SPL_LANGUAGE_ID, splMonarch(lexiconOf(EMPTY_CATALOG)));
  monaco.languages.registerCompletionItemProvider(SPL_LANGUAGE_ID, {
    triggerCharacters: ['|', '=', ' ', '(', '"', ','],
    provideCompletionItems: async (model, position) => {
      const given = reg.sources.get(model);
      if (!given) return { suggestions: [] };
      // Asked before the catalogue arrived: wait for it rather than offer nothing.
      const sources =
        given.catalog.commands.length > 0 || !given.catalogReady
          ? given
          : { ...given, catalog: await given.catalogReady.catch(() => given.catalog) };
      const before = model.getValueInRange({
        startLineNumber: 1,
        startColumn: 1,
        endLineNumber: position.lineNumber,
        endColumn: position.column,
      });
      const optionsOf = (command: string): string[] =>
        sources.catalog.commands.find((c) => c.name === command)?.options.map((o) => o.name) ?? [];
      const ctx = completionContext(before, optionsOf);
      if (ctx.kind === 'none') return { suggestions: [] };
      const prefix = ctx.prefix;
      const items = rank(await itemsFor(ctx, sources), prefix);
      const range = {
        startLineNumber: position.lineNumber,
        endLineNumber: position.lineNumber,
        startColumn: Math.max(1, position.column - prefix.length),
        endColumn: position.column,
      };
      return {
        suggestions: items.map((item, i) => ({
          label: item.label,
          kind: itemKind(monaco, item.kind),
          insertText: item.insertText,
          ...(item.snippet
            ? { insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet }
            : {}),
          ...(item.detail ? { detail: item.detail } : {}),
          ...(item.documentation ? { documentation: item.documentation } : {}),
          sortText: String(i).padStart(5, '0'),
          // Monaco filters by the word at the cursor itself; our ranking already did.
          filterText: prefix + item.label,
          range,
          ...(item.kind === 'command' || item.kind === 'option'
            ? { command: { id: 'editor.action.triggerSuggest', title: 'more' } }
            : {}),
        })),
      };
    },
  });
}

/** Gives the model of one editor its completion sources; re-highlights when the catalogue is new. */
export function attachSources(
  monaco: Monaco,
  model: monacoTypes.editor.ITextModel,
  sources: ModelSources,
): void {
  registerSpl(monaco);
  const reg = registrations.get(monaco);
  if (!reg) return;
  reg.sources.set(model, sources);
  const key = JSON.stringify([sources.catalog.commands.length, sources.catalog.evalFunctions.length]);
  if (sources.catalog.commands.length > 0 && key !== reg.catalogKey) {
    reg.catalogKey = key;
    monaco.languages.setMonarchTokensProvider(SPL_LANGUAGE_ID, splMonarch(lexiconOf(sources.catalog)));
  }
}

export const MARKER_OWNER = 'nexus-spl';

/** Shows diagnostics as error markers on the editor's model (none: clears them). */
export function showDiagnostics(
  monaco: Monaco,
  editor: MonacoEditor,
  diagnostics: readonly SplDiagnostic[],
): void {
  const model = editor.getModel();
  if (!model) return;
  monaco.editor.setModelMarkers(
    model,
    MARKER_OWNER,
    diagnostics.map((d) => ({ ...markerRange(d, model), severity: monaco.MarkerSeverity.Error })),
  );
}

export const VALIDATE_DELAY_MS = 400;

/**
 * Validates as the user types: `validate` runs `delayMs` after the last change; an answer for text that has
 * changed since is dropped. Returns the disposer.
 */
export function validateOnChange(
  monaco: Monaco,
  editor: MonacoEditor,
  validate: (spl: string) => Promise<readonly SplDiagnostic[]>,
  delayMs = VALIDATE_DELAY_MS,
): () => void {
  const latest = new Latest();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = (): void => {
    const ticket = latest.next();
    const spl = editor.getValue();
    if (spl.trim() === '') {
      showDiagnostics(monaco, editor, []);
      return;
    }
    validate(spl).then(
      (ds) => {
        if (latest.isCurrent(ticket) && editor.getValue() === spl) showDiagnostics(monaco, editor, ds);
      },
      () => {
        // Validation is a hint: an unreachable backend leaves the markers as they were.
      },
    );
  };
  const sub = editor.onDidChangeModelContent(() => {
    latest.next();
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(run, delayMs);
  });
  run();
  return () => {
    if (timer !== undefined) clearTimeout(timer);
    sub.dispose();
  };
}
