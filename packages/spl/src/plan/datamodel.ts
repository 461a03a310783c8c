// A data model dataset's events: the tenant's events with its knowledge objects, filtered by the dataset's
// constraint and every ancestor's. `tstats`, `datamodel`, `from datamodel:` and `pivot` all start here.

import type { SearchExpr } from '../ast.ts';
import { diagnostic, nearest } from '../diagnostics.ts';
import type { Diagnostic, Span } from '../diagnostics.ts';
import { datasetFields, lineage } from '../datamodels/types.ts';
import type { DataModel, Dataset } from '../datamodels/types.ts';
import type { Expr } from '../ir/types.ts';
import { applyKnowledge, expandTree, lookupOutputs, namedGroups, withSpan } from '../knowledge/apply.ts';
import { ipLocation } from '../geoip.ts';
import { noKnowledge } from '../knowledge/types.ts';
import { parse } from '../parser/index.ts';
import type { TimeRange } from '../analyse/index.ts';
import type { PlanOptions, State } from './index.ts';
import { Scope } from './scope.ts';
import { lowerEval } from './eval.ts';
import { exprContext, tenantScan, withIndexTime } from './helpers.ts';
import { lowerSearch } from './search.ts';
import type { SearchContext } from './search.ts';

/** A dataset with the model it belongs to and its lineage (root first, the dataset last). */
export interface ResolvedDataset {
  readonly model: DataModel;
  readonly chain: readonly Dataset[];
}

/**
 * The dataset `datasetName` of the data model `modelName` (a model with one root dataset may omit it), with
 * "did you mean" diagnostics for an unknown model or dataset.
 */
export function resolveDataset(
  options: PlanOptions,
  modelName: string,
  datasetName: string | undefined,
  at: { readonly model: Span; readonly dataset: Span },
  errors: Diagnostic[],
): ResolvedDataset | undefined {
  const model = options.datamodels?.get(modelName);
  if (!model) {
    errors.push(
      diagnostic(
        'semantic',
        `unknown data model \`${modelName}\``,
        at.model,
        nearest(modelName, options.datamodels?.names() ?? []).map((n) => `did you mean \`${n}\`?`),
      ),
    );
    return undefined;
  }
  const roots = model.datasets.filter((d) => d.parent === undefined);
  const dataset =
    datasetName === undefined
      ? roots.length === 1
        ? roots[0]
        : undefined
      : model.datasets.find((d) => d.name === datasetName);
  if (!dataset) {
    errors.push(
      diagnostic(
        'semantic',
        datasetName === undefined
          ? `data model \`${model.name}\` has several root datasets: name one, as \`${model.name}.${roots[0]?.name ?? 'Dataset'}\``
          : `data model \`${model.name}\` has no dataset \`${datasetName}\``,
        at.dataset,
        nearest(
          datasetName ?? '',
          model.datasets.map((d) => d.name),
        ).map((n) => `did you mean \`${model.name}.${n}\`?`),
      ),
    );
    return undefined;
  }
  const chain = lineage(model, dataset);
  if (!chain) {
    errors.push(
      diagnostic(
        'semantic',
        `data model \`${model.name}\`: dataset \`${dataset.name}\` has a missing or cyclic parent`,
        at.dataset,
      ),
    );
    return undefined;
  }
  return { model, chain };
}

/**
 * The tenant's events in the range, with its knowledge objects applied (extractions, aliases, calculated fields);
 * with `indexTimeField`, with the internal field `_indextime` too (a search that names it).
 */
export function tenantEvents(
  options: PlanOptions,
  range: TimeRange,
  at: Span,
  errors: Diagnostic[],
  indexTimeField = false,
): State {
  const scanned: State = { rel: tenantScan(options, range), scope: Scope.rawEvents() };
  const state = indexTimeField ? withIndexTime(scanned) : scanned;
  if (!options.knowledge) return state;
  return applyKnowledge(
    state,
    options.knowledge,
    at,
    {
      nowMs: options.nowMs,
      timeZone: options.timeZone ?? 'UTC',
      orgId: options.orgId,
      ...(options.lookups ? { lookups: options.lookups } : {}),
    },
    errors,
  );
}

/** The dataset's constraints (the root's first) as search expressions whose spans are `at`. */
export function constraints(chain: readonly Dataset[], at: Span, errors: Diagnostic[]): SearchExpr[] {
  const out: SearchExpr[] = [];
  for (const d of chain) {
    if (d.constraint.trim() === '') continue;
    const parsed = parse(`search ${d.constraint}`);
    const cmd = parsed.ast?.commands[0];
    if (parsed.errors.length > 0 || cmd?.kind !== 'search' || !cmd.expr) {
      errors.push(
        diagnostic(
          'semantic',
          `data model dataset \`${d.name}\`: its constraint \`${d.constraint}\` does not parse`,
          at,
        ),
      );
      continue;
    }
    out.push(withSpan(cmd.expr, at));
  }
  return out;
}

/** `s` filtered by each search expression in turn, with `eventtype=`/`tag=` expanded by the knowledge objects. */
export function filterBy(
  s: State,
  filters: readonly SearchExpr[],
  options: PlanOptions,
  subsearch: SearchContext['subsearch'],
  errors: Diagnostic[],
): State {
  let state = s;
  const knowledge = options.knowledge ?? noKnowledge;
  for (const f of filters) {
    const predicate = lowerSearch(expandTree(f, knowledge, errors), {
      scope: state.scope,
      diagnostics: errors,
      subsearch,
    });
    state = { rel: { kind: 'filter', input: state.rel, predicate }, scope: state.scope };
  }
  return state;
}

/**
 * `s` with `ds`'s calculations as fields (virtual: computed only where a search reads them): Eval the value of
 * its expression, Lookup the tenant lookup's output columns, Rex the regex's named groups, GeoIP the location
 * of the address (as `iplocation`). Problems are reported at `at` (the calculation is not in the query text).
 */
export function withCalculations(
  s: State,
  ds: Dataset,
  options: PlanOptions,
  at: Span,
  errors: Diagnostic[],
): State {
  let state = s;
  for (const c of ds.calculations ?? []) {
    if (c.kind === 'lookup') {
      const outputs = lookupOutputs(
        state,
        c.lookup,
        c.inputs,
        c.outputs,
        options.knowledge ?? noKnowledge,
        options,
        at,
      );
      if (typeof outputs === 'string') {
        errors.push(diagnostic('semantic', `the Lookup calculation of \`${ds.name}\`: ${outputs}`, at));
        continue;
      }
      for (const o of outputs) state = { rel: state.rel, scope: state.scope.withVirtual(o.field, o.expr) };
      continue;
    }
    if (c.kind === 'rex') {
      state = namedGroups(state, c.expression, c.input, c.outputs, at);
      continue;
    }
    if (c.kind === 'geoip') {
      const location = ipLocation(state.scope.resolve(c.input, at), 'en', at);
      for (const o of c.outputs)
        state = { rel: state.rel, scope: state.scope.withVirtual(o.field, location[o.column]) };
      continue;
    }
    const cmd = parse(`| makeresults | eval x=${c.expression}`).ast?.commands[1];
    const assignment = cmd?.kind === 'eval' ? cmd.assignments[0] : undefined;
    if (!assignment) {
      errors.push(
        diagnostic('semantic', `the calculation of \`${c.field}\` in \`${ds.name}\` does not parse`, at),
      );
      continue;
    }
    const found: Diagnostic[] = [];
    const expr = lowerEval(withSpan(assignment.expr, at), exprContext(state, options, found));
    errors.push(
      ...found.map((d) => ({
        ...d,
        message: `the calculation of \`${c.field}\` in \`${ds.name}\`: ${d.message}`,
      })),
    );
    state = { rel: state.rel, scope: state.scope.withVirtual(c.field, expr) };
  }
  return state;
}

/** Each dataset of `chain` in turn, root first: its constraint, then its calculations. */
export function datasetChain(
  s: State,
  chain: readonly Dataset[],
  options: PlanOptions,
  at: Span,
  subsearch: SearchContext['subsearch'],
  errors: Diagnostic[],
): State {
  let state = s;
  for (const ds of chain) {
    state = filterBy(state, constraints([ds], at, errors), options, subsearch, errors);
    state = withCalculations(state, ds, options, at, errors);
  }
  return state;
}

export function compute(s: State, name: string, expr: Expr): State {
  return {
    rel: { kind: 'compute', input: s.rel, name, expr },
    scope: s.scope.with(name, expr.type === 'null' ? 'any' : expr.type),
  };
}

/**
 * A dataset's events (Search Reference, "datamodel": the `search` and `flat` modes; "from": `datamodel:`).
 * `prefixed`: each field of the dataset is also given as `<Dataset>.<field>` (the dataset that declares it, as
 * `| datamodel … search` shows them); otherwise the events keep their own names (`flat`, `from`).
 * `indexTimeField`: the events carry `_indextime` (a search that names it, as `search` does).
 *
 * @example | from datamodel:Endpoint.Processes   // … FROM logs WHERE org_id = … AND (tag=process) AND (tag=report)
 */
export function datasetEvents(
  d: ResolvedDataset,
  options: PlanOptions,
  range: TimeRange,
  at: Span,
  subsearch: SearchContext['subsearch'],
  errors: Diagnostic[],
  prefixed: boolean,
  indexTimeField = false,
): State {
  let state = tenantEvents(options, range, at, errors, indexTimeField);
  state = datasetChain(state, d.chain, options, at, subsearch, errors);
  if (!prefixed) return state;
  const declared = new Map<string, string>();
  for (const ds of d.chain) for (const f of ds.fields) declared.set(f.name, ds.name);
  for (const name of datasetFields(d.chain).keys()) {
    const owner = declared.get(name);
    if (owner === undefined) continue; // a base field (`_time`, `host`, …) keeps its name
    // Virtual: a dataset has dozens of fields and a search reads a few (see `Scope.withVirtual`).
    state = {
      rel: state.rel,
      scope: state.scope.withVirtual(`${owner}.${name}`, state.scope.resolve(name, at)),
    };
  }
  return state;
}
