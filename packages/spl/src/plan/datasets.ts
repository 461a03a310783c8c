// Results of several searches merged into one: the shared part of `multisearch`, `union` and `set`.

import type { GenericArg, GenericCommand, Ident, Pipeline } from '../ast.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Rel } from '../ir/types.ts';
import { col } from '../ir/types.ts';
import { concatAll } from './append.ts';
import type { PlanOptions, State } from './index.ts';
import { datasetEvents, resolveDataset } from './datamodel.ts';
import type { TimeRange } from '../analyse/index.ts';
import type { SearchContext } from './search.ts';
import { inputlookup } from './lookup.ts';

/** A subsearch argument of a command parsed with the generic grammar. */
export type SubsearchArg = Extract<GenericArg, { kind: 'generic-subsearch' }>;

/** The `[ … ]` arguments of `c`, in order. */
export const subsearchArgs = (c: GenericCommand): SubsearchArg[] =>
  c.args.filter((a): a is SubsearchArg => a.kind === 'generic-subsearch');

/** Relation kinds that keep one output row per input event, in the events' order (Splunk's streaming commands). */
const streamingKinds: ReadonlySet<Rel['kind']> = new Set([
  'scan',
  'filter',
  'compute',
  'project',
  'expand',
  'lookup',
]);

/**
 * Whether `s` is raw events produced by streaming commands only (`search`, `eval`, `where`, `fields`,
 * `rex`, …): no `head`, `sort`, `dedup`, `stats` or subsearch merge changes which events there are or
 * their order.
 */
export function streaming(s: State): boolean {
  if (!s.scope.raw) return false;
  let r: Rel | undefined = s.rel;
  while (r) {
    if (!streamingKinds.has(r.kind)) return false;
    r = 'input' in r ? r.input : undefined;
  }
  return true;
}

/** Every subsearch planned in order; undefined when one cannot be (its diagnostics are reported). */
export function planAll(
  subs: readonly { readonly pipeline: Pipeline }[],
  planPipeline: (p: Pipeline) => State | undefined,
): State[] | undefined {
  const states = subs.map((s) => planPipeline(s.pipeline));
  return states.every((s): s is State => s !== undefined) ? states : undefined;
}

/**
 * The events of every state interleaved by `_time`, newest first, as Splunk merges streaming searches
 * (`multisearch`, and `union` of streaming datasets).
 */
export function mergeByTime(states: readonly State[]): State | undefined {
  if (states.length === 0) return undefined;
  const all = concatAll(states);
  // The sides are not sorted on their own: the sort orders them all.
  const merged: Rel = all.rel.kind === 'union' ? { ...all.rel, unordered: true } : all.rel;
  return {
    rel: {
      kind: 'sort',
      input: merged,
      keys: [{ expr: col('_time', 'time'), descending: true, mode: 'num' }],
    },
    scope: all.scope,
  };
}

/** Reports every argument of `c` that is not a subsearch (nor one of `options`): `what` says what it takes. */
export function onlySubsearches(
  c: GenericCommand,
  what: string,
  errors: Diagnostic[],
  options: readonly string[] = [],
): void {
  for (const a of c.args) {
    if (a.kind === 'generic-subsearch') continue;
    if (a.kind === 'option' && options.includes(a.key.name.toLowerCase())) continue;
    errors.push(diagnostic('semantic', `\`${c.name.name}\` takes ${what}`, argSpan(a)));
  }
}

export const argSpan = (a: GenericArg): Span => a.span;

/** What reading a dataset needs from the command's planning context. */
export interface DatasetContext {
  readonly options: PlanOptions;
  readonly errors: Diagnostic[];
  readonly range: TimeRange;
  readonly subsearch: SearchContext['subsearch'];
  /** The query text: a query that names `_indextime` reads it (as `search` does). */
  readonly text?: string;
}

/**
 * `datamodel:Model.Dataset` (or `Model` alone for a model with one root dataset): the dataset's events, with
 * their own field names.
 */
function dataModelEvents(name: Ident, ctx: DatasetContext): State | undefined {
  const dot = name.name.indexOf('.');
  const model = dot < 0 ? name.name : name.name.slice(0, dot);
  const dataset =
    dot < 0
      ? undefined
      : name.name
          .slice(dot + 1)
          .split('.')
          .pop();
  const at = { model: name.span, dataset: name.span };
  const resolved = resolveDataset(ctx.options, model, dataset, at, ctx.errors);
  if (!resolved) return undefined;
  const indexTime = /_indextime/i.test(ctx.text ?? '');
  return datasetEvents(
    resolved,
    ctx.options,
    ctx.range,
    name.span,
    ctx.subsearch,
    ctx.errors,
    false,
    indexTime,
  );
}

/**
 * A named dataset (`from`, `union`): `lookup:<table>` / `inputlookup:<table>` read the tenant's lookup
 * table; the other types are diagnostics at `type`'s span. Undefined when it cannot be read.
 */
export function readDataset(type: Ident, name: Ident, at: Span, ctx: DatasetContext): State | undefined {
  const { options, errors } = ctx;
  const kind = type.name.toLowerCase();
  if (kind === 'lookup' || kind === 'inputlookup') {
    return inputlookup(
      { kind: 'inputlookup', name: type, span: at, options: [], table: name },
      options,
      errors,
      undefined,
    );
  }
  if (kind === 'datamodel') return dataModelEvents(name, ctx);
  if (kind === 'savedsearch') {
    errors.push(
      diagnostic('unsupported', 'Nexus has no saved searches: a saved search cannot be read', type.span, [
        'paste the saved search into a subsearch, `[search …]`',
      ]),
    );
  } else {
    errors.push(
      diagnostic('semantic', `unknown dataset type \`${type.name}\``, type.span, [
        'a dataset is `lookup:<table>`, `inputlookup:<table>`, `savedsearch:<name>` or `datamodel:<name>`',
      ]),
    );
  }
  return undefined;
}

/** `type:name` written as one word (a `union` argument): its two parts, each with its own span. */
export function datasetWord(text: string, at: Span): { type: Ident; name: Ident } | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) return undefined;
  const part = (from: number, to: number): Ident => ({
    kind: 'ident',
    name: text.slice(from, to).replace(/^"(.*)"$/, '$1'),
    quoted: false,
    span: { start: at.start + from, end: at.start + to },
  });
  return { type: part(0, colon), name: part(colon + 1, text.length) };
}
