// `datamodel`: describes data models (their JSON) or searches a dataset's events.

import type { FieldPattern, GenericCommand } from '../ast.ts';
import type { Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import { datasetToJson, dataModelToJson } from '../datamodels/json.ts';
import type { Calculation, DataModel } from '../datamodels/types.ts';
import { baseFields, datasetFields, geoIpColumns, lineage } from '../datamodels/types.ts';
import { tenantLookup } from '../knowledge/apply.ts';
import type { KnowledgeObjects } from '../knowledge/types.ts';
import { noKnowledge } from '../knowledge/types.ts';
import { call, lit } from '../ir/types.ts';
import { compute, datasetEvents, resolveDataset } from '../plan/datamodel.ts';
import type { ResolvedDataset } from '../plan/datamodel.ts';
import { splFieldName, splQuoted } from '../plan/helpers.ts';
import type { State } from '../plan/index.ts';
import { Scope } from '../plan/scope.ts';
import { notFirst } from './unsupported.ts';
import type { CommandModule, PlanContext } from './types.ts';

/** The search modes that return events: `search` names fields `<Dataset>.<field>`, `flat` keeps their names. */
const EVENT_MODES = ['search', 'flat'] as const;
/** Modes that return the search string of a mode (one row, field `search`). */
const STRING_MODES = ['search_string', 'flat_string', 'acceleration_search_string'] as const;
/** The mode that returns the events the way the acceleration reads them (a root dataset's summary fields). */
const ACCELERATION_MODE = 'acceleration_search';
const OPTIONS = ['strict_fields', 'allow_old_summaries', 'summariesonly'];

type Word = { readonly text: string; readonly span: Span };

/**
 * Rows whose `_raw` is each JSON document, with `modelName` (and `objectName` for a dataset) as fields: what
 * `| datamodel`, `| datamodel <model>` and `| datamodel <model> <dataset>` return.
 */
function jsonRows(docs: readonly Record<string, unknown>[], ctx: PlanContext, at: Span): State {
  let state: State = {
    rel: { kind: 'values', count: docs.length === 0 ? 0 : 1, timeMs: ctx.options.nowMs },
    scope: Scope.closed([{ name: '_time', type: 'time' }]),
  };
  // JSON text has no raw newline (JSON.stringify escapes it), so one newline-separated literal carries them all.
  const list = call(
    'split',
    [lit(docs.map((d) => JSON.stringify(d)).join('\n'), at), lit('\n', at)],
    'mv',
    at,
  );
  state = compute(state, '_raw', list);
  state = {
    rel: { kind: 'expand', input: state.rel, name: '_raw', list: state.scope.resolve('_raw', at), limit: 0 },
    scope: state.scope.with('_raw', 'string'),
  };
  const raw = state.scope.resolve('_raw', at);
  state = compute(state, 'modelName', call('json_extract', [raw, lit('modelName', at)], 'string', at));
  return compute(state, 'objectName', call('json_extract', [raw, lit('objectName', at)], 'string', at));
}

/** The lineage (`Parent.Child`) of a dataset, as Splunk's JSON writes it. */
function lineageName(model: DataModel, name: string): string {
  const d = model.datasets.find((x) => x.name === name);
  const chain = d ? lineage(model, d) : undefined;
  return chain ? chain.map((x) => x.name).join('.') : name;
}

/** The SPL commands of one calculation (what the dataset's events get from it). */
function calculationSpl(
  c: Calculation,
  knowledge: KnowledgeObjects,
  options: Pick<PlanContext['options'], 'orgId' | 'lookups'>,
): string[] {
  switch (c.kind) {
    case 'lookup': {
      // The table the definition names, as the search reads it.
      const t = tenantLookup(c.lookup, knowledge, options);
      const table = typeof t === 'string' ? c.lookup : t.table.name;
      const pairs = (m: readonly { column: string; field: string }[]): string =>
        m
          .map((x) =>
            x.column === x.field
              ? splFieldName(x.column)
              : `${splFieldName(x.column)} AS ${splFieldName(x.field)}`,
          )
          .join(' ');
      return [`lookup ${table} ${pairs(c.inputs)} OUTPUT ${pairs(c.outputs)}`];
    }
    case 'rex':
      return [`rex field=${splFieldName(c.input)} ${splQuoted(c.expression)}`];
    case 'geoip': {
      const prefix = '__geo_';
      return [
        `iplocation prefix=${prefix} ${splFieldName(c.input)}`,
        `eval ${c.outputs.map((o) => `${splFieldName(o.field)}=${prefix}${o.column}`).join(', ')}`,
        `fields - ${geoIpColumns.map((g) => `${prefix}${g}`).join(', ')}`,
      ];
    }
    default:
      return [`eval ${splFieldName(c.field)}=${c.expression}`];
  }
}

/**
 * The search (SPL that Nexus runs) giving a dataset's events as a mode gives them: each dataset's constraint
 * then its calculations, root first; `search_string` then names each dataset field `<Dataset>.<field>` too,
 * `acceleration_search_string` keeps the fields a summary holds.
 */
export function datasetSearchString(
  d: ResolvedDataset,
  mode: (typeof STRING_MODES)[number],
  knowledge: KnowledgeObjects,
  options: Pick<PlanContext['options'], 'orgId' | 'lookups'>,
): string {
  const parts: string[] = [];
  for (const ds of d.chain) {
    if (ds.constraint.trim() !== '') parts.push(`search ${ds.constraint}`);
    for (const c of ds.calculations ?? []) parts.push(...calculationSpl(c, knowledge, options));
  }
  if (parts[0]?.startsWith('search ') !== true) parts.unshift('search *');
  if (mode === 'search_string') {
    const declared: string[] = [];
    for (const ds of d.chain)
      for (const f of ds.fields)
        declared.push(`${splFieldName(`${ds.name}.${f.name}`)}=${splFieldName(f.name)}`);
    if (declared.length > 0) parts.push(`eval ${declared.join(', ')}`);
  }
  if (mode === 'acceleration_search_string')
    parts.push(`fields ${summaryFields(d).map(splFieldName).join(', ')}`);
  return parts.join(' | ');
}

/** The fields an accelerated summary holds of a dataset's events: the base fields, then the dataset's own. */
function summaryFields(d: ResolvedDataset): string[] {
  const base = new Set(baseFields.map((f) => f.name));
  const fields = [...datasetFields(d.chain).keys()].filter((f) => !base.has(f));
  return ['_time', 'index', 'host', 'source', 'sourcetype', ...fields];
}

export function planDatamodel(c: GenericCommand, ctx: PlanContext): State | undefined {
  const words: Word[] = [];
  for (const a of c.args) {
    if (a.kind === 'generic-word') words.push({ text: a.text, span: a.span });
    else if (a.kind === 'option') {
      const key = a.key.name.toLowerCase();
      if (!OPTIONS.includes(key))
        ctx.errors.push(diagnostic('semantic', `\`datamodel\` has no option \`${a.key.name}\``, a.key.span));
    } else {
      ctx.errors.push(
        diagnostic('semantic', '`datamodel` takes a model, a dataset and a search mode', a.span),
      );
      return undefined;
    }
  }
  const at = c.name.span;
  const registry = ctx.options.datamodels;
  const [modelWord, second, third, ...rest] = words;
  if (rest[0]) {
    ctx.errors.push(
      diagnostic('semantic', `unexpected \`${rest[0].text}\` after the search mode`, rest[0].span),
    );
    return undefined;
  }
  if (!modelWord)
    return jsonRows(
      (registry?.names() ?? []).flatMap((n) => {
        const m = registry?.get(n);
        return m ? [dataModelToJson(m)] : [];
      }),
      ctx,
      at,
    );
  // The second word is a dataset, or (for a model with one root dataset) already the search mode.
  const isMode = (w: Word | undefined): boolean =>
    w !== undefined &&
    ([...EVENT_MODES, ...STRING_MODES, ACCELERATION_MODE] as readonly string[]).includes(
      w.text.toLowerCase(),
    );
  const model = registry?.get(modelWord.text);
  const secondIsMode = isMode(second) && !model?.datasets.some((d) => d.name === second?.text);
  const datasetWord = secondIsMode ? undefined : second;
  const modeWord = secondIsMode ? second : third;
  const resolved = resolveDataset(
    ctx.options,
    modelWord.text,
    datasetWord?.text,
    { model: modelWord.span, dataset: datasetWord?.span ?? modelWord.span },
    ctx.errors,
  );
  if (!resolved) return undefined;
  if (!modeWord) {
    if (!datasetWord) return jsonRows([dataModelToJson(resolved.model)], ctx, at);
    const d = resolved.chain[resolved.chain.length - 1];
    if (!d) return undefined;
    const json = { modelName: resolved.model.name, ...datasetToJson(d, lineageName(resolved.model, d.name)) };
    return jsonRows([json], ctx, at);
  }
  const mode = modeWord.text.toLowerCase();
  const stringMode = STRING_MODES.find((m) => m === mode);
  if (stringMode) {
    const text = datasetSearchString(resolved, stringMode, ctx.options.knowledge ?? noKnowledge, ctx.options);
    const row: State = {
      rel: { kind: 'values', count: 1, timeMs: ctx.options.nowMs },
      scope: Scope.closed([{ name: '_time', type: 'time' }]),
    };
    return compute(row, 'search', lit(text, modeWord.span));
  }
  const eventsOf = (prefixed: boolean): State =>
    datasetEvents(resolved, ctx.options, ctx.range, modeWord.span, ctx.subsearch, ctx.errors, prefixed);
  if (mode === ACCELERATION_MODE) {
    // Search Reference, datamodel: only root event datasets are accelerated this way.
    if (resolved.chain.length > 1) {
      ctx.errors.push(
        diagnostic(
          'semantic',
          `\`datamodel … acceleration_search\` works on root datasets only: \`${resolved.chain[resolved.chain.length - 1]?.name ?? ''}\` is a child of \`${resolved.chain[resolved.chain.length - 2]?.name ?? ''}\``,
          modeWord.span,
          ['use `flat`, or the root dataset'],
        ),
      );
      return undefined;
    }
    const events = eventsOf(false);
    const keep = summaryFields(resolved).map((f): FieldPattern => ({
      kind: 'field-pattern',
      pattern: f,
      quoted: false,
      span: modeWord.span,
    }));
    return ctx.lowerCommand(
      {
        kind: 'fields',
        name: { kind: 'ident', name: 'fields', quoted: false, span: modeWord.span },
        span: modeWord.span,
        mode: 'keep',
        fields: keep,
      },
      events,
    );
  }
  if (!(EVENT_MODES as readonly string[]).includes(mode)) {
    ctx.errors.push(
      diagnostic(
        'semantic',
        `\`${modeWord.text}\` is not a data model search mode (\`search\`, \`flat\`, \`acceleration_search\`, \`search_string\`, \`flat_string\`, \`acceleration_search_string\`)`,
        modeWord.span,
      ),
    );
    return undefined;
  }
  return eventsOf(mode === 'search');
}

export const datamodel: CommandModule<'generic'> = {
  name: 'datamodel',
  kind: 'generic',
  status: 'partly',
  generating: true,
  doc: {
    summary: 'Describes data models (their JSON), or searches a data model dataset’s events.',
    syntax:
      '| datamodel [<model>] [<dataset>] [search | flat | acceleration_search | search_string | flat_string | acceleration_search_string]',
    example: '| datamodel Endpoint Processes search | stats count by Processes.process_name',
    differences: [
      'The `*_string` modes return the search Nexus runs for the mode (one row, its field `search`), in Nexus’s SPL: each dataset’s constraint as `search`, its calculations as `eval`, `rex`, `lookup` and `iplocation`; it gives the same events when run, not the text Splunk would generate.',
      '`acceleration_search` (root datasets only, as in Splunk) returns the events with the fields a summary holds, read from the events, not from the summary (`tstats summariesonly=t` reads the summary).',
      '`strict_fields=` is accepted and changes nothing: a dataset’s events keep every field they have, as with `strict_fields=false`. With Splunk’s default (`true`), fields the data model does not define are left out; here they stay, so `table *` and `fields *` show them too.',
    ],
  },
  source: (c, ctx) => planDatamodel(c, ctx),
  lower: (c, s, ctx) => notFirst(c, s, ctx.errors),
};
